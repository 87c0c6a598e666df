/**
 * Band-limited sample-rate conversion on libsamplerate (WASM). The `full` API keeps
 * filter state between calls, so a stream can be fed in 20 ms chunks without clicks at
 * chunk edges. The sinc filter delays output by a few samples; flush() drains it so the
 * total output length is exactly round(input * ratio).
 */
import { createRequire } from 'node:module';
import type * as LibSampleRate from '@alexanderolsen/libsamplerate-js';
import { concatFloat32 } from './pcm.ts';

// The package is a UMD bundle: Node's ESM loader cannot see its named exports.
const lsr = createRequire(import.meta.url)('@alexanderolsen/libsamplerate-js') as typeof LibSampleRate;

type Src = Awaited<ReturnType<typeof LibSampleRate.create>>;

export type ResampleQuality = 'best' | 'medium' | 'fastest';

const CONVERTER: Record<ResampleQuality, 0 | 1 | 2> = { best: 0, medium: 1, fastest: 2 };

export interface ResamplerOptions {
  inputRate: number;
  outputRate: number;
  /** Interleaved channel count of both input and output. */
  channels?: number;
  /** 'fastest' is still a proper sinc filter (about 97 dB SNR); 'best' costs ~10x CPU. */
  quality?: ResampleQuality;
}

export class StreamingResampler {
  readonly inputRate: number;
  readonly outputRate: number;
  readonly channels: number;
  private src: Src | null;
  private inFrames = 0;
  private outFrames = 0;
  private closed = false;

  private constructor(src: Src | null, opts: Required<ResamplerOptions>) {
    this.src = src;
    this.inputRate = opts.inputRate;
    this.outputRate = opts.outputRate;
    this.channels = opts.channels;
  }

  static async create(options: ResamplerOptions): Promise<StreamingResampler> {
    const opts: Required<ResamplerOptions> = { channels: 1, quality: 'fastest', ...options };
    for (const rate of [opts.inputRate, opts.outputRate]) {
      if (!Number.isInteger(rate) || rate < 1 || rate > 192_000) throw new RangeError(`unsupported sample rate ${rate}`);
    }
    if (!Number.isInteger(opts.channels) || opts.channels < 1 || opts.channels > 8) throw new RangeError(`unsupported channel count ${opts.channels}`);
    // Equal rates need no filter (and libsamplerate would hand the input back anyway).
    const src = opts.inputRate === opts.outputRate
      ? null
      : await lsr.create(opts.channels, opts.inputRate, opts.outputRate, { converterType: CONVERTER[opts.quality] });
    return new StreamingResampler(src, opts);
  }

  /** Resamples the next chunk (interleaved); output may be a few frames short until flush(). */
  push(input: Float32Array): Float32Array {
    if (this.closed) throw new Error('resampler is closed');
    if (input.length % this.channels !== 0) throw new RangeError('chunk is not a whole number of frames');
    if (input.length === 0) return new Float32Array(0);
    this.inFrames += input.length / this.channels;
    if (!this.src) {
      this.outFrames += input.length / this.channels;
      return input.slice();
    }
    const out = this.src.full(input);
    this.outFrames += out.length / this.channels;
    return out;
  }

  /** Drains the filter tail with zeros and resets, ready for an unrelated next stream. */
  flush(): Float32Array {
    const expected = Math.round((this.inFrames * this.outputRate) / this.inputRate);
    const parts: Float32Array[] = [];
    let missing = expected - this.outFrames;
    if (this.src) {
      const zeros = new Float32Array(256 * this.channels);
      // The sinc delay is well under a few hundred input frames; the cap guards against a stuck filter.
      for (let i = 0; i < 64 && missing > 0; i++) {
        const out = this.src.full(zeros);
        const take = Math.min(missing, out.length / this.channels);
        if (take > 0) parts.push(out.subarray(0, take * this.channels));
        missing -= take;
      }
    }
    this.reset();
    return concatFloat32(parts);
  }

  /** Forgets filter history and counters. */
  reset(): void {
    // Re-assigning the rate makes the wrapper re-initialise the C state.
    if (this.src) this.src.inputSampleRate = this.inputRate;
    this.inFrames = 0;
    this.outFrames = 0;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.src?.destroy();
    this.src = null;
  }
}

/** One-shot conversion of a whole clip (interleaved), e.g. a TTS answer to 48 kHz. */
export async function resample(input: Float32Array, options: ResamplerOptions): Promise<Float32Array> {
  const r = await StreamingResampler.create(options);
  try {
    const head = r.push(input);
    const tail = r.flush();
    const out = new Float32Array(head.length + tail.length);
    out.set(head);
    out.set(tail, head.length);
    return out;
  } finally {
    r.close();
  }
}
