import { Readable } from 'node:stream';
import { createAudioResource, StreamType } from '@discordjs/voice';
import prism from 'prism-media';
import { describe, expect, test } from 'vitest';
import {
  OPUS_SILENCE_FRAME,
  OpusPacketDecoder,
  OpusPacketEncoder,
  createOpusDecoderStream,
  encodeOpusPackets,
  opusPacketSamples,
} from '../../src/audio/opus.ts';
import { OggOpusMuxer, oggCrc, oggOpusStream, opusPacketStream } from '../../src/audio/ogg-opus.ts';
import { float32ToInt16, monoToStereo } from '../../src/audio/pcm.ts';

function tone(freq: number, seconds: number): Int16Array {
  const mono = new Float32Array(Math.round(48000 * seconds));
  for (let i = 0; i < mono.length; i++) mono[i] = 0.4 * Math.sin((2 * Math.PI * freq * i) / 48000);
  return float32ToInt16(monoToStereo(mono));
}

function leftChannel(stereo: Int16Array): Float32Array {
  const out = new Float32Array(stereo.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = stereo[2 * i]! / 32768;
  return out;
}

function zeroCrossingHz(x: Float32Array, rate: number): number {
  let c = 0;
  for (let i = 1; i < x.length; i++) if ((x[i - 1]! < 0) !== (x[i]! < 0)) c++;
  return c / 2 / (x.length / rate);
}

async function collect<T>(stream: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of stream) out.push(x);
  return out;
}

/** Splits an Ogg byte stream into pages, checking structure as a strict reader would. */
function pages(bytes: Buffer): { flags: number; granule: bigint; seq: number; crcOk: boolean }[] {
  const out = [];
  let pos = 0;
  while (pos < bytes.length) {
    expect(bytes.toString('latin1', pos, pos + 4)).toBe('OggS');
    const segs = bytes[pos + 26]!;
    let body = 0;
    for (let i = 0; i < segs; i++) body += bytes[pos + 27 + i]!;
    const page = Buffer.from(bytes.subarray(pos, pos + 27 + segs + body));
    const stored = page.readUInt32LE(22);
    page.writeUInt32LE(0, 22);
    out.push({ flags: page[5]!, granule: page.readBigUInt64LE(6), seq: page.readUInt32LE(18), crcOk: oggCrc(page) === stored });
    pos += page.length;
  }
  return out;
}

describe('Opus', () => {
  test('PCM encodes to one packet per 20 ms and decodes back to the same tone', () => {
    const pcm = tone(1000, 1.01); // 50.5 frames: the half frame is padded by flush()
    const enc = new OpusPacketEncoder();
    const packets = [...enc.encode(pcm.subarray(0, 7000)), ...enc.encode(pcm.subarray(7000)), ...enc.flush()];
    enc.close();
    expect(packets).toHaveLength(51);
    expect(packets.every((p) => opusPacketSamples(p) === 960)).toBe(true);
    const dec = new OpusPacketDecoder();
    const out = packets.map((p) => dec.decode(p));
    dec.close();
    expect(out.every((f) => f.length === 1920)).toBe(true);
    const left = leftChannel(Int16Array.from(out.flatMap((f) => Array.from(f))));
    expect(Math.abs(zeroCrossingHz(left.subarray(4800, 43200), 48000) - 1000)).toBeLessThan(10);
  });

  test("Discord's silence frame decodes to 20 ms of silence, and an empty packet does not kill the stream", () => {
    const dec = new OpusPacketDecoder();
    const silence = dec.decode(OPUS_SILENCE_FRAME);
    expect(silence.length).toBe(1920);
    expect(silence.every((s) => s === 0)).toBe(true);
    expect(dec.decode(new Uint8Array(0)).length).toBe(1920);
    expect(dec.failures).toBe(1);
    dec.close();
  });

  test('the prism-media stream decoder agrees with the packet decoder', async () => {
    const packets = await collect(encodeOpusPackets([tone(440, 0.2)]));
    const pcm = Buffer.concat(await collect(Readable.from(packets).pipe(createOpusDecoderStream())));
    expect(pcm.length).toBe(packets.length * 960 * 4);
  });

  test('packet durations are read from the TOC byte', () => {
    expect(opusPacketSamples(OPUS_SILENCE_FRAME)).toBe(960); // CELT FB 20 ms, one frame
    expect(opusPacketSamples(Uint8Array.of(0x18))).toBe(2880); // SILK NB 60 ms, config 3
    expect(opusPacketSamples(Uint8Array.of(0xfb, 0x03))).toBe(2880); // 3 x 20 ms, code 3
    expect(opusPacketSamples(new Uint8Array(0))).toBe(0);
  });
});

