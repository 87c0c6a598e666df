/**
 * Audio receive-path benchmark: CPU cost of Opus decode + resample + VAD for one
 * speaker (real-time factor, speakers per core), and how long after the end of speech
 * the segmenter reports the turn, beyond its silence window.
 *
 * Run: node bench/audio.ts        (uses espeak-ng speech when installed)
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { OPUS_RATE, OpusPacketDecoder, OpusPacketEncoder } from '../src/audio/opus.ts';
import { float32ToInt16, int16ToFloat32, monoToStereo, stereoInt16ToMonoFloat32 } from '../src/audio/pcm.ts';
import { StreamingResampler, resample } from '../src/audio/resampler.ts';
import { SpeakerPipeline } from '../src/audio/speaker-pipeline.ts';
import { createVad } from '../src/audio/vad/create.ts';
import { decodeWav } from '../src/audio/wav.ts';

const SENTENCES = [
  'I led the migration of our billing service to a new database.',
  'The hardest part was keeping both systems in sync while customers kept paying.',
  'We ran both writers in parallel for two weeks and compared every record.',
  'In the end we finished early and cut the monthly bill by a third.',
];
const GAP_MS = 1500;
const SILENCE_WINDOW_MS = 550;

export interface StageCost {
  /** CPU seconds per second of audio (user + system, all threads). */
  rtf: number;
  /** 1 / rtf: speakers one core could keep up with. */
  speakersPerCore: number;
}

export interface EndLatency {
  /** Audio ms from the true end of speech to the speech-end event, minus the silence window. */
  audioMsMean: number;
  audioMsMax: number;
  /** Of that: the detector still scoring speech after it ended (mean ms). */
  vadTailMsMean: number;
  /** Of that: the segmenter's own part: frame rounding minus the detector's hangover credit (mean and max ms). */
  segmenterMsMean: number;
  segmenterMsMax: number;
  /** Wall ms spent handling the packet that completed the silence window. */
  wallMsMax: number;
  turnsFound: number;
  turnsExpected: number;
}

export interface AudioBenchResult {
  source: 'espeak-ng' | 'synthetic';
  audioSeconds: number;
  speechSeconds: number;
  packets: number;
  decode: StageCost;
  decodeResample: StageCost;
  pipeline: Record<'silero' | 'energy', StageCost & { vad: string }>;
  /** Wall ms per 20 ms packet through the whole Silero pipeline (p50 / p99). */
  packetWallMs: { p50: number; p99: number };
  endLatency: Record<'silero' | 'energy', EndLatency>;
}

interface Timeline {
  packets: Buffer[];
  audioSeconds: number;
  speech: { startMs: number; endMs: number }[];
  source: AudioBenchResult['source'];
}

