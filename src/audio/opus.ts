/**
 * Opus packets <-> PCM at Discord's format: 48 kHz, stereo, 20 ms (960-sample) frames.
 *
 * The push-based classes drive opusscript (the WASM libopus that prism-media loads when
 * no native binding is installed) directly and synchronously: one packet in, one frame
 * out. A damaged packet then costs 20 ms of silence instead of erroring a whole
 * prism Transform stream. For Node stream pipelines, the prism-media Transforms are
 * exported ready-configured.
 */
import { createRequire } from 'node:module';
import prism from 'prism-media';
import type OpusScriptType from 'opusscript';

const OpusScript = createRequire(import.meta.url)('opusscript') as typeof OpusScriptType;

export const OPUS_RATE = 48_000;
export const OPUS_CHANNELS = 2;
/** Samples per channel in one 20 ms frame. */
export const OPUS_FRAME_SAMPLES = 960;
/** The frame Discord sends (and @discordjs/voice appends) for silence. */
export const OPUS_SILENCE_FRAME = Buffer.from([0xf8, 0xff, 0xfe]);

export type OpusApplication = 'voip' | 'audio' | 'lowdelay';

export class OpusPacketDecoder {
  readonly channels: number;
  /** Packets that failed to decode and were replaced by silence. */
  failures = 0;
  private codec: OpusScriptType | null;
  private lastFrameSamples: number;

  /** Output rate: libopus decodes any packet to 8, 12, 16, 24 or 48 kHz itself. */
  readonly sampleRate: number;

  constructor(options: { channels?: 1 | 2; sampleRate?: 8000 | 12000 | 16000 | 24000 | 48000 } = {}) {
    this.channels = options.channels ?? OPUS_CHANNELS;
    this.sampleRate = options.sampleRate ?? OPUS_RATE;
    this.codec = new OpusScript(this.sampleRate as 48000, this.channels);
    this.lastFrameSamples = (OPUS_FRAME_SAMPLES * this.sampleRate) / OPUS_RATE;
  }

  /** Decodes one packet to interleaved s16 samples (960 x channels for a 20 ms packet at 48 kHz). */
  decode(packet: Uint8Array): Int16Array {
    if (!this.codec) throw new Error('Opus decoder is closed');
    if (packet.byteLength === 0) {
      // libopus reads an empty packet as "lost" and conceals a full 60 ms; keep the 20 ms timing instead.
      this.failures++;
      return this.silence();
    }
    try {
      const pcm = this.codec.decode(Buffer.from(packet.buffer, packet.byteOffset, packet.byteLength));
      const samples = new Int16Array(pcm.length / 2);
      Buffer.from(samples.buffer).set(pcm);
      this.lastFrameSamples = samples.length / this.channels;
      return samples;
    } catch {
      this.failures++;
      return this.silence();
    }
  }

  /** Silence the length of the last frame: fills a lost or undecodable packet's time slot. */
  silence(): Int16Array {
    return new Int16Array(this.lastFrameSamples * this.channels);
  }

  close(): void {
    this.codec?.delete();
    this.codec = null;
  }
}

export interface OpusEncoderOptions {
  channels?: 1 | 2;
  /**
   * Input rate (8, 12, 16, 24 or 48 kHz): libopus takes these as they are, and its packets
   * play anywhere a 48 kHz stream does, so TTS audio at 24 kHz needs no resampling.
   */
  sampleRate?: OpusRate;
  application?: OpusApplication;
  /** Bits per second; Discord voice channels default to 64 kbps. */
  bitrate?: number;
  /** libopus complexity 0-10 (default 10). */
  complexity?: number;
}

/**
 * Settings for Alex's synthesised voice in a voice channel. Complexity 5 costs about a third
 * of the CPU of the default 10 (measured with opusscript: 4.6 vs 15.6 ms per second of
 * stereo audio) with no audible difference for TTS speech at Discord's 64 kbps.
 */
export const SPEECH_PLAYBACK_ENCODER: OpusEncoderOptions = { application: 'voip', complexity: 5, bitrate: 64_000 };

const APPLICATION = { voip: 2048, audio: 2049, lowdelay: 2051 } as const;
const CTL_SET_BITRATE = 4002;
const CTL_SET_COMPLEXITY = 4010;

export type OpusRate = 8000 | 12000 | 16000 | 24000 | 48000;
export const OPUS_INPUT_RATES: readonly number[] = [8000, 12000, 16000, 24000, 48000];

