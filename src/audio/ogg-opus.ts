/**
 * Ogg Opus muxer (RFC 3533 pages, RFC 7845 Opus mapping). prism-media 1.3 only ships
 * the demuxer, so this writes the pages itself: @discordjs/voice plays the result with
 * StreamType.OggOpus without FFmpeg, and the same bytes are a valid .opus/.ogg file for
 * STT APIs that take Ogg.
 */
import { Readable } from 'node:stream';
import { OPUS_CHANNELS, OPUS_RATE, opusPacketSamples } from './opus.ts';

export interface OggOpusOptions {
  channels?: 1 | 2;
  /** Rate of the original input, informational only (Opus always decodes at 48 kHz). */
  inputSampleRate?: number;
  /** Samples at 48 kHz the decoder drops at the start; libopus's encoder delay is 312. */
  preSkip?: number;
  /** Packets per page; 1 keeps live playback latency to one packet. */
  packetsPerPage?: number;
  serial?: number;
  vendor?: string;
}

const HEADER_BOS = 0x02;
const HEADER_EOS = 0x04;

export class OggOpusMuxer {
  private readonly opts: Required<OggOpusOptions>;
  private sequence = 0;
  private granule = 0;
  private started = false;
  private ended = false;
  /** The newest packets are held back so end() can mark the last page end-of-stream. */
  private held: Buffer[] = [];

  constructor(options: OggOpusOptions = {}) {
    this.opts = {
      channels: OPUS_CHANNELS,
      inputSampleRate: OPUS_RATE,
      preSkip: 312,
      packetsPerPage: 1,
      serial: (Math.random() * 0xffffffff) >>> 0,
      vendor: 'interview-coach',
      ...options,
    };
    if (this.opts.packetsPerPage < 1) throw new RangeError('packetsPerPage must be at least 1');
  }

  /** Adds one Opus packet; returns the bytes that are ready to send (may be empty). */
  write(packet: Uint8Array): Buffer {
    if (this.ended) throw new Error('Ogg stream already ended');
    const out: Buffer[] = [];
    if (!this.started) out.push(this.headers());
    // A page holds at most 255 lacing values; Opus packets need at most 16 each.
    const lacing = this.held.reduce((n, p) => n + lacingCount(p.length), 0) + lacingCount(packet.length);
    if (this.held.length >= this.opts.packetsPerPage || lacing > 255) out.push(this.pageOfHeld(0));
    this.held.push(Buffer.from(packet));
    return Buffer.concat(out);
  }

  /** Writes the held packets as the last (end-of-stream) page. */
  end(): Buffer {
    if (this.ended) return Buffer.alloc(0);
    const head = this.started ? Buffer.alloc(0) : this.headers();
    this.ended = true;
    // A stream with no audio still gets an (empty) EOS page so demuxers see a proper end.
    return Buffer.concat([head, this.pageOfHeld(HEADER_EOS)]);
  }

  private headers(): Buffer {
    this.started = true;
    const head = Buffer.alloc(19);
    head.write('OpusHead', 0, 'ascii');
    head.writeUInt8(1, 8);
    head.writeUInt8(this.opts.channels, 9);
    head.writeUInt16LE(this.opts.preSkip, 10);
    head.writeUInt32LE(this.opts.inputSampleRate, 12);
    head.writeInt16LE(0, 16);
    head.writeUInt8(0, 18);
    const vendor = Buffer.from(this.opts.vendor, 'utf8');
    const tags = Buffer.alloc(8 + 4 + vendor.length + 4);
    tags.write('OpusTags', 0, 'ascii');
    tags.writeUInt32LE(vendor.length, 8);
    vendor.copy(tags, 12);
    tags.writeUInt32LE(0, 12 + vendor.length);
    // RFC 7845: the ID header alone on the first page, the comment header on the next.
    return Buffer.concat([this.page([head], HEADER_BOS, 0), this.page([tags], 0, 0)]);
  }

  private pageOfHeld(flags: number): Buffer {
    for (const p of this.held) this.granule += opusPacketSamples(p);
    const page = this.page(this.held, flags, this.granule);
    this.held = [];
    return page;
  }

  private page(packets: readonly Buffer[], flags: number, granule: number): Buffer {
    const segments: number[] = [];
    for (const p of packets) {
      for (let n = p.length; ; n -= 255) {
        segments.push(Math.min(n, 255));
        if (n < 255) break;
      }
    }
    const headerLen = 27 + segments.length;
    const bodyLen = packets.reduce((n, p) => n + p.length, 0);
    const page = Buffer.alloc(headerLen + bodyLen);
    page.write('OggS', 0, 'ascii');
    page.writeUInt8(0, 4);
    page.writeUInt8(flags, 5);
    page.writeBigUInt64LE(BigInt(granule), 6);
    page.writeUInt32LE(this.opts.serial, 14);
    page.writeUInt32LE(this.sequence++, 18);
    page.writeUInt8(segments.length, 26);
    Buffer.from(segments).copy(page, 27);
    let o = headerLen;
    for (const p of packets) o += p.copy(page, o);
    page.writeUInt32LE(oggCrc(page), 22);
    return page;
  }
}

function lacingCount(bytes: number): number {
  return Math.floor(bytes / 255) + 1;
}

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let i = 0; i < 256; i++) {
    let r = i << 24;
    for (let j = 0; j < 8; j++) r = r & 0x80000000 ? (r << 1) ^ 0x04c11db7 : r << 1;
    t[i] = r >>> 0;
  }
  return t;
})();

/** Ogg's CRC-32: polynomial 0x04C11DB7, not reflected, zero initial value, no final xor. */
export function oggCrc(data: Uint8Array): number {
  let crc = 0;
  for (let i = 0; i < data.length; i++) crc = ((crc << 8) ^ CRC_TABLE[((crc >>> 24) ^ data[i]!) & 0xff]!) >>> 0;
  return crc;
}

/** Opus packets to an Ogg Opus byte stream, for createAudioResource(..., { inputType: StreamType.OggOpus }). */
export function oggOpusStream(
  packets: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  options: OggOpusOptions = {},
): Readable {
  async function* pages(): AsyncGenerator<Buffer> {
    const muxer = new OggOpusMuxer(options);
    for await (const p of packets) {
      const bytes = muxer.write(p);
      if (bytes.length > 0) yield bytes;
    }
    yield muxer.end();
  }
  return Readable.from(pages(), { objectMode: false });
}

/** Opus packets as an object-mode stream, for createAudioResource(..., { inputType: StreamType.Opus }). */
export function opusPacketStream(packets: AsyncIterable<Uint8Array> | Iterable<Uint8Array>): Readable {
  return Readable.from(packets, { objectMode: true });
}
