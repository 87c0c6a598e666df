/**
 * Voice interview figures, with speech and model answering instantly so only the bot's own
 * work is measured:
 *  - added latency: from the end of the candidate's speech plus the end-of-turn silence
 *    window to the first Opus packet of Alex's reply (p50 / p99 over several turns), with
 *    the candidate's packets sent in real time and the silence reported by the wall-clock
 *    feeder, as in Discord. Twice: in-process fake providers, and the real OpenAI client
 *    over loopback to an instant OpenAI-compatible speech server (Ogg/Opus replies).
 *  - CPU of one live interview: a compressed simulation (a minute of interview audio fed
 *    as fast as it goes) scaled to % of one core, and a real-time run (candidate packets
 *    every 20 ms, silence reported by the clock, Alex's replies played at 20 ms a packet).
 * Run: node bench/voice.ts   (needs espeak-ng for the speech; falls back to a synthetic voice)
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadConfig } from '../src/config.ts';
import { InterviewEngine } from '../src/engine/engine.ts';
import { MemoryKeyValueStore } from '../src/engine/store/memory-store.ts';
import { SessionStore } from '../src/engine/store/session-store.ts';
import type { Reply } from '../src/engine/types.ts';
import { OggOpusMuxer } from '../src/audio/ogg-opus.ts';
import { OPUS_RATE, OpusPacketEncoder } from '../src/audio/opus.ts';
import { float32ToInt16, monoToStereo } from '../src/audio/pcm.ts';
import { encodeWav } from '../src/audio/wav.ts';
import { GpuHealth } from '../src/gpu/health.ts';
import { createSpeechStack } from '../src/gpu/stack.ts';
import type { SpeechToText, TranscribeResult } from '../src/gpu/stt/types.ts';
import type { SynthesisResult, TextToSpeech } from '../src/gpu/tts/types.ts';
import { silentLogger } from '../src/logger.ts';
import { VoiceInterviewSession, type VoiceInterviewOptions } from '../src/voice/session.ts';
import type { AudioSink, VoiceSpeech } from '../src/voice/types.ts';
import { buildTimeline, speak, type SpeechTimeline } from '../test/audio/speech-fixtures.ts';
import { isMain, percentile, printFigures, r2 } from './stats.ts';
import { capacityStep, instantCapacityStt, type CapacityStep } from './voice-capacity.ts';

const END_SILENCE_MS = 1200;
const ANSWER = 'I led the migration of our billing service to a new database, kept both systems in sync for two weeks, and we finished early with a third off the hosting bill.';
const CLIPS = ['I led the migration of our billing service.', 'We finished two weeks early.', 'The hardest part was keeping both systems in sync.', 'I would measure first, then fix the slowest query.'];

export interface VoiceBenchResult {
  speech: 'espeak-ng' | 'synthetic';
  vad: string;
  latency: Record<'inProcess' | 'loopbackHttp', { p50: number; p99: number; max: number; turns: number }>;
  cpu: { compressedPctOfCore: number; audioSeconds: number; candidateSeconds: number; alexSeconds: number; realTimePctOfCore: number; realTimeSeconds: number; pacingPctOfCore: number };
  capacity: CapacityStep[];
  /** Most concurrent interviews measured with every reply's first packet under 150 ms and the process under one core. */
  interviewsPerCore: number;
}

/** Takes packets as fast as they come; remembers when each playback's first packet arrived. */
class FirstPacketSink implements AudioSink {
  firsts: number[] = [];
  packets = 0;
  private waiter: ((t: number) => void) | null = null;
  async play(packets: AsyncIterable<Buffer>, signal: AbortSignal): Promise<void> {
    let first = true;
    for await (const _p of packets) {
      if (signal.aborted) break;
      this.packets++;
      if (first) {
        first = false;
        const t = performance.now();
        this.firsts.push(t);
        this.waiter?.(t);
        this.waiter = null;
      }
    }
  }
  stop(): void {}
  next(): Promise<number> {
    return new Promise((r) => (this.waiter = r));
  }
}

const instantStt: SpeechToText = {
  name: 'instant-stt',
  accepts: () => false,
  transcribe: async (): Promise<TranscribeResult> => ({ text: ANSWER, provider: 'instant-stt', model: 'x', ms: 0 }),
};

/** Any sentence: 24 kHz mono WAV, 60 ms per character (about a natural speaking rate). */
function instantTts(): TextToSpeech {
  return {
    name: 'instant-tts',
    synthesize: async (text): Promise<SynthesisResult> => ({ audio: toneWav(text.length * 60), format: 'wav', sampleRate: 24_000, provider: 'instant-tts', ms: 0 }),
  };
}

