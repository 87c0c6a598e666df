/**
 * Speak while the model writes: from the end of the candidate's turn to Alex's first Opus
 * packet, with paced fakes (speech-to-text 150 ms; the model 300 ms to its first token, then
 * 60 tokens a second; text-to-speech 200 ms to the first audio), real time, the real voice
 * session in between. Two ways: the whole reply is waited for, then spoken; or the reply is
 * streamed and its first sentence synthesised as soon as it is complete.
 * Run: node bench/voice-streaming.ts   (needs espeak-ng)
 */
import { InterviewEngine } from '../src/engine/engine.ts';
import { MemoryKeyValueStore } from '../src/engine/store/memory-store.ts';
import { SessionStore } from '../src/engine/store/session-store.ts';
import type { Reply } from '../src/engine/types.ts';
import { float32ToInt16 } from '../src/audio/pcm.ts';
import { encodeWav } from '../src/audio/wav.ts';
import type { SpeechToText, TranscribeResult } from '../src/gpu/stt/types.ts';
import type { SynthesisResult, TextToSpeech } from '../src/gpu/tts/types.ts';
import { silentLogger } from '../src/logger.ts';
import { VoiceInterviewSession } from '../src/voice/session.ts';
import type { StreamedReply } from '../src/voice/session-options.ts';
import type { AudioSink } from '../src/voice/types.ts';
import { buildTimeline, speak, type SpeechTimeline } from '../test/audio/speech-fixtures.ts';
import { isMain, percentile, printFigures, r2 } from './stats.ts';

const STT_MS = 150;
const FIRST_TOKEN_MS = 300;
const TOKENS_PER_S = 60;
const TTS_FIRST_AUDIO_MS = 200;
const ANSWER = 'I led the migration of our billing service to a new database.';
const REPLY = 'Thanks, that is a clear example. Keeping both systems in sync for two weeks is hard to get right. What would you do differently if you ran the same migration again with half the team?';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const pacedStt: SpeechToText = {
  name: 'paced-stt',
  accepts: () => false,
  transcribe: async (): Promise<TranscribeResult> => {
    await sleep(STT_MS);
    return { text: ANSWER, provider: 'paced-stt', model: 'x', ms: STT_MS };
  },
};

const pacedTts: TextToSpeech = {
  name: 'paced-tts',
  synthesize: async (text): Promise<SynthesisResult> => {
    await sleep(TTS_FIRST_AUDIO_MS);
    const rate = 24_000;
    const x = new Float32Array(Math.round((text.length * 60 * rate) / 1000));
    for (let i = 0; i < x.length; i++) x[i] = 0.2 * Math.sin((2 * Math.PI * 200 * i) / rate);
    return { audio: encodeWav({ sampleRate: rate, channels: 1, samples: float32ToInt16(x) }), format: 'wav', sampleRate: rate, provider: 'paced-tts', ms: TTS_FIRST_AUDIO_MS };
  },
};

/** The model's reply as tokens of about four characters, paced like a hosted model. */
async function* pacedTokens(text: string): AsyncGenerator<string> {
  await sleep(FIRST_TOKEN_MS);
  const tokens = text.match(/.{1,4}/gs) ?? [];
  const t0 = performance.now();
  for (let i = 0; i < tokens.length; i++) {
    const wait = t0 + (i * 1000) / TOKENS_PER_S - performance.now();
    if (wait > 0) await sleep(wait);
    yield tokens[i]!;
  }
}

/** A streamed reply whose turn completes whether or not the text is read to the end. */
function streamed(reply: Reply): StreamedReply {
  const chunks: string[] = [];
  let done = false;
  const waker: { wake: (() => void) | null } = { wake: null };
  const full = (async () => {
    for await (const t of pacedTokens(REPLY)) {
      chunks.push(t);
      waker.wake?.();
    }
    done = true;
    waker.wake?.();
    return reply;
  })();
  async function* text(): AsyncGenerator<string> {
    let i = 0;
    while (true) {
      if (i < chunks.length) yield chunks[i++]!;
      else if (done) return;
      else await new Promise<void>((r) => (waker.wake = r));
    }
  }
  return { text: text(), reply: full };
}

