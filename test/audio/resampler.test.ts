import { describe, expect, test } from 'vitest';
import { float32ToInt16, int16ToFloat32, stereoInt16ToMonoFloat32 } from '../../src/audio/pcm.ts';
import { StreamingResampler, resample } from '../../src/audio/resampler.ts';

function sine(freq: number, rate: number, seconds: number, amp = 0.5): Float32Array {
  const out = new Float32Array(Math.round(rate * seconds));
  for (let i = 0; i < out.length; i++) out[i] = amp * Math.sin((2 * Math.PI * freq * i) / rate);
  return out;
}

/** Frequency estimate from zero crossings over the middle of the signal (edges hold filter ramps). */
function zeroCrossingHz(x: Float32Array, rate: number): number {
  const from = Math.floor(x.length * 0.1);
  const to = Math.floor(x.length * 0.9);
  let crossings = 0;
  for (let i = from + 1; i < to; i++) if ((x[i - 1]! < 0) !== (x[i]! < 0)) crossings++;
  return crossings / 2 / ((to - from) / rate);
}

function rms(x: Float32Array, from = 0, to = x.length): number {
  let s = 0;
  for (let i = from; i < to; i++) s += x[i]! * x[i]!;
  return Math.sqrt(s / (to - from));
}

describe('resampling', () => {
  test('48 kHz -> 16 kHz in 20 ms chunks keeps a 1 kHz tone and the exact length ratio', async () => {
    const input = sine(1000, 48000, 2);
    const r = await StreamingResampler.create({ inputRate: 48000, outputRate: 16000 });
    const parts: Float32Array[] = [];
    for (let i = 0; i < input.length; i += 960) parts.push(r.push(input.subarray(i, i + 960)));
    parts.push(r.flush());
    r.close();
    const out = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
    let o = 0;
    for (const p of parts) (out.set(p, o), (o += p.length));
    expect(out.length).toBe(input.length / 3);
    expect(zeroCrossingHz(out, 16000)).toBeCloseTo(1000, -1);
    expect(Math.abs(zeroCrossingHz(out, 16000) - 1000)).toBeLessThan(5);
    // Amplitude is kept too (0.5 peak -> 0.354 RMS).
    expect(rms(out, 1600, 30000)).toBeCloseTo(0.5 / Math.SQRT2, 2);
  });

  test('chunked streaming gives the same audio as one call (state carries across chunks)', async () => {
    const input = sine(440, 48000, 1).map((v, i) => v + 0.2 * Math.sin(i / 7));
    const whole = await resample(input, { inputRate: 48000, outputRate: 16000 });
    const r = await StreamingResampler.create({ inputRate: 48000, outputRate: 16000 });
    const parts: number[] = [];
    for (let i = 0; i < input.length; i += 333) parts.push(...r.push(input.subarray(i, i + 333)));
    parts.push(...r.flush());
    expect(parts.length).toBe(whole.length);
    let maxDiff = 0;
    for (let i = 0; i < whole.length; i++) maxDiff = Math.max(maxDiff, Math.abs(whole[i]! - parts[i]!));
    expect(maxDiff).toBeLessThan(1e-4);
  });

  test('a tone above the new Nyquist frequency is filtered out instead of aliasing', async () => {
    // 10 kHz cannot exist at 16 kHz; without a low-pass it would fold down to 6 kHz at full level.
    const out = await resample(sine(10000, 48000, 1), { inputRate: 48000, outputRate: 16000 });
    expect(rms(out, 800, out.length - 800)).toBeLessThan(0.01);
  });

  test('TTS rates 22050 and 24000 go up to 48 kHz (mono and interleaved stereo)', async () => {
    for (const rate of [22050, 24000]) {
      const out = await resample(sine(1000, rate, 1), { inputRate: rate, outputRate: 48000 });
      expect(out.length).toBe(48000);
      expect(Math.abs(zeroCrossingHz(out, 48000) - 1000)).toBeLessThan(5);
    }
    const mono = sine(500, 24000, 0.5);
    const stereo = new Float32Array(mono.length * 2);
    mono.forEach((v, i) => ((stereo[2 * i] = v), (stereo[2 * i + 1] = -v)));
    const out = await resample(stereo, { inputRate: 24000, outputRate: 48000, channels: 2 });
    expect(out.length).toBe(24000 * 2); // 0.5 s of 48 kHz frames, two samples each
    for (let i = 2000; i < 2100; i++) expect(out[2 * i + 1]).toBeCloseTo(-out[2 * i]!, 5);
  });

  test('equal rates pass audio through untouched', async () => {
    const x = sine(300, 16000, 0.1);
    expect(Array.from(await resample(x, { inputRate: 16000, outputRate: 16000 }))).toEqual(Array.from(x));
  });
});

describe('sample formats', () => {
  test('Int16 -> Float32 -> Int16 is lossless, and out-of-range floats clip instead of wrapping', () => {
    const s = Int16Array.from([-32768, -1, 0, 1, 12345, 32767]);
    expect(Array.from(float32ToInt16(int16ToFloat32(s)))).toEqual(Array.from(s));
    expect(Array.from(float32ToInt16(Float32Array.from([1.5, -1.5, 0.99999]))))
      .toEqual([32767, -32768, 32767]);
  });

  test('stereo down-mix averages the channels', () => {
    const mono = stereoInt16ToMonoFloat32(Int16Array.from([16384, 0, -16384, -16384, 32767, -32768]));
    expect(Array.from(mono)).toEqual([0.25, -0.5, -1 / 65536]);
  });
});
