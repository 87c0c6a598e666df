/**
 * Alex's reply as 20 ms, 48 kHz Opus packets, sentence by sentence: the first sentence's
 * packets come out as soon as its synthesis is back, while the next ones are being made.
 * Whatever a TTS provider answers is turned into packets without FFmpeg: WAV and raw PCM
 * are resampled and encoded; Ogg/Opus (XTTS via openedai-speech) and WebM/Opus (Edge) are
 * demuxed and passed through when their packets are already 20 ms, re-encoded otherwise.
 */
import { Readable } from 'node:stream';
import prism from 'prism-media';
import { OPUS_FRAME_SAMPLES, OpusPacketDecoder, OpusPacketEncoder, opusPacketSamples, SPEECH_PLAYBACK_ENCODER } from '../audio/opus.ts';
import { bufferToInt16 } from '../audio/pcm.ts';
import { decodeWav } from '../audio/wav.ts';
import { SpeechError } from '../gpu/errors.ts';
import { synthesizeSentences } from '../gpu/tts/stream.ts';
import type { SynthesisResult, TextToSpeech } from '../gpu/tts/types.ts';
import { PcmOpusEncoder } from './pcm-encoder.ts';

/**
 * Converts one synthesis result (any format but mp3) to Discord-ready Opus packets. Pass a
 * PcmOpusEncoder to reuse converters across sentences (a voice session keeps one).
 */
export async function* synthesisToOpusPackets(result: SynthesisResult, pcm?: PcmOpusEncoder): AsyncGenerator<Buffer> {
  switch (result.format) {
    case 'wav':
    case 'pcm': {
      const own = pcm ? null : new PcmOpusEncoder();
      try {
        yield* pcmPackets(result, (pcm ?? own)!);
      } finally {
        own?.close();
      }
      return;
    }
    case 'ogg-opus':
    case 'webm-opus':
      yield* opusContainerPackets(result.audio, result.format === 'ogg-opus' ? 'ogg' : 'webm');
      return;
    default:
      throw unsupported(result, `${result.format} audio (it needs FFmpeg to decode)`);
  }
}

function pcmPackets(result: SynthesisResult, enc: PcmOpusEncoder): AsyncGenerator<Buffer> {
  if (result.format === 'wav') {
    const wav = decodeWav(result.audio);
    if (wav.channels > 2) throw unsupported(result, `${wav.channels}-channel WAV`);
    return enc.encode(slices(wav.samples, wav.sampleRate, wav.channels), wav.sampleRate, wav.channels as 1 | 2);
  }
  // Raw PCM carries no header: the provider states its rate (XTTS: 24 kHz mono).
  const even = result.audio.subarray(0, result.audio.length - (result.audio.length % 2));
  const rate = result.sampleRate ?? 24_000;
  return enc.encode(slices(bufferToInt16(even), rate, 1), rate, 1);
}

/**
 * A clip in 40 ms slices: the encoder then hands out the first packet after 40 ms of work
 * instead of after the whole sentence, and the rest is encoded as the player pulls it.
 */
function* slices(samples: Int16Array, rate: number, channels: number): Generator<Int16Array> {
  const step = Math.max(1, Math.round(rate * 0.04)) * channels;
  for (let i = 0; i < samples.length; i += step) yield samples.subarray(i, i + step);
}

function unsupported(result: SynthesisResult, what: string): SpeechError {
  return new SpeechError({ provider: result.provider, kind: 'unsupported', message: `cannot play ${what}`, retryable: false });
}

/**
 * The player sends one packet per 20 ms tick, so a 40 or 60 ms packet would play too fast.
 * From the first packet of another length on, packets are decoded and re-encoded at 20 ms.
 */
async function* opusContainerPackets(bytes: Buffer, container: 'ogg' | 'webm'): AsyncGenerator<Buffer> {
  const demuxer = container === 'ogg' ? new prism.opus.OggDemuxer() : new prism.opus.WebmDemuxer();
  Readable.from([bytes], { objectMode: false }).pipe(demuxer);
  let decoder: OpusPacketDecoder | null = null;
  let encoder: OpusPacketEncoder | null = null;
  try {
    for await (const packet of demuxer as AsyncIterable<Buffer>) {
      if (!decoder && opusPacketSamples(packet) === OPUS_FRAME_SAMPLES) {
        yield packet;
        continue;
      }
      decoder ??= new OpusPacketDecoder({ channels: 2 });
      encoder ??= new OpusPacketEncoder({ ...SPEECH_PLAYBACK_ENCODER, channels: 2 });
      yield* encoder.encode(decoder.decode(packet));
    }
    if (encoder) yield* encoder.flush();
  } finally {
    decoder?.close();
    encoder?.close();
    demuxer.destroy();
  }
}

export interface ReplyAudioOptions {
  voice?: string;
  language?: string;
  signal?: AbortSignal;
  /** Reused converters for PCM/WAV replies. */
  pcm?: PcmOpusEncoder;
  /** Called with the provider that made each sentence (to notice a fallback voice). */
  onSentence?: (info: { index: number; count: number; provider: string; text: string }) => void;
}

/** A whole reply as one packet stream: sentence 1 plays while sentence 2 is synthesised. */
export async function* replyOpusPackets(tts: TextToSpeech, text: string, opts: ReplyAudioOptions = {}): AsyncGenerator<Buffer> {
  const sentences = synthesizeSentences(tts, text, {
    ...(opts.voice !== undefined ? { voice: opts.voice } : {}),
    ...(opts.language !== undefined ? { language: opts.language } : {}),
    ...(opts.signal ? { signal: opts.signal } : {}),
  });
  for await (const s of sentences) {
    opts.onSentence?.({ index: s.index, count: s.count, provider: s.provider, text: s.text });
    yield* synthesisToOpusPackets(s, opts.pcm);
  }
}