async function espeak(text: string): Promise<{ rate: number; samples: Float32Array } | null> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-espeak-'));
  try {
    await promisify(execFile)('espeak-ng', ['-w', join(dir, 'a.wav'), text]);
    const wav = decodeWav(readFileSync(join(dir, 'a.wav')));
    const x = int16ToFloat32(wav.samples);
    let a = 0;
    let b = x.length;
    while (a < b && Math.abs(x[a]!) < 0.01) a++;
    while (b > a && Math.abs(x[b - 1]!) < 0.01) b--;
    return { rate: wav.sampleRate, samples: x.slice(a, b) };
  } catch {
    return null;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Fallback speech stand-in: a gliding harmonic tone with syllable-rate bursts. */
function syntheticSpeech(seconds: number, rate: number): Float32Array {
  const out = new Float32Array(Math.round(seconds * rate));
  let phase = 0;
  for (let i = 0; i < out.length; i++) {
    const t = i / rate;
    phase += (2 * Math.PI * (120 + 30 * Math.sin(2 * Math.PI * 0.7 * t))) / rate;
    const env = Math.max(0, Math.sin(2 * Math.PI * 4 * t)) ** 0.5;
    out[i] = 0.15 * env * (Math.sin(phase) + 0.5 * Math.sin(2 * phase) + 0.3 * Math.sin(3 * phase));
  }
  return out;
}

async function buildTimeline(): Promise<Timeline> {
  const clips: Float32Array[] = [];
  let source: Timeline['source'] = 'espeak-ng';
  for (const text of SENTENCES) {
    const spoken = await espeak(text);
    if (!spoken) {
      source = 'synthetic';
      break;
    }
    clips.push(await resample(spoken.samples, { inputRate: spoken.rate, outputRate: OPUS_RATE }));
  }
  if (source === 'synthetic') {
    clips.length = 0;
    for (const s of [3.2, 4.1, 3.7, 3.9]) clips.push(syntheticSpeech(s, OPUS_RATE));
  }
  const gap = Math.round((GAP_MS * OPUS_RATE) / 1000);
  const total = gap + clips.reduce((n, c) => n + c.length + gap, 0);
  const signal = new Float32Array(total);
  const speech: Timeline['speech'] = [];
  let at = gap;
  for (const c of clips) {
    signal.set(c, at);
    speech.push({ startMs: (at / OPUS_RATE) * 1000, endMs: ((at + c.length) / OPUS_RATE) * 1000 });
    at += c.length + gap;
  }
  // Faint noise bed (about -60 dBFS), as a headset mic gives between words.
  let s = 12345;
  for (let i = 0; i < signal.length; i++) {
    s = (s * 1103515245 + 12345) >>> 0;
    signal[i]! += ((s / 0xffffffff) * 2 - 1) * 0.0017;
  }
  const enc = new OpusPacketEncoder();
  const packets = [...enc.encode(float32ToInt16(monoToStereo(signal))), ...enc.flush()];
  enc.close();
  return { packets, audioSeconds: signal.length / OPUS_RATE, speech, source };
}

function cpuSeconds(since: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(since);
  return (d.user + d.system) / 1e6;
}

/** Best (lowest CPU) of a few runs: the least disturbed by the rest of the machine. */
async function measure(runs: number, body: () => Promise<void>): Promise<number> {
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    const c = process.cpuUsage();
    await body();
    best = Math.min(best, cpuSeconds(c));
  }
  return best;
}

function cost(cpu: number, audioSeconds: number): StageCost {
  const rtf = cpu / audioSeconds;
  return { rtf, speakersPerCore: 1 / rtf };
}

function percentile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
}

async function endLatency(tl: Timeline, prefer: 'silero' | 'energy'): Promise<{ latency: EndLatency; packetWall: number[] }> {
  const pipeline = await SpeakerPipeline.create({ vad: { prefer }, segmenter: { silenceMs: SILENCE_WINDOW_MS } });
  const audioLags: number[] = [];
  const vadTails: number[] = [];
  const segLags: number[] = [];
  const wallLags: number[] = [];
  const packetWall: number[] = [];
  for (const p of tl.packets) {
    const t = performance.now();
    const events = await pipeline.push(p);
    const wall = performance.now() - t;
    packetWall.push(wall);
    for (const e of events) {
      if (e.type !== 'speech-end') continue;
      // Match the event to the spoken clip it ends (the nearest true end before it).
      const truth = tl.speech.filter((s) => s.endMs <= e.detectedAtMs).at(-1);
      if (!truth) continue;
      audioLags.push(e.detectedAtMs - truth.endMs - SILENCE_WINDOW_MS);
      vadTails.push(e.utterance.speechEndMs - truth.endMs);
      segLags.push(e.detectedAtMs - e.utterance.speechEndMs - SILENCE_WINDOW_MS);
      wallLags.push(wall);
    }
  }
  await pipeline.end();
  await pipeline.close();
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
  return {
    latency: {
      audioMsMean: mean(audioLags),
      audioMsMax: Math.max(...audioLags),
      vadTailMsMean: mean(vadTails),
      segmenterMsMean: mean(segLags),
      segmenterMsMax: Math.max(...segLags),
      wallMsMax: Math.max(...wallLags),
      turnsFound: audioLags.length,
      turnsExpected: tl.speech.length,
    },
    packetWall,
  };
}