describe('Ogg Opus output', () => {
  test('the page checksum is the Ogg CRC (known check value)', () => {
    // CRC-32/POSIX ("123456789") is 0x765E7680; Ogg uses the same CRC without the final inversion.
    expect(oggCrc(Buffer.from('123456789'))).toBe((0x765e7680 ^ 0xffffffff) >>> 0);
  });

  test('pages are well formed: headers first, checksums valid, granules rising, EOS last', async () => {
    const packets = await collect(encodeOpusPackets([tone(440, 0.5)]));
    const bytes = Buffer.concat(await collect(oggOpusStream(packets)));
    const ps = pages(bytes);
    expect(ps).toHaveLength(2 + packets.length);
    expect(ps.every((p) => p.crcOk)).toBe(true);
    expect(ps.map((p) => p.seq)).toEqual(ps.map((_, i) => i));
    expect(ps[0]!.flags).toBe(0x02);
    expect(ps.at(-1)!.flags).toBe(0x04);
    expect(ps.at(-1)!.granule).toBe(BigInt(packets.length * 960));
    for (let i = 3; i < ps.length; i++) expect(ps[i]!.granule - ps[i - 1]!.granule).toBe(960n);
  });

  test("prism-media's OggDemuxer gets every packet back, and they decode to the right length", async () => {
    const pcm = tone(700, 1.5);
    const packets = await collect(encodeOpusPackets([pcm]));
    const muxer = new OggOpusMuxer({ packetsPerPage: 4 });
    const bytes = Buffer.concat([...packets.map((p) => muxer.write(p)), muxer.end()]);
    const demuxer = new prism.opus.OggDemuxer();
    let head: Buffer | undefined;
    demuxer.on('head', (h: Buffer) => (head = h));
    // Feed in awkward slices: pages straddle chunk boundaries.
    const chunks = [];
    for (let i = 0; i < bytes.length; i += 777) chunks.push(bytes.subarray(i, i + 777));
    const back: Buffer[] = await collect(Readable.from(chunks).pipe(demuxer));
    expect(head?.toString('latin1', 0, 8)).toBe('OpusHead');
    expect(head?.[9]).toBe(2);
    expect(back).toHaveLength(packets.length);
    back.forEach((p, i) => expect(p.equals(packets[i]!)).toBe(true));
    const dec = new OpusPacketDecoder();
    const samples = back.reduce((n, p) => n + dec.decode(p).length / 2, 0);
    dec.close();
    expect(samples).toBe(pcm.length / 2); // 1.5 s at 48 kHz, a whole number of frames
  });

  test('@discordjs/voice plays the Ogg stream (StreamType.OggOpus) and raw packets (StreamType.Opus) without FFmpeg', async () => {
    const packets = await collect(encodeOpusPackets([tone(440, 0.4)]));
    for (const [stream, inputType] of [
      [oggOpusStream(packets), StreamType.OggOpus],
      [opusPacketStream(packets), StreamType.Opus],
    ] as const) {
      const resource = createAudioResource(stream, { inputType });
      const out: Buffer[] = await collect(resource.playStream);
      expect(out).toHaveLength(packets.length);
      expect(out.at(-1)!.equals(packets.at(-1)!)).toBe(true);
    }
  });
});