function toneWav(ms: number): Buffer {
  const rate = 24_000;
  const x = new Float32Array(Math.round((ms * rate) / 1000));
  for (let i = 0; i < x.length; i++) x[i] = 0.2 * Math.sin((2 * Math.PI * 200 * i) / rate) * (0.6 + 0.4 * Math.sin((2 * Math.PI * 3 * i) / rate));
  return encodeWav({ sampleRate: rate, channels: 1, samples: float32ToInt16(x) });
}

function oggTone(ms: number): Buffer {
  const n = Math.round((ms * OPUS_RATE) / 1000);
  const x = new Float32Array(n);
  for (let i = 0; i < n; i++) x[i] = 0.2 * Math.sin((2 * Math.PI * 200 * i) / OPUS_RATE);
  const enc = new OpusPacketEncoder({ channels: 2 });
  const mux = new OggOpusMuxer();
  const out = [...enc.encode(float32ToInt16(monoToStereo(x))), ...enc.flush()].map((p) => mux.write(p));
  enc.close();
  return Buffer.concat([...out, mux.end()]);
}

/** An OpenAI-compatible speech server that answers at once (no model behind it). */
async function instantSpeechServer(): Promise<{ url: string; close(): Promise<void> }> {
  const speech = oggTone(2500);
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      if (req.url === '/health') return void res.writeHead(200).end('OK');
      if (req.url === '/v1/audio/transcriptions') return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ text: ANSWER }));
      if (req.url === '/v1/audio/speech') return void res.writeHead(200, { 'content-type': 'audio/ogg' }).end(speech);
      res.writeHead(404).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }) };
}

async function clips(): Promise<{ source: VoiceBenchResult['speech']; timelines: SpeechTimeline[] }> {
  try {
    const spoken = await Promise.all(CLIPS.map((t) => speak(t)));
    return { source: 'espeak-ng', timelines: await Promise.all(spoken.map((c) => buildTimeline([{ speech: c }, { silenceMs: 100 }]))) };
  } catch {
    // A vowel-like buzz with syllable rhythm, for machines without espeak-ng (the energy detector judges it).
    const rate = 22_050;
    const syn = (s: number) => {
      const x = new Float32Array(Math.round(s * rate));
      for (let i = 0; i < x.length; i++) {
        let v = 0;
        for (let h = 1; h <= 8; h++) v += Math.sin((2 * Math.PI * 140 * h * i) / rate) / h;
        x[i] = 0.15 * v * (0.55 + 0.45 * Math.sin((2 * Math.PI * 4 * i) / rate));
      }
      return { text: 'synthetic', sampleRate: rate, samples: x, durationMs: s * 1000, voicedStartMs: 0, voicedEndMs: s * 1000 };
    };
    return { source: 'synthetic', timelines: await Promise.all([1.6, 1.2, 2, 1.4].map((s) => buildTimeline([{ speech: syn(s) }, { silenceMs: 100 }]))) };
  }
}

function engineFor(): { engine: InterviewEngine; start(): Promise<Reply> } {
  const engine = new InterviewEngine({ store: new SessionStore(new MemoryKeyValueStore()), logger: silentLogger() });
  let n = 0;
  return { engine, start: () => engine.start({ key: `bench:${n++}`, userKey: 'u', type: 'technical', mode: 'voice', seed: 5 }) };
}

/** A voice session answering into an offline engine; a finished interview is followed by a new one. */
async function benchSession(o: Pick<VoiceInterviewOptions, 'speech' | 'sink'> & Partial<VoiceInterviewOptions>, vadPrefer: 'silero' | 'energy'): Promise<VoiceInterviewSession> {
  const { engine, start } = engineFor();
  let current = await start();
  return VoiceInterviewSession.create({
    candidateId: 'c',
    endSilenceMs: END_SILENCE_MS,
    vad: { prefer: vadPrefer },
    onAnswer: async (text) => {
      const r = await engine.handleSession(current.sessionId, { kind: 'answer', text });
      if (r.done) current = await start();
      return r;
    },
    onTranscript: () => undefined,
    ...o,
  });
}

