/**
 * Turn-taking: does Alex wait while the candidate thinks, and answer soon when they are done?
 *
 * espeak-ng speaks 20 finished answers and 20 answers that stop mid-sentence for 1 to 2.5 s
 * (bench/turn-taking-answers.ts). Each goes as Discord-style Opus packets through the real
 * voice pipeline (decode, resample, Silero VAD, segmenter, listener, end-of-turn decision,
 * transcriber, session). Speech-to-text is a fake that answers each piece with the words it
 * holds after 150 ms of audio time, so the decision sees transcripts as late as it would live.
 * Audio is fed as fast as it goes; every time is audio time.
 *
 *  - false cut-off: Alex takes the turn while the candidate had more to say (during the pause)
 *  - wait: from the end of the candidate's last word to the moment the answer goes to the engine
 *
 * Printed for the adaptive rules and for a fixed 1.2 s silence, side by side.
 * Run: node bench/turn-taking.ts   (needs espeak-ng)
 */
import type { Reply } from '../src/engine/types.ts';
import type { SpeechToText, SttAudio, TranscribeOptions, TranscribeResult } from '../src/gpu/stt/types.ts';
import { silentLogger } from '../src/logger.ts';
import type { EndOfTurnOptions } from '../src/voice/end-of-turn.ts';
import { VoiceInterviewSession } from '../src/voice/session.ts';
import { buildTimeline, speak, type SpeechTimeline, type SpokenClip } from '../test/audio/speech-fixtures.ts';
import { RecordingSink, ScriptedStt, ToneTts } from '../test/voice/helpers/fake-speech.ts';
import { makeEngine } from '../test/helpers/engine.ts';
import { isMain, percentile, printFigures, r2 } from './stats.ts';
import { COMPLETE_ANSWERS, SPLIT_ANSWERS } from './turn-taking-answers.ts';

const STT_LATENCY_MS = 150;

interface Turn {
  kind: 'complete' | 'paused';
  timeline: SpeechTimeline;
  /** Clips in speaking order, with the text the transcriber writes for each. */
  heard: SpokenClip[];
  /** When the candidate starts again after the pause (paused answers). */
  resumeMs: number | null;
  lastWordEndMs: number;
}

export interface TurnTakingResult {
  turns: number;
  complete: number;
  paused: number;
  falseCutOffs: number;
  falseCutOffPct: number;
  meanWaitCompleteMs: number;
  p90WaitCompleteMs: number;
  meanWaitAllMs: number;
  missed: number;
}

/** espeak reads punctuation as pauses; the spoken form has none inside, so each part stays one piece. */
const spoken = (text: string) => text.replace(/[,.;:!?]/g, '').replace(/\s+/g, ' ').trim();

async function buildTurns(): Promise<Turn[]> {
  const turns: Turn[] = [];
  for (const text of COMPLETE_ANSWERS) {
    const clip = await speak(spoken(text));
    const timeline = await buildTimeline([{ silenceMs: 400 }, { speech: clip }, { silenceMs: 4000 }]);
    turns.push({ kind: 'complete', timeline, heard: [{ ...clip, text }], resumeMs: null, lastWordEndMs: timeline.speech.at(-1)!.endMs });
  }
  for (const a of SPLIT_ANSWERS) {
    const [before, after] = await Promise.all([speak(spoken(a.before)), speak(spoken(a.after))]);
    const timeline = await buildTimeline([{ silenceMs: 400 }, { speech: before }, { silenceMs: a.pauseMs }, { speech: after }, { silenceMs: 4000 }]);
    turns.push({ kind: 'paused', timeline, heard: [{ ...before, text: a.heard }, { ...after, text: a.after }], resumeMs: timeline.speech[1]!.startMs, lastWordEndMs: timeline.speech[1]!.endMs });
  }
  // Interleaved, as in a real interview.
  const out: Turn[] = [];
  for (let i = 0; i < COMPLETE_ANSWERS.length; i++) out.push(turns[i]!, turns[COMPLETE_ANSWERS.length + i]!);
  return out;
}

/** Recognises the pieces in order (by how much speech each holds); answers after STT_LATENCY_MS of audio time. */
class AudioTimeStt implements SpeechToText {
  readonly name = 'fake-whisper';
  private readonly inner: ScriptedStt;
  private readonly now: () => number;
  private waiting: { due: number; resolve: () => void }[] = [];

  constructor(inner: ScriptedStt, now: () => number) {
    this.inner = inner;
    this.now = now;
  }

  accepts(): boolean {
    return false;
  }

