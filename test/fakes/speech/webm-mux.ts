/**
 * A minimal WebM (Matroska) muxer for Opus, enough to produce what Edge TTS sends
 * (`webm-24khz-16bit-mono-opus`): EBML header, Segment of unknown size, Info, one audio
 * track with an OpusHead CodecPrivate, and Clusters of SimpleBlocks.
 */
import { opusPacketSamples } from '../../../src/audio/opus.ts';

function vintSize(n: number): Buffer {
  if (n < 0x7f) return Buffer.from([0x80 | n]);
  if (n < 0x3fff) return Buffer.from([0x40 | (n >> 8), n & 0xff]);
  if (n < 0x1fffff) return Buffer.from([0x20 | (n >> 16), (n >> 8) & 0xff, n & 0xff]);
  if (n < 0xfffffff) return Buffer.from([0x10 | (n >>> 24), (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff]);
  throw new RangeError('element too large for this muxer');
}

const UNKNOWN_SIZE = Buffer.from([0x01, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]);

function el(id: number, ...body: Buffer[]): Buffer {
  const data = Buffer.concat(body);
  return Buffer.concat([idBytes(id), vintSize(data.length), data]);
}

function idBytes(id: number): Buffer {
  const bytes: number[] = [];
  for (let v = id; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
  return Buffer.from(bytes);
}

function uint(n: number): Buffer {
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
  return Buffer.from(bytes.length ? bytes : [0]);
}

function float64(x: number): Buffer {
  const b = Buffer.alloc(8);
  b.writeDoubleBE(x);
  return b;
}

export function opusHead(channels: number, inputRate: number, preSkip = 312): Buffer {
  const h = Buffer.alloc(19);
  h.write('OpusHead', 0, 'ascii');
  h.writeUInt8(1, 8);
  h.writeUInt8(channels, 9);
  h.writeUInt16LE(preSkip, 10);
  h.writeUInt32LE(inputRate, 12);
  return h;
}

export function muxWebmOpus(packets: readonly Buffer[], options: { channels?: number; inputRate?: number } = {}): Buffer {
  const channels = options.channels ?? 1;
  const header = el(0x1a45dfa3, el(0x4286, uint(1)), el(0x42f7, uint(1)), el(0x42f2, uint(4)), el(0x42f3, uint(8)), el(0x4282, Buffer.from('webm')), el(0x4287, uint(4)), el(0x4285, uint(2)));
  const info = el(0x1549a966, el(0x2ad7b1, uint(1_000_000)), el(0x4d80, Buffer.from('fake-edge')), el(0x5741, Buffer.from('fake-edge')));
  const track = el(
    0x1654ae6b,
    el(0xae, el(0xd7, uint(1)), el(0x73c5, uint(1)), el(0x83, uint(2)), el(0x86, Buffer.from('A_OPUS')), el(0x63a2, opusHead(channels, options.inputRate ?? 24_000)), el(0xe1, el(0xb5, float64(48_000)), el(0x9f, uint(channels)))),
  );
  const clusters: Buffer[] = [];
  let ms = 0;
  for (let i = 0; i < packets.length; ) {
    const clusterStart = ms;
    const blocks: Buffer[] = [];
    // Block timecodes are signed 16-bit offsets from the cluster's: start a new cluster every 5 s.
    while (i < packets.length && ms - clusterStart < 5000) {
      const p = packets[i++]!;
      const rel = Buffer.alloc(2);
      rel.writeInt16BE(ms - clusterStart);
      blocks.push(el(0xa3, Buffer.from([0x81]), rel, Buffer.from([0x80]), p));
      ms += opusPacketSamples(p) / 48;
    }
    clusters.push(el(0x1f43b675, el(0xe7, uint(clusterStart)), ...blocks));
  }
  return Buffer.concat([header, idBytes(0x18538067), UNKNOWN_SIZE, info, track, ...clusters]);
}