/** Real-time turns: packets paced at 20 ms, then nothing (the silence clock reports the quiet). */
async function latency(speech: VoiceSpeech, timelines: SpeechTimeline[], turns: number, vadPrefer: 'silero' | 'energy'): Promise<{ added: number[]; vad: string }> {
  const sink = new FirstPacketSink();
  const session = await benchSession(
    {
      speech,
      sink,
      nudgeAfterMs: 600_000,
    },
    vadPrefer,
  );
  const added: number[] = [];
  try {
    for (let t = 0; t < turns; t++) {
      const tl = timelines[t % timelines.length]!;
      const speechEnd = tl.speech[0]!.endMs;
      const first = sink.next();
      const t0 = performance.now();
      for (let i = 0; i < tl.packets.length; i++) {
        await session.push('c', tl.packets[i]!);
        const wait = t0 + (i + 1) * 20 - performance.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      }
      const firstPacketAt = await Promise.race([first, new Promise<number>((r) => setTimeout(() => r(NaN), 10_000))]);
      added.push(firstPacketAt - (t0 + speechEnd + END_SILENCE_MS));
      while (session.speaking) await new Promise((r) => setTimeout(r, 20));
      await new Promise((r) => setTimeout(r, 300));
    }
  } finally {
    await session.close();
  }
  return { added: added.filter((x) => Number.isFinite(x)), vad: vadPrefer };
}

/** A minute (or more) of interview audio fed as fast as it goes, silences reported as the clock would. */
async function compressedCpu(timelines: SpeechTimeline[], vadPrefer: 'silero' | 'energy'): Promise<{ cpuS: number; candidateS: number; alexS: number }> {
  const sink = new FirstPacketSink();
  const session = await benchSession(
    {
      speech: { stt: instantStt, tts: instantTts() },
      sink,
      nudgeAfterMs: 600_000,
      silenceClock: false,
    },
    vadPrefer,
  );
  const cpu0 = process.cpuUsage();
  let audioMs = 0;
  let i = 0;
  // One answer: two clips with a thinking pause, then the end-of-turn silence and a gap while Alex talks.
  while (audioMs < 60_000) {
    for (const tl of [timelines[i % timelines.length]!, timelines[(i + 1) % timelines.length]!]) {
      for (const p of tl.packets) await session.push('c', p);
      audioMs += tl.durationMs;
      await session.pushSilence(700);
      audioMs += 700;
    }
    await session.pushSilence(1500);
    audioMs += 1500;
    while (session.speaking) await new Promise((r) => setImmediate(r));
    i += 2;
  }
  const cpu = process.cpuUsage(cpu0);
  await session.close();
  return { cpuS: (cpu.user + cpu.system) / 1e6, candidateS: audioMs / 1000, alexS: (sink.packets * 20) / 1000 };
}

/** Plays like Discord's player: one packet per 20 ms. */
class RealTimeSink implements AudioSink {
  async play(packets: AsyncIterable<Buffer>, signal: AbortSignal): Promise<void> {
    const t0 = performance.now();
    let n = 0;
    for await (const _p of packets) {
      if (signal.aborted) break;
      const wait = t0 + ++n * 20 - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    }
  }
  stop(): void {}
}

/**
 * Real time, turn by turn: the candidate answers (packets every 20 ms), goes quiet (no
 * packets: the silence clock reports it), Alex's reply plays at 20 ms per packet, the
 * candidate thinks for a second, and so on. CPU over wall time, timers and all.
 */
async function realTimeCpu(timelines: SpeechTimeline[], seconds: number, vadPrefer: 'silero' | 'energy'): Promise<number> {
  const session = await benchSession(
    {
      speech: { stt: instantStt, tts: instantTts() },
      sink: new RealTimeSink(),
    },
    vadPrefer,
  );
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let k = 0;
  while (performance.now() - t0 < seconds * 1000) {
    const tl = timelines[k++ % timelines.length]!;
    const s = performance.now();
    for (let i = 0; i < tl.packets.length; i++) {
      await session.push('c', tl.packets[i]!);
      const wait = s + (i + 1) * 20 - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    }
    // Quiet until the turn ends and Alex has finished speaking, then a moment to think.
    const quietFrom = performance.now();
    while (performance.now() - quietFrom < END_SILENCE_MS + 200 || session.speaking) await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, 1000));
  }
  const cpu = process.cpuUsage(cpu0);
  const wall = (performance.now() - t0) / 1000;
  await session.close();
  return ((cpu.user + cpu.system) / 1e6 / wall) * 100;
}

/** What a 20 ms packet sender and a 20 ms player cost on their own here (timer wake-ups), for scale. */
async function pacingCpu(seconds: number): Promise<number> {
  const a = setInterval(() => undefined, 20);
  const b = setInterval(() => undefined, 20);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await new Promise((r) => setTimeout(r, seconds * 1000));
  const cpu = process.cpuUsage(cpu0);
  clearInterval(a);
  clearInterval(b);
  return ((cpu.user + cpu.system) / 1e6 / ((performance.now() - t0) / 1000)) * 100;
}