class FirstPacketSink implements AudioSink {
  onFirst: (() => void) | null = null;
  async play(packets: AsyncIterable<Buffer>, signal: AbortSignal): Promise<void> {
    for await (const _p of packets) {
      if (signal.aborted) break;
      this.onFirst?.();
      this.onFirst = null;
    }
  }
  stop(): void {}
}

async function run(mode: 'whole' | 'streamed', timelines: SpeechTimeline[], turns: number): Promise<number[]> {
  const engine = new InterviewEngine({ store: new SessionStore(new MemoryKeyValueStore()), logger: silentLogger() });
  const start = await engine.start({ key: `bench:stream:${mode}`, userKey: 'u', type: 'technical', mode: 'voice', seed: 5 });
  const reply: Reply = { ...start, messages: [REPLY] };
  const sink = new FirstPacketSink();
  const waits: number[] = [];
  let turnEndAt: number | null = null;
  sink.onFirst = null;
  const session = await VoiceInterviewSession.create({
    candidateId: 'c',
    speech: { stt: pacedStt, tts: pacedTts },
    sink,
    vad: { prefer: 'silero' },
    nudgeAfterMs: 600_000,
    logger: silentLogger(),
    onTurnEnd: () => {
      turnEndAt = performance.now();
      sink.onFirst = () => {
        if (turnEndAt !== null) waits.push(performance.now() - turnEndAt);
        turnEndAt = null;
      };
    },
    onAnswer: async () => {
      let text = '';
      for await (const t of pacedTokens(REPLY)) text += t;
      return { ...reply, messages: [text] };
    },
    ...(mode === 'streamed' ? { onAnswerStream: () => streamed(reply) } : {}),
    onTranscript: () => undefined,
  });
  try {
    for (let t = 0; t < turns; t++) {
      const tl = timelines[t % timelines.length]!;
      const t0 = performance.now();
      for (let i = 0; i < tl.packets.length; i++) {
        await session.push('c', tl.packets[i]!);
        const wait = t0 + (i + 1) * 20 - performance.now();
        if (wait > 0) await sleep(wait);
      }
      const until = performance.now() + 8000;
      while (waits.length <= t && performance.now() < until) await sleep(20);
      while (session.speaking) await sleep(20);
      await sleep(300);
    }
  } finally {
    await session.close();
  }
  return waits;
}

export async function runStreamingBench(turns = 10): Promise<Record<'whole' | 'streamed', { p50: number; p99: number; turns: number }>> {
  const clip = await speak(ANSWER.replace(/[.,]/g, ''));
  const timelines = [await buildTimeline([{ silenceMs: 200 }, { speech: clip }, { silenceMs: 100 }])];
  const stat = (xs: number[]) => ({ p50: r2(percentile(xs, 50)), p99: r2(percentile(xs, 99)), turns: xs.length });
  const whole = stat(await run('whole', timelines, turns));
  const streamedFigures = stat(await run('streamed', timelines, turns));
  return { whole, streamed: streamedFigures };
}

if (isMain(import.meta.url)) {
  const r = await runStreamingBench();
  printFigures(`Speak while the model writes (paced fakes: STT ${STT_MS} ms, model ${FIRST_TOKEN_MS} ms to first token then ${TOKENS_PER_S} tokens/s, TTS ${TTS_FIRST_AUDIO_MS} ms to first audio; real time)`, {
    'end of turn -> first Opus packet, whole reply first (ms)': `p50 ${r.whole.p50}, p99 ${r.whole.p99} over ${r.whole.turns} turns`,
    'end of turn -> first Opus packet, streamed reply (ms)': `p50 ${r.streamed.p50}, p99 ${r.streamed.p99} over ${r.streamed.turns} turns (goal p50 < 600)`,
  });
}