  async transcribe(audio: SttAudio, opts: TranscribeOptions = {}): Promise<TranscribeResult> {
    if (!('pcm16' in audio)) throw new Error('pcm only');
    const text = this.inner.recognise(audio.pcm16, audio.sampleRate, opts.prompt);
    await new Promise<void>((resolve) => this.waiting.push({ due: this.now() + STT_LATENCY_MS, resolve }));
    return { text, provider: this.name, model: 'fake', ms: STT_LATENCY_MS };
  }

  /** Releases the answers whose time has come. */
  tick(): void {
    const now = this.now();
    const ready = this.waiting.filter((w) => w.due <= now);
    this.waiting = this.waiting.filter((w) => w.due > now);
    for (const w of ready) w.resolve();
  }
}

/** `bare`: the transcriber writes no punctuation at all (some servers and models do not). */
export async function runTurnTaking(endOfTurn: EndOfTurnOptions, turns?: Turn[], opts: { bare?: boolean } = {}): Promise<TurnTakingResult> {
  const all = turns ?? (await buildTurns());
  const heard = all.flatMap((t) => t.heard).map((c) => (opts.bare ? { ...c, text: spoken(c.text).toLowerCase() } : c));
  const inner = await ScriptedStt.forClips(heard);
  let fed = 0;
  const stt = new AudioTimeStt(inner, () => fed);
  const { engine } = makeEngine();
  const start = await engine.start({ key: 'bench:turns', userKey: 'u', type: 'behavioral', mode: 'voice', seed: 3 });
  const reply: Reply = { ...start, messages: ['Thank you. Next question.'] };
  const answersAt: number[] = [];
  const session = await VoiceInterviewSession.create({
    candidateId: 'c',
    speech: { stt, tts: new ToneTts() },
    sink: new RecordingSink(0),
    endOfTurn,
    silenceClock: false,
    nudgeAfterMs: 600_000,
    vad: { prefer: 'silero' },
    logger: silentLogger(),
    onAnswer: async () => {
      answersAt.push(fed);
      return reply;
    },
    onTranscript: () => undefined,
  });
  let falseCutOffs = 0;
  let missed = 0;
  const waitsComplete: number[] = [];
  const waitsAll: number[] = [];
  try {
    for (const t of all) {
      const base = fed;
      const from = answersAt.length;
      for (const p of t.timeline.packets) {
        await session.push('c', p);
        fed += 20;
        stt.tick();
      }
      // Let the last reply finish before the next answer starts.
      for (let i = 0; i < 200 && session.speaking; i++) await new Promise((r) => setImmediate(r));
      const mine = answersAt.slice(from).map((x) => x - base);
      if (mine.length === 0) {
        missed++;
        continue;
      }
      if (t.resumeMs !== null && mine.some((x) => x < t.resumeMs!)) falseCutOffs++;
      else if (mine.length > 1) falseCutOffs++;
      const wait = mine.at(-1)! - t.lastWordEndMs;
      waitsAll.push(wait);
      if (t.kind === 'complete') waitsComplete.push(wait);
    }
  } finally {
    await session.close();
  }
  const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN);
  return {
    turns: all.length,
    complete: all.filter((t) => t.kind === 'complete').length,
    paused: all.filter((t) => t.kind === 'paused').length,
    falseCutOffs,
    falseCutOffPct: r2((falseCutOffs / all.length) * 100),
    meanWaitCompleteMs: Math.round(mean(waitsComplete)),
    p90WaitCompleteMs: Math.round(percentile(waitsComplete, 90)),
    meanWaitAllMs: Math.round(mean(waitsAll)),
    missed,
  };
}

if (isMain(import.meta.url)) {
  const turns = await buildTurns();
  const adaptive = await runTurnTaking({ mode: 'adaptive' }, turns);
  const fixed = await runTurnTaking({ mode: 'fixed', silenceMs: 1200 }, turns);
  const bare = await runTurnTaking({ mode: 'adaptive' }, turns, { bare: true });
  const line = (r: TurnTakingResult) =>
    `false cut-offs ${r.falseCutOffs}/${r.turns} (${r.falseCutOffPct} %), mean wait after finished answers ${r.meanWaitCompleteMs} ms (p90 ${r.p90WaitCompleteMs}), mean wait overall ${r.meanWaitAllMs} ms${r.missed ? `, ${r.missed} answers never taken` : ''}`;
  printFigures(`Turn-taking (${turns.length} espeak-ng answers: ${adaptive.complete} finished, ${adaptive.paused} with a 1-2.5 s pause mid-sentence; Silero VAD, transcripts 150 ms after each piece)`, {
    'adaptive end of turn (0.6 s finished / 3 s mid-sentence)': line(adaptive),
    'fixed 1.2 s silence': line(fixed),
    'adaptive, transcripts without punctuation': line(bare),
    targets: 'false cut-offs <= 5 %, mean wait after finished answers <= 700 ms',
  });
}
