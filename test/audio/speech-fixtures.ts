/**
 * Real-sounding test speech: espeak-ng (Debian package `espeak-ng`, needed in CI) speaks
 * interview answers to 22.05 kHz WAV; they are resampled to Discord's 48 kHz stereo,
 * laid out on a timeline with silences (faint noise, as a real microphone gives), and
 * encoded to 20 ms Opus packets like a Discord client sends.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { OpusPacketEncoder, OPUS_RATE } from '../../src/audio/opus.ts';
import { float32ToInt16, int16ToFloat32, monoToStereo } from '../../src/audio/pcm.ts';
import { resample } from '../../src/audio/resampler.ts';
import { decodeWav } from '../../src/audio/wav.ts';

const run = promisify(execFile);

export interface SpokenClip {
  text: string;
  /** espeak's own output rate (22050). */
  sampleRate: number;
  samples: Float32Array;
  /** Length of espeak's output including its own trailing silence. */
  durationMs: number;
  /** Bounds of the audible part within the clip. */
  voicedStartMs: number;
  voicedEndMs: number;
}

const cache = new Map<string, Promise<SpokenClip>>();

/** Speaks `text` with espeak-ng; extra args (e.g. ['-s', '150']) set speed or voice. */
export function speak(text: string, args: string[] = []): Promise<SpokenClip> {
  const key = JSON.stringify([text, args]);
  let hit = cache.get(key);
  if (!hit) {
    hit = (async () => {
      const dir = mkdtempSync(join(tmpdir(), 'espeak-'));
      try {
        const file = join(dir, 'out.wav');
        await run('espeak-ng', [...args, '-w', file, text]).catch((err: unknown) => {
          throw new Error('espeak-ng is needed for the speech tests: apt-get install -y espeak-ng', { cause: err });
        });
        const wav = decodeWav(readFileSync(file));
        const samples = int16ToFloat32(wav.samples);
        const { start, end } = voicedBounds(samples);
        const ms = (n: number) => (n / wav.sampleRate) * 1000;
        return { text, sampleRate: wav.sampleRate, samples, durationMs: ms(samples.length), voicedStartMs: ms(start), voicedEndMs: ms(end) };
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    })();
    cache.set(key, hit);
  }
  return hit;
}

function voicedBounds(x: Float32Array): { start: number; end: number } {
  const t = 0.01;
  let start = 0;
  while (start < x.length && Math.abs(x[start]!) < t) start++;
  let end = x.length;
  while (end > start && Math.abs(x[end - 1]!) < t) end--;
  return { start, end };
}

export type Segment = { speech: SpokenClip } | { silenceMs: number };

export interface SpeechTimeline {
  /** 20 ms Opus packets, 48 kHz stereo, in order. */
  packets: Buffer[];
  /** 48 kHz mono reference signal the packets encode. */
  signal: Float32Array;
  durationMs: number;
  /** Where each spoken clip (trimmed to its audible part) lies on the timeline. */
  speech: { text: string; startMs: number; endMs: number }[];
}

/** Deterministic faint noise: about -60 dBFS, a quiet room through a headset. */
export function noise(samples: number, rms = 0.001, seed = 1): Float32Array {
  const out = new Float32Array(samples);
  let s = seed >>> 0 || 1;
  for (let i = 0; i < samples; i++) {
    s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0;
    out[i] = ((s / 0xffffffff) * 2 - 1) * rms * Math.sqrt(3);
  }
  return out;
}

/** Lays out clips and silences at 48 kHz and encodes them as Discord-style Opus packets. */
export async function buildTimeline(segments: Segment[], options: { noiseRms?: number } = {}): Promise<SpeechTimeline> {
  const parts: Float32Array[] = [];
  const speech: SpeechTimeline['speech'] = [];
  let at = 0;
  for (const seg of segments) {
    let part: Float32Array;
    if ('speech' in seg) {
      // Only the audible part, so the silences between clips are exactly as long as asked.
      const clip = seg.speech;
      const from = Math.floor((clip.voicedStartMs * clip.sampleRate) / 1000);
      const to = Math.ceil((clip.voicedEndMs * clip.sampleRate) / 1000);
      part = await resample(clip.samples.subarray(from, to), { inputRate: clip.sampleRate, outputRate: OPUS_RATE });
      const startMs = (at / OPUS_RATE) * 1000;
      speech.push({ text: clip.text, startMs, endMs: startMs + (part.length / OPUS_RATE) * 1000 });
    } else {
      part = new Float32Array(Math.round((seg.silenceMs * OPUS_RATE) / 1000));
    }
    parts.push(part);
    at += part.length;
  }
  const signal = new Float32Array(at);
  let o = 0;
  for (const p of parts) {
    signal.set(p, o);
    o += p.length;
  }
  const bed = noise(signal.length, options.noiseRms ?? 0.001);
  for (let i = 0; i < signal.length; i++) signal[i] = signal[i]! + bed[i]!;
  const encoder = new OpusPacketEncoder();
  const packets = [...encoder.encode(float32ToInt16(monoToStereo(signal))), ...encoder.flush()];
  encoder.close();
  return { packets, signal, durationMs: (signal.length / OPUS_RATE) * 1000, speech };
}