export async function runAudioBench(options: { runs?: number } = {}): Promise<AudioBenchResult> {
  const runs = options.runs ?? 3;
  const tl = await buildTimeline();
  const { packets, audioSeconds } = tl;

  const decodeCpu = await measure(runs, async () => {
    const dec = new OpusPacketDecoder();
    for (const p of packets) stereoInt16ToMonoFloat32(dec.decode(p));
    dec.close();
  });

  const decodeResampleCpu = await measure(runs, async () => {
    const dec = new OpusPacketDecoder();
    const rs = await StreamingResampler.create({ inputRate: OPUS_RATE, outputRate: 16_000 });
    for (const p of packets) rs.push(stereoInt16ToMonoFloat32(dec.decode(p)));
    rs.close();
    dec.close();
  });

  const pipeline = {} as AudioBenchResult['pipeline'];
  for (const prefer of ['silero', 'energy'] as const) {
    // The detector is created outside the timed region: model load is a one-off per process.
    const vad = await createVad({ prefer });
    const cpu = await measure(runs, async () => {
      vad.reset();
      const p = await SpeakerPipeline.create({ vad });
      for (const packet of packets) await p.push(packet);
      await p.end();
      await p.close();
    });
    await vad.close();
    pipeline[prefer] = { vad: vad.name, ...cost(cpu, audioSeconds) };
  }

  const silero = await endLatency(tl, 'silero');
  const energy = await endLatency(tl, 'energy');

  return {
    source: tl.source,
    audioSeconds,
    speechSeconds: tl.speech.reduce((n, s) => n + (s.endMs - s.startMs) / 1000, 0),
    packets: packets.length,
    decode: cost(decodeCpu, audioSeconds),
    decodeResample: cost(decodeResampleCpu, audioSeconds),
    pipeline,
    packetWallMs: { p50: percentile(silero.packetWall, 0.5), p99: percentile(silero.packetWall, 0.99) },
    endLatency: { silero: silero.latency, energy: energy.latency },
  };
}

function report(r: AudioBenchResult): string {
  const f = (x: number, d = 4) => x.toFixed(d);
  const row = (name: string, c: StageCost) => `  ${name.padEnd(42)} RTF ${f(c.rtf)}   ${f(c.speakersPerCore, 0).padStart(5)} speakers/core`;
  const lat = (name: string, l: EndLatency) =>
    `  ${name.padEnd(8)} turns ${l.turnsFound}/${l.turnsExpected}   audio +${f(l.audioMsMean, 0)} ms mean, +${f(l.audioMsMax, 0)} ms max` +
    ` (= detector tail ${f(l.vadTailMsMean, 0)} ms + segmenter ${f(l.segmenterMsMean, 0)} ms: frame rounding, minus hangover credit)` +
    `   wall ${f(l.wallMsMax, 2)} ms max`;
  return [
    `Audio receive path, one speaker (${r.source} speech, ${f(r.audioSeconds, 1)} s audio incl. ${f(r.speechSeconds, 1)} s speech, ${r.packets} Opus packets)`,
    'CPU per second of audio (user+system, best of runs; target RTF <= 0.02):',
    row('Opus decode (48 kHz stereo) + down-mix', r.decode),
    row('+ resample 48 -> 16 kHz', r.decodeResample),
    row('+ Silero VAD + segmenter (full pipeline)', r.pipeline.silero),
    row('+ energy VAD + segmenter (full pipeline)', r.pipeline.energy),
    `  wall time per 20 ms packet (Silero pipeline): p50 ${f(r.packetWallMs.p50, 3)} ms, p99 ${f(r.packetWallMs.p99, 3)} ms`,
    `End-of-turn delay beyond the ${SILENCE_WINDOW_MS} ms silence window, from the true end of speech (target < 50 ms):`,
    lat('silero', r.endLatency.silero),
    lat('energy', r.endLatency.energy),
  ].join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  console.log(report(await runAudioBench()));
}