export async function runVoiceBench(opts: { turns?: number; realTimeSeconds?: number; capacity?: number[]; capacitySeconds?: number } = {}): Promise<VoiceBenchResult> {
  const { source, timelines } = await clips();
  const vadPrefer = source === 'espeak-ng' ? 'silero' : 'energy';
  const turns = opts.turns ?? 8;
  const inProc = await latency({ stt: instantStt, tts: instantTts() }, timelines, turns, vadPrefer);

  const server = await instantSpeechServer();
  const config = loadConfig({ LOG_LEVEL: 'silent', EDGE_TTS_ENABLED: 'false', GPU_SERVER_URL: server.url });
  const health = new GpuHealth({ url: server.url, intervalMs: 600_000 });
  await health.check();
  const stack = createSpeechStack({ config, health });
  const http = await latency(stack, timelines, turns, vadPrefer);
  await server.close();

  const compressed = await compressedCpu(timelines, vadPrefer);
  const realTimeSeconds = opts.realTimeSeconds ?? 40;
  const realTime = await realTimeCpu(timelines, realTimeSeconds, vadPrefer);
  const pacing = await pacingCpu(5);
  const capacity: CapacityStep[] = [];
  for (const n of opts.capacity ?? [10, 25, 50, 75]) {
    const step = await capacityStep(n, opts.capacitySeconds ?? 15, timelines, instantCapacityStt, instantTts());
    capacity.push(step);
    if (step.p99 >= 150 || step.cpuPctOfCore >= 100) break;
  }
  const holds = capacity.filter((c) => c.p99 < 150 && c.cpuPctOfCore < 100 && c.replies > 0);
  const stat = (xs: number[]) => ({ p50: r2(percentile(xs, 50)), p99: r2(percentile(xs, 99)), max: r2(Math.max(...xs)), turns: xs.length });
  return {
    speech: source,
    vad: inProc.vad,
    latency: { inProcess: stat(inProc.added), loopbackHttp: stat(http.added) },
    cpu: {
      compressedPctOfCore: r2((compressed.cpuS / (compressed.candidateS + compressed.alexS)) * 100),
      audioSeconds: r2(compressed.candidateS + compressed.alexS),
      candidateSeconds: r2(compressed.candidateS),
      alexSeconds: r2(compressed.alexS),
      realTimePctOfCore: r2(realTime),
      realTimeSeconds,
      pacingPctOfCore: r2(pacing),
    },
    capacity,
    interviewsPerCore: holds.length ? holds.at(-1)!.sessions : 0,
  };
}

if (isMain(import.meta.url)) {
  const r = await runVoiceBench();
  printFigures(`Voice interview (${r.speech} speech, ${r.vad} VAD, end-of-turn silence ${END_SILENCE_MS} ms, instant speech and model)`, {
    'added latency, in-process fakes (ms)': `p50 ${r.latency.inProcess.p50}, p99 ${r.latency.inProcess.p99}, max ${r.latency.inProcess.max} over ${r.latency.inProcess.turns} turns (target < 150)`,
    'added latency, real client over loopback (ms)': `p50 ${r.latency.loopbackHttp.p50}, p99 ${r.latency.loopbackHttp.p99}, max ${r.latency.loopbackHttp.max} over ${r.latency.loopbackHttp.turns} turns`,
    'CPU, compressed interview (% of a core)': `${r.cpu.compressedPctOfCore} (${r.cpu.audioSeconds} s of interview: ${r.cpu.candidateSeconds} s candidate, ${r.cpu.alexSeconds} s Alex; target < 3)`,
    'CPU, real time, replies played at 20 ms/packet (% of a core)': `${r.cpu.realTimePctOfCore} over ${r.cpu.realTimeSeconds} s (WAV replies, so Alex's voice is Opus-encoded too; of which ${r.cpu.pacingPctOfCore} is the simulated sender's and player's 20 ms timers alone)`,
    ...Object.fromEntries(
      r.capacity.map((c) => [
        `${c.sessions} live interviews at once`,
        `process ${c.cpuPctOfCore} % of a core (${c.perInterviewPct} % per interview), first packet after end of turn p50 ${c.p50} ms, p99 ${c.p99} ms over ${c.replies} replies`,
      ]),
    ),
    'voice interviews per core (every first packet < 150 ms)': `${r.interviewsPerCore}${r.capacity.length && r.interviewsPerCore === r.capacity.at(-1)!.sessions ? ' or more (largest tried)' : ''} (goal >= 50)`,
  });
}
