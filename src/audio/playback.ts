/**
 * TTS audio to what Discord plays: PCM at any rate (22.05 kHz espeak/Piper, 24 kHz
 * XTTS/OpenAI) -> 48 kHz stereo -> 20 ms Opus packets, streamed chunk by chunk so
 * playback can start before synthesis finishes. Wrap the result with oggOpusStream()
 * (StreamType.OggOpus) or opusPacketStream() (StreamType.Opus).
 */
import { OPUS_RATE, OpusPacketEncoder, type OpusEncoderOptions } from './opus.ts';
import { bufferToInt16, float32ToInt16, int16ToFloat32, monoToStereo } from './pcm.ts';
import { StreamingResampler } from './resampler.ts';

export interface PlaybackInput {
  sampleRate: number;
  /** Interleaved channels of the input (1 or 2). */
  channels: 1 | 2;
}

export async function* pcmToOpusPackets(
  pcm: AsyncIterable<Int16Array | Buffer> | Iterable<Int16Array | Buffer>,
  input: PlaybackInput,
  encoderOptions: Omit<OpusEncoderOptions, 'channels'> = {},
): AsyncGenerator<Buffer> {
  // Mono is resampled before it is doubled to stereo: half the filter work.
  const resampler = await StreamingResampler.create({ inputRate: input.sampleRate, outputRate: OPUS_RATE, channels: input.channels });
  const encoder = new OpusPacketEncoder({ ...encoderOptions, channels: 2 });
  // A Buffer chunk may end mid-sample (network reads); the odd byte waits for the next chunk.
  let carry: Buffer | null = null;
  const toStereo = (x: Float32Array) => float32ToInt16(input.channels === 1 ? monoToStereo(x) : x);
  try {
    for await (const chunk of pcm) {
      let samples: Int16Array;
      if (chunk instanceof Int16Array) samples = chunk;
      else {
        const bytes: Buffer = carry ? Buffer.concat([carry, chunk]) : chunk;
        const frameBytes = 2 * input.channels;
        const whole = bytes.length - (bytes.length % frameBytes);
        carry = whole < bytes.length ? Buffer.from(bytes.subarray(whole)) : null;
        samples = bufferToInt16(bytes.subarray(0, whole));
      }
      if (samples.length === 0) continue;
      yield* encoder.encode(toStereo(resampler.push(int16ToFloat32(samples))));
    }
    yield* encoder.encode(toStereo(resampler.flush()));
    yield* encoder.flush();
  } finally {
    encoder.close();
    resampler.close();
  }
}

