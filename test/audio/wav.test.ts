import { describe, expect, test } from 'vitest';
import { WavFormatError } from '../../src/audio/errors.ts';
import { decodeWav, encodeWav } from '../../src/audio/wav.ts';
import { speak } from './speech-fixtures.ts';

function ramp(n: number): Int16Array {
  const s = new Int16Array(n);
  for (let i = 0; i < n; i++) s[i] = ((i * 7919) % 65536) - 32768;
  return s;
}

function errorOf(fn: () => unknown): WavFormatError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(WavFormatError);
    return e as WavFormatError;
  }
  throw new Error('expected a WavFormatError');
}

/** A WAV with chosen fmt fields, optionally with extra chunks before data. */
function customWav(o: { format?: number; bits?: number; channels?: number; extra?: Buffer; data?: Buffer; dataSize?: number }): Buffer {
  const channels = o.channels ?? 1;
  const bits = o.bits ?? 16;
  const fmt = Buffer.alloc(24);
  fmt.write('fmt ', 0, 'ascii');
  fmt.writeUInt32LE(16, 4);
  fmt.writeUInt16LE(o.format ?? 1, 8);
  fmt.writeUInt16LE(channels, 10);
  fmt.writeUInt32LE(16000, 12);
  fmt.writeUInt32LE((16000 * channels * bits) / 8, 16);
  fmt.writeUInt16LE((channels * bits) / 8, 20);
  fmt.writeUInt16LE(bits, 22);
  const data = o.data ?? Buffer.alloc(8);
  const dataHead = Buffer.alloc(8);
  dataHead.write('data', 0, 'ascii');
  dataHead.writeUInt32LE(o.dataSize ?? data.length, 4);
  const body = Buffer.concat([Buffer.from('WAVE'), fmt, o.extra ?? Buffer.alloc(0), dataHead, data]);
  const riff = Buffer.alloc(8);
  riff.write('RIFF', 0, 'ascii');
  riff.writeUInt32LE(body.length, 4);
  return Buffer.concat([riff, body]);
}

describe('WAV', () => {
  test('mono 16 kHz and stereo 44.1 kHz survive a round trip bit-exactly', () => {
    for (const [sampleRate, channels] of [[16000, 1], [44100, 2]] as const) {
      const samples = ramp(channels * 1234);
      const wav = encodeWav({ sampleRate, channels, samples });
      expect(wav.length).toBe(44 + samples.length * 2);
      const back = decodeWav(wav);
      expect(back.sampleRate).toBe(sampleRate);
      expect(back.channels).toBe(channels);
      expect(Array.from(back.samples)).toEqual(Array.from(samples));
    }
  });

  test("reads espeak-ng's output", async () => {
    const clip = await speak('Hello.');
    expect(clip.sampleRate).toBe(22050);
    expect(clip.durationMs).toBeGreaterThan(200);
  });

  test('skips LIST and odd-sized chunks before the data', () => {
    const list = Buffer.concat([Buffer.from('LIST'), Buffer.from([3, 0, 0, 0]), Buffer.from('abc'), Buffer.from([0])]);
    const data = Buffer.from(new Int16Array([1, -2, 3, -4]).buffer);
    const back = decodeWav(customWav({ extra: list, data }));
    expect(Array.from(back.samples)).toEqual([1, -2, 3, -4]);
  });

  test('takes the rest of the file when a streaming writer left the data size unknown', () => {
    const data = Buffer.from(new Int16Array([5, 6, 7]).buffer);
    expect(Array.from(decodeWav(customWav({ data, dataSize: 0xffffffff })).samples)).toEqual([5, 6, 7]);
  });

  test('accepts WAVE_FORMAT_EXTENSIBLE with a PCM sub-format', () => {
    const wav = encodeWav({ sampleRate: 8000, channels: 1, samples: new Int16Array([9, 10]) });
    const fmt = Buffer.alloc(48);
    wav.copy(fmt, 0, 12, 36);
    fmt.writeUInt32LE(40, 4);
    fmt.writeUInt16LE(0xfffe, 8);
    fmt.writeUInt16LE(22, 24);
    fmt.writeUInt16LE(1, 32); // sub-format GUID begins with the format tag
    const body = Buffer.concat([Buffer.from('WAVE'), fmt, wav.subarray(36)]);
    const head = Buffer.from('RIFF\0\0\0\0');
    head.writeUInt32LE(body.length, 4);
    expect(Array.from(decodeWav(Buffer.concat([head, body])).samples)).toEqual([9, 10]);
  });

  test('rejects what it cannot read with a typed, specific error', () => {
    expect(errorOf(() => decodeWav(Buffer.from('this is not audio at all'))).code).toBe('not-riff');
    expect(errorOf(() => decodeWav(Buffer.from('RIFF\x10\0\0\0AVI LIST'))).code).toBe('not-wave');
    expect(errorOf(() => decodeWav(customWav({ format: 3, bits: 32 }))).code).toBe('not-pcm');
    expect(errorOf(() => decodeWav(customWav({ bits: 24, data: Buffer.alloc(6) }))).code).toBe('bad-bit-depth');
    expect(errorOf(() => decodeWav(customWav({ data: Buffer.alloc(8), dataSize: 4000 }))).code).toBe('truncated');
    const full = encodeWav({ sampleRate: 16000, channels: 1, samples: ramp(100) });
    expect(errorOf(() => decodeWav(full.subarray(0, 30))).code).toBe('truncated');
    expect(errorOf(() => decodeWav(full.subarray(0, 36))).code).toBe('missing-data');
    expect(errorOf(() => decodeWav(Buffer.from('RIF'))).code).toBe('not-riff');
    const err = errorOf(() => decodeWav(customWav({ bits: 8 })));
    expect(err.retryable).toBe(false);
    expect(err.message).toMatch(/bit depth 8/);
  });
});
