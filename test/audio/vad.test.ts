import { existsSync } from 'node:fs';
import pino from 'pino';
import { Writable } from 'node:stream';
import { beforeAll, describe, expect, test } from 'vitest';
import { VadUnavailableError } from '../../src/audio/errors.ts';
import { resample } from '../../src/audio/resampler.ts';
import { createVad } from '../../src/audio/vad/create.ts';
import { EnergyVad } from '../../src/audio/vad/energy.ts';
import { createSileroVad, defaultSileroModelPath } from '../../src/audio/vad/silero.ts';
import type { VoiceActivityDetector } from '../../src/audio/vad/types.ts';
import { noise, speak } from './speech-fixtures.ts';

/** 16 kHz mono: 1 s of faint noise, an espeak sentence, 1 s of faint noise. */
let audio: Float32Array;
let speechFrom: number;
let speechTo: number;

beforeAll(async () => {
  const clip = await speak('Could you walk me through how you would design a rate limiter?');
  const voiced = clip.samples.subarray(
    Math.floor((clip.voicedStartMs * clip.sampleRate) / 1000),
    Math.ceil((clip.voicedEndMs * clip.sampleRate) / 1000),
  );
  const speech = await resample(voiced, { inputRate: clip.sampleRate, outputRate: 16000 });
  audio = noise(16000 * 2 + speech.length, 0.001, 7);
  for (let i = 0; i < speech.length; i++) audio[16000 + i]! += speech[i]!;
  speechFrom = 16000;
  speechTo = 16000 + speech.length;
});

async function probabilities(vad: VoiceActivityDetector): Promise<{ speech: number[]; silence: number[] }> {
  const speech: number[] = [];
  const silence: number[] = [];
  const n = vad.frameSamples;
  for (let at = 0; at + n <= audio.length; at += n) {
    const p = await vad.process(audio.slice(at, at + n));
    // Frames well inside speech or well inside silence; edges are ambiguous by nature.
    if (at >= speechFrom + 3200 && at + n <= speechTo - 3200) speech.push(p);
    else if (at + n <= speechFrom - 1600 || at >= speechTo + 8000) silence.push(p);
  }
  return { speech, silence };
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const share = (xs: number[], f: (x: number) => boolean) => xs.filter(f).length / xs.length;

describe('Silero VAD', () => {
  test('the bundled v5 model is found', () => {
    const path = defaultSileroModelPath();
    expect(path).toMatch(/silero_vad_16k_op15\.onnx$/);
    expect(existsSync(path!)).toBe(true);
  });

  test('gives high probability on speech frames and low on silence', async () => {
    const vad = await createSileroVad();
    expect(vad.frameSamples).toBe(512);
    const { speech, silence } = await probabilities(vad);
    await vad.close();
    expect(mean(speech)).toBeGreaterThan(0.7);
    expect(share(speech, (p) => p >= 0.5)).toBeGreaterThan(0.8);
    expect(Math.max(...silence)).toBeLessThan(0.2);
  });

  test('reset() clears the recurrent state: the same audio gives the same probabilities', async () => {
    const vad = await createSileroVad();
    const first = await probabilities(vad);
    vad.reset();
    const second = await probabilities(vad);
    await vad.close();
    expect(second.speech).toEqual(first.speech);
  });

  test('rejects frames of the wrong size', async () => {
    const vad = await createSileroVad();
    await expect(vad.process(new Float32Array(480))).rejects.toThrow(RangeError);
    await vad.close();
  });

  test('a missing model file is a typed error, not a crash', async () => {
    await expect(createSileroVad({ modelPath: '/nonexistent/silero.onnx' })).rejects.toBeInstanceOf(VadUnavailableError);
  });
});

describe('energy VAD', () => {
  test('separates speech from silence', async () => {
    const { speech, silence } = await probabilities(new EnergyVad());
    expect(share(speech, (p) => p >= 0.35)).toBeGreaterThan(0.8);
    expect(Math.max(...silence)).toBeLessThan(0.35);
  });

  test('adapts to a louder noise floor instead of calling steady noise speech', async () => {
    const vad = new EnergyVad();
    const hum = noise(16000 * 4, 0.02, 3); // -34 dBFS steady noise, e.g. a fan
    const ps: number[] = [];
    for (let at = 0; at + 512 <= hum.length; at += 512) ps.push(await vad.process(hum.subarray(at, at + 512)));
    expect(Math.max(...ps.slice(10))).toBeLessThan(0.35);
    expect(vad.noiseFloorDb).toBeGreaterThan(-40);
  });

  test('digital silence is never speech', async () => {
    const vad = new EnergyVad();
    for (let i = 0; i < 20; i++) expect(await vad.process(new Float32Array(512))).toBeLessThan(0.1);
  });
});

describe('createVad', () => {
  test('prefers Silero when the model loads', async () => {
    const vad = await createVad();
    expect(vad.name).toBe('silero');
    await vad.close();
  });

  test('falls back to the energy detector and logs why', async () => {
    const lines: string[] = [];
    const logger = pino({ level: 'debug' }, new Writable({ write: (c, _e, cb) => (lines.push(String(c)), cb()) }));
    const vad = await createVad({ prefer: 'silero', modelPath: '/nonexistent/silero.onnx', logger });
    expect(vad.name).toBe('energy');
    const warn = lines.map((l) => JSON.parse(l)).find((l) => l.level === 40);
    expect(warn?.reason).toMatch(/not found/);
  });

  test('energy on request', async () => {
    expect((await createVad({ prefer: 'energy' })).name).toBe('energy');
  });
});
