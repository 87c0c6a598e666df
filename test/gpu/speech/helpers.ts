/**
 * Shared pieces for the speech tests: config from env-style values, test audio in the
 * shapes clients send, and "is this playable" checks that use prism-media directly (the
 * same demuxers @discordjs/voice uses), not the code under test.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import prism from 'prism-media';
import { loadConfig, type Config } from '../../../src/config.ts';
import { float32ToInt16, int16ToFloat32 } from '../../../src/audio/pcm.ts';
import { resample } from '../../../src/audio/resampler.ts';
import { decodeWav, encodeWav } from '../../../src/audio/wav.ts';
import { espeakWav } from '../../fakes/speech/index.ts';

/** Edge TTS is off unless a test turns it on: nothing may reach the real service. */
export function speechConfig(env: Record<string, string> = {}): Config {
  return loadConfig({ LOG_LEVEL: 'silent', EDGE_TTS_ENABLED: 'false', ...env });
}

/** espeak speech as a WAV at `rate` with `channels` channels (what a browser or a phone might upload). */
export async function speechWav(text: string, rate: number, channels: 1 | 2): Promise<{ wav: Buffer; seconds: number }> {
  const src = decodeWav(await espeakWav(text));
  const mono = float32ToInt16(await resample(int16ToFloat32(src.samples), { inputRate: src.sampleRate, outputRate: rate }));
  const samples = channels === 1 ? mono : interleave(mono);
  return { wav: encodeWav({ sampleRate: rate, channels, samples }), seconds: mono.length / rate };
}

function interleave(mono: Int16Array): Int16Array {
  const out = new Int16Array(mono.length * 2);
  for (let i = 0; i < mono.length; i++) out[2 * i] = out[2 * i + 1] = mono[i]!;
  return out;
}

/** A silent WAV of a given length (for limit tests). */
export function silenceWav(seconds: number, rate = 16_000): Buffer {
  return encodeWav({ sampleRate: rate, channels: 1, samples: new Int16Array(Math.round(seconds * rate)) });
}

/**
 * A structurally valid CBR mp3 (MPEG-1 layer III, 128 kbps, 44.1 kHz) of silent frames;
 * enough for format sniffing and header-based duration, which is all the code reads.
 */
export function silentMp3(seconds: number): Buffer {
  const frameBytes = Math.floor((144 * 128_000) / 44_100); // 417, no padding
  const frames = Math.ceil((seconds * 44_100) / 1152);
  const frame = Buffer.alloc(frameBytes);
  frame.set([0xff, 0xfb, 0x90, 0x64]);
  return Buffer.concat(Array.from({ length: frames }, () => frame));
}

export interface Playback {
  packets: number;
  /** Decoded length at 48 kHz. */
  seconds: number;
  rms: number;
}

/** Demuxes (Ogg or WebM) and decodes Opus with prism-media, as a player would. */
export async function play(bytes: Buffer, container: 'ogg' | 'webm'): Promise<Playback> {
  const demuxer = container === 'ogg' ? new prism.opus.OggDemuxer() : new prism.opus.WebmDemuxer();
  let packets = 0;
  demuxer.on('data', () => packets++);
  const decoder = new prism.opus.Decoder({ rate: 48_000, channels: 2, frameSize: 960 });
  const chunks: Buffer[] = [];
  decoder.on('data', (c: Buffer) => chunks.push(c));
  await pipeline(Readable.from([bytes]), demuxer, decoder);
  const pcm = Buffer.concat(chunks);
  const samples = new Int16Array(pcm.buffer, pcm.byteOffset, pcm.length / 2);
  let sum = 0;
  for (let i = 0; i < samples.length; i++) sum += (samples[i]! / 32768) ** 2;
  return { packets, seconds: samples.length / 2 / 48_000, rms: Math.sqrt(sum / Math.max(1, samples.length)) };
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

export async function waitFor(cond: () => boolean, timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await sleep(10);
  }
}
