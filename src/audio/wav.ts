/**
 * PCM16 WAV encode/decode. STT servers (whisper.cpp) want WAV, TTS servers answer with
 * it, so the decoder walks RIFF chunks instead of assuming a 44-byte header: real files
 * carry LIST/fact/JUNK chunks, odd-sized chunks are padded, and streaming TTS servers
 * write an unknown (0 or 0xFFFFFFFF) data size.
 */
import { WavFormatError } from './errors.ts';

export interface PcmAudio {
  sampleRate: number;
  channels: number;
  /** Interleaved 16-bit samples. */
  samples: Int16Array;
}

const FORMAT_PCM = 1;
const FORMAT_EXTENSIBLE = 0xfffe;

export function encodeWav(audio: PcmAudio): Buffer {
  const { sampleRate, channels, samples } = audio;
  if (!Number.isInteger(channels) || channels < 1 || channels > 8) throw new RangeError(`bad channel count ${channels}`);
  if (!Number.isInteger(sampleRate) || sampleRate < 1) throw new RangeError(`bad sample rate ${sampleRate}`);
  if (samples.length % channels !== 0) throw new RangeError('sample count is not a whole number of frames');
  const dataBytes = samples.length * 2;
  const out = Buffer.alloc(44 + dataBytes);
  out.write('RIFF', 0, 'ascii');
  out.writeUInt32LE(36 + dataBytes, 4);
  out.write('WAVE', 8, 'ascii');
  out.write('fmt ', 12, 'ascii');
  out.writeUInt32LE(16, 16);
  out.writeUInt16LE(FORMAT_PCM, 20);
  out.writeUInt16LE(channels, 22);
  out.writeUInt32LE(sampleRate, 24);
  out.writeUInt32LE(sampleRate * channels * 2, 28);
  out.writeUInt16LE(channels * 2, 32);
  out.writeUInt16LE(16, 34);
  out.write('data', 36, 'ascii');
  out.writeUInt32LE(dataBytes, 40);
  Buffer.from(samples.buffer, samples.byteOffset, samples.byteLength).copy(out, 44);
  return out;
}

export function decodeWav(input: Uint8Array): PcmAudio {
  const buf = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  if (buf.length < 12) throw new WavFormatError(buf.length >= 4 && tag(buf, 0) === 'RIFF' ? 'truncated' : 'not-riff', `too short for a WAV file (${buf.length} bytes)`);
  if (tag(buf, 0) !== 'RIFF') throw new WavFormatError('not-riff', `not a RIFF file (starts with ${JSON.stringify(tag(buf, 0))})`);
  if (tag(buf, 8) !== 'WAVE') throw new WavFormatError('not-wave', `RIFF file is ${JSON.stringify(tag(buf, 8))}, not WAVE`);

  let fmt: { channels: number; sampleRate: number } | undefined;
  let pos = 12;
  while (pos + 8 <= buf.length) {
    const id = tag(buf, pos);
    const size = buf.readUInt32LE(pos + 4);
    const body = pos + 8;
    if (id === 'fmt ') {
      if (size < 16 || body + 16 > buf.length) throw new WavFormatError('truncated', 'fmt chunk is cut short');
      fmt = readFmt(buf, body, size);
    } else if (id === 'data') {
      if (!fmt) throw new WavFormatError('missing-fmt', 'data chunk comes before any fmt chunk');
      const frameBytes = fmt.channels * 2;
      const available = buf.length - body;
      let bytes: number;
      if (size === 0 || size === 0xffffffff) {
        // Streaming writers do not know the length up front: take what is there.
        bytes = available - (available % frameBytes);
      } else if (size > available) {
        throw new WavFormatError('truncated', `data chunk declares ${size} bytes but only ${available} are present`);
      } else {
        if (size % frameBytes !== 0) throw new WavFormatError('bad-format', `data size ${size} is not a whole number of ${frameBytes}-byte frames`);
        bytes = size;
      }
      const copy = new Int16Array(bytes / 2);
      Buffer.from(copy.buffer).set(buf.subarray(body, body + bytes));
      return { sampleRate: fmt.sampleRate, channels: fmt.channels, samples: copy };
    }
    // Chunks are word-aligned: an odd size is followed by one pad byte.
    pos = body + size + (size & 1);
  }
  throw new WavFormatError(fmt ? 'missing-data' : 'missing-fmt', fmt ? 'no data chunk found' : 'no fmt chunk found');
}

function readFmt(buf: Buffer, at: number, size: number): { channels: number; sampleRate: number } {
  let format = buf.readUInt16LE(at);
  const channels = buf.readUInt16LE(at + 2);
  const sampleRate = buf.readUInt32LE(at + 4);
  const blockAlign = buf.readUInt16LE(at + 12);
  const bits = buf.readUInt16LE(at + 14);
  if (format === FORMAT_EXTENSIBLE) {
    // WAVE_FORMAT_EXTENSIBLE keeps the real format in the first two bytes of the sub-format GUID.
    if (size < 40 || at + 40 > buf.length) throw new WavFormatError('truncated', 'extensible fmt chunk is cut short');
    format = buf.readUInt16LE(at + 24);
  }
  if (format !== FORMAT_PCM) throw new WavFormatError('not-pcm', `unsupported WAV format tag ${format} (only integer PCM is read)`);
  if (bits !== 16) throw new WavFormatError('bad-bit-depth', `unsupported bit depth ${bits} (only 16-bit PCM is read)`);
  if (channels < 1 || channels > 8) throw new WavFormatError('bad-format', `unsupported channel count ${channels}`);
  if (sampleRate < 1 || sampleRate > 384_000) throw new WavFormatError('bad-format', `implausible sample rate ${sampleRate}`);
  if (blockAlign !== channels * 2) throw new WavFormatError('bad-format', `block align ${blockAlign} does not match ${channels} channel(s) of 16-bit`);
  return { channels, sampleRate };
}

function tag(buf: Buffer, at: number): string {
  return buf.toString('latin1', at, Math.min(at + 4, buf.length));
}
