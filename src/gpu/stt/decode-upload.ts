/**
 * Turns an uploaded audio file into what the STT chain takes: WAV, Ogg/Opus (Discord,
 * WhatsApp, Telegram voice notes) and WebM/Opus (browser MediaRecorder) are decoded here
 * to 16 kHz mono PCM, so every provider can take them; mp3/m4a/flac/Ogg Vorbis go through
 * undecoded, for providers that accept them. Length limits are enforced before decoding
 * finishes, so a long file costs little.
 */
import prism from 'prism-media';
import { decodeWav } from '../../audio/wav.ts';
import { WavFormatError } from '../../audio/errors.ts';
import { OPUS_RATE, OpusPacketDecoder, opusPacketSamples } from '../../audio/opus.ts';
import { float32ToInt16, stereoInt16ToMonoFloat32 } from '../../audio/pcm.ts';
import { resample } from '../../audio/resampler.ts';
import { STT_RATE, toMono16k } from './prepare.ts';
import { encodedDurationS } from './encoded-duration.ts';
import { sniffAudio, type UploadFormat } from './sniff.ts';
import type { EncodedFormat } from './types.ts';

export type UploadErrorCode = 'unsupported_audio' | 'audio_too_long';

export class UploadError extends Error {
  readonly code: UploadErrorCode;
  readonly retryable = false;
  constructor(code: UploadErrorCode, message: string) {
    super(message);
    this.name = 'UploadError';
    this.code = code;
  }
}

export type PreparedUpload =
  | { kind: 'pcm'; format: UploadFormat; pcm16: Int16Array; sampleRate: number; durationS: number }
  | { kind: 'encoded'; format: UploadFormat; encoded: Buffer; as: EncodedFormat; durationS?: number };

export async function prepareUpload(buf: Buffer, limits: { maxSeconds: number }): Promise<PreparedUpload> {
  const format = sniffAudio(buf);
  const tooLong = (s: number) => new UploadError('audio_too_long', `the audio is ${s.toFixed(1)} s long; the limit is ${limits.maxSeconds} s`);
  switch (format) {
    case 'wav': {
      let wav;
      try {
        wav = decodeWav(buf);
      } catch (e) {
        if (e instanceof WavFormatError) throw new UploadError('unsupported_audio', `cannot read this WAV file: ${e.message}`);
        throw e;
      }
      const seconds = wav.samples.length / wav.channels / wav.sampleRate;
      if (seconds > limits.maxSeconds) throw tooLong(seconds);
      const mono = await toMono16k(wav.samples, wav.sampleRate, wav.channels);
      return checkNotEmpty({ kind: 'pcm', format, pcm16: mono.samples, sampleRate: STT_RATE, durationS: mono.durationS });
    }
    case 'ogg-opus':
    case 'webm': {
      let pcm: Float32Array;
      try {
        pcm = await decodeOpusContainer(buf, format === 'webm' ? 'webm' : 'ogg', limits.maxSeconds);
      } catch (e) {
        if (e instanceof UploadError) throw e;
        // WebM can hold Vorbis too: pass it on for providers that decode it themselves.
        if (format === 'webm' && /not Opus/i.test(String((e as Error).message))) return { kind: 'encoded', format, encoded: buf, as: 'webm' };
        throw new UploadError('unsupported_audio', `cannot read this ${format === 'webm' ? 'WebM' : 'Ogg'} file: ${(e as Error).message}`);
      }
      const x = await resample(pcm, { inputRate: OPUS_RATE, outputRate: STT_RATE, quality: 'medium' });
      const samples = float32ToInt16(x);
      return checkNotEmpty({ kind: 'pcm', format, pcm16: samples, sampleRate: STT_RATE, durationS: samples.length / STT_RATE });
    }
    case 'mp3':
    case 'm4a':
    case 'flac': {
      const s = encodedDurationS(buf, format);
      if (s !== undefined && s > limits.maxSeconds) throw tooLong(s);
      return s === undefined ? { kind: 'encoded', format, encoded: buf, as: format } : { kind: 'encoded', format, encoded: buf, as: format, durationS: s };
    }
    case 'ogg-vorbis':
      return { kind: 'encoded', format, encoded: buf, as: 'ogg' };
    default:
      throw new UploadError('unsupported_audio', 'unrecognised audio format; send WAV, Ogg/Opus, WebM/Opus, mp3, m4a or flac');
  }
}

function checkNotEmpty(p: Extract<PreparedUpload, { kind: 'pcm' }>): PreparedUpload {
  if (p.durationS < 0.05) throw new UploadError('unsupported_audio', 'the file holds no audio');
  return p;
}

/**
 * Demuxes (prism-media) and decodes (opusscript) an Ogg or WebM Opus file to 48 kHz mono
 * float. Packet durations come from the TOC byte, so the length limit trips before any
 * decoding work.
 */
export async function decodeOpusContainer(buf: Buffer, container: 'ogg' | 'webm', maxSeconds: number): Promise<Float32Array> {
  const demuxer = container === 'ogg' ? new prism.opus.OggDemuxer() : new prism.opus.WebmDemuxer();
  let preSkip = 0;
  demuxer.on('head', (head: Buffer) => {
    if (head.length >= 12) preSkip = head.readUInt16LE(10);
  });
  const packets: Buffer[] = [];
  let total = 0;
  const max = maxSeconds * OPUS_RATE;
  demuxer.end(buf);
  for await (const packet of demuxer as AsyncIterable<Buffer>) {
    total += opusPacketSamples(packet);
    if (total > max) {
      demuxer.destroy();
      throw new UploadError('audio_too_long', `the audio is longer than the ${maxSeconds} s limit`);
    }
    packets.push(packet);
  }
  if (packets.length === 0) throw new Error('no Opus packets found');
  // A stereo decoder also decodes mono streams (it duplicates the channel).
  const decoder = new OpusPacketDecoder({ channels: 2 });
  try {
    const out = new Float32Array(total);
    let o = 0;
    for (const p of packets) {
      const mono = stereoInt16ToMonoFloat32(decoder.decode(p));
      const n = Math.min(mono.length, out.length - o);
      out.set(mono.subarray(0, n), o);
      o += n;
    }
    if (decoder.failures === packets.length) throw new Error('no packet could be decoded');
    return out.subarray(Math.min(preSkip, o), o);
  } finally {
    decoder.close();
  }
}
