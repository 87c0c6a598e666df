/**
 * TTS PCM (any rate, mono or stereo) to 20 ms Opus packets, with the resampler and encoder
 * kept between sentences. Audio at a rate libopus takes (XTTS: 24 kHz mono) is encoded as it
 * is, mono staying mono: no resampling, and half the encoder work of stereo; a stereo
 * decoder (Discord's) plays such packets like any other. Other rates are resampled to 48 kHz. Creating a libsamplerate converter costs
 * 10-20 ms (a WASM instance) and its first run as much again, which would sit right in
 * front of the first word of every sentence; a pool per voice session pays that once, and
 * warm() can pay it before the interview starts. Same conversion as src/audio/playback.ts.
 */
import { OPUS_INPUT_RATES, OPUS_RATE, OpusPacketEncoder, SPEECH_PLAYBACK_ENCODER, type OpusRate } from '../audio/opus.ts';
import { float32ToInt16, int16ToFloat32 } from '../audio/pcm.ts';
import { StreamingResampler } from '../audio/resampler.ts';

class Converter {
  readonly key: string;
  readonly channels: 1 | 2;
  /** Null when the rate goes to the encoder as it is. */
  private readonly resampler: StreamingResampler | null;
  private readonly encoder: OpusPacketEncoder;
  clean = true;

  constructor(key: string, channels: 1 | 2, rate: OpusRate, resampler: StreamingResampler | null) {
    this.key = key;
    this.channels = channels;
    this.resampler = resampler;
    this.encoder = new OpusPacketEncoder({ ...SPEECH_PLAYBACK_ENCODER, channels, sampleRate: rate });
  }

  encode(samples: Int16Array): Buffer[] {
    this.clean = false;
    return this.encoder.encode(this.resampler ? float32ToInt16(this.resampler.push(int16ToFloat32(samples))) : samples);
  }

  /** The sentence's tail: the filter's delay line and the last partial frame. */
  end(): Buffer[] {
    const out = [...(this.resampler ? this.encoder.encode(float32ToInt16(this.resampler.flush())) : []), ...this.encoder.flush()];
    this.clean = true;
    return out;
  }

  /** Forgets a sentence that was cut off (barge-in) so the next one starts clean. */
  discard(): void {
    this.resampler?.reset();
    this.encoder.flush();
    this.clean = true;
  }

  close(): void {
    this.resampler?.close();
    this.encoder.close();
  }
}

export class PcmOpusEncoder {
  private readonly idle = new Map<string, Converter[]>();
  private closed = false;

  /** Creates (and runs once) a converter for a rate, so the first sentence does not pay for it. */
  async warm(sampleRate: number, channels: 1 | 2 = 1): Promise<void> {
    const c = await this.take(sampleRate, channels);
    c.encode(new Int16Array(Math.round(sampleRate * 0.04) * channels));
    c.discard();
    this.give(c);
  }

  /** Encodes one clip; `slices` are consecutive chunks of it (interleaved when stereo). */
  async *encode(slices: Iterable<Int16Array>, sampleRate: number, channels: 1 | 2): AsyncGenerator<Buffer> {
    const c = await this.take(sampleRate, channels);
    try {
      for (const s of slices) yield* c.encode(s);
      yield* c.end();
    } finally {
      if (!c.clean) c.discard();
      this.give(c);
    }
  }

  close(): void {
    this.closed = true;
    for (const list of this.idle.values()) for (const c of list) c.close();
    this.idle.clear();
  }

  private async take(sampleRate: number, channels: 1 | 2): Promise<Converter> {
    const key = `${sampleRate}/${channels}`;
    const ready = this.idle.get(key)?.pop();
    if (ready) return ready;
    if (OPUS_INPUT_RATES.includes(sampleRate)) return new Converter(key, channels, sampleRate as OpusRate, null);
    const resampler = await StreamingResampler.create({ inputRate: sampleRate, outputRate: OPUS_RATE, channels });
    return new Converter(key, channels, OPUS_RATE, resampler);
  }

  private give(c: Converter): void {
    if (this.closed) return c.close();
    const list = this.idle.get(c.key) ?? [];
    list.push(c);
    this.idle.set(c.key, list);
  }
}