/** Buffers PCM and emits one Opus packet per complete 20 ms frame. */
export class OpusPacketEncoder {
  readonly channels: number;
  readonly sampleRate: number;
  private readonly frameSamples: number;
  private codec: OpusScriptType | null;
  private pending: Int16Array;
  private fill = 0;

  constructor(options: OpusEncoderOptions = {}) {
    this.channels = options.channels ?? OPUS_CHANNELS;
    this.sampleRate = options.sampleRate ?? OPUS_RATE;
    this.frameSamples = this.sampleRate / 50;
    this.codec = new OpusScript(this.sampleRate as 48000, this.channels, APPLICATION[options.application ?? 'audio']);
    if (options.bitrate) this.codec.encoderCTL(CTL_SET_BITRATE, Math.min(510_000, Math.max(6_000, options.bitrate)));
    if (options.complexity !== undefined) this.codec.encoderCTL(CTL_SET_COMPLEXITY, Math.min(10, Math.max(0, Math.round(options.complexity))));
    this.pending = new Int16Array(this.frameSamples * this.channels);
  }

  /** Appends interleaved samples at sampleRate; returns the packets that became complete. */
  encode(pcm: Int16Array): Buffer[] {
    const packets: Buffer[] = [];
    let i = 0;
    while (i < pcm.length) {
      const take = Math.min(pcm.length - i, this.pending.length - this.fill);
      this.pending.set(pcm.subarray(i, i + take), this.fill);
      this.fill += take;
      i += take;
      if (this.fill === this.pending.length) packets.push(this.encodeFrame());
    }
    return packets;
  }

  /** Pads the partial last frame with silence and encodes it. */
  flush(): Buffer[] {
    if (this.fill === 0) return [];
    this.pending.fill(0, this.fill);
    this.fill = this.pending.length;
    return [this.encodeFrame()];
  }

  close(): void {
    this.codec?.delete();
    this.codec = null;
  }

  private encodeFrame(): Buffer {
    if (!this.codec) throw new Error('Opus encoder is closed');
    const frame = Buffer.from(this.pending.buffer, this.pending.byteOffset, this.pending.byteLength);
    const packet = this.codec.encode(frame, this.frameSamples);
    this.fill = 0;
    return packet;
  }
}

/** Encodes a PCM stream (48 kHz interleaved s16) into 20 ms Opus packets. */
export async function* encodeOpusPackets(
  pcm: AsyncIterable<Int16Array> | Iterable<Int16Array>,
  options: OpusEncoderOptions = {},
): AsyncGenerator<Buffer> {
  const encoder = new OpusPacketEncoder(options);
  try {
    for await (const chunk of pcm) yield* encoder.encode(chunk);
    yield* encoder.flush();
  } finally {
    encoder.close();
  }
}

/** prism-media Transform: object-mode Opus packets in, s16le 48 kHz stereo bytes out. */
export function createOpusDecoderStream(): InstanceType<typeof prism.opus.Decoder> {
  return new prism.opus.Decoder({ rate: OPUS_RATE, channels: OPUS_CHANNELS, frameSize: OPUS_FRAME_SAMPLES });
}

/** prism-media Transform: s16le 48 kHz stereo bytes in, object-mode Opus packets out. */
export function createOpusEncoderStream(): InstanceType<typeof prism.opus.Encoder> {
  return new prism.opus.Encoder({ rate: OPUS_RATE, channels: OPUS_CHANNELS, frameSize: OPUS_FRAME_SAMPLES });
}

/**
 * Samples (at 48 kHz) one Opus packet decodes to, from its TOC byte (RFC 6716 3.1).
 * Needed for Ogg granule positions; returns 0 for an empty or malformed packet.
 */
export function opusPacketSamples(packet: Uint8Array): number {
  if (packet.length < 1) return 0;
  const toc = packet[0]!;
  const config = toc >> 3;
  let frame: number;
  if (config < 12) frame = [480, 960, 1920, 2880][config & 3]!;
  else if (config < 16) frame = (config & 1) ? 960 : 480;
  else frame = [120, 240, 480, 960][config & 3]!;
  const code = toc & 3;
  let frames: number;
  if (code === 0) frames = 1;
  else if (code !== 3) frames = 2;
  else {
    if (packet.length < 2) return 0;
    frames = packet[1]! & 0x3f;
  }
  return frames * frame;
}
