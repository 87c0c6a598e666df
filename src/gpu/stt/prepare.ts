/**
 * Every STT request goes out as 16 kHz mono PCM16 WAV: what Whisper works at, what
 * whisper.cpp's server requires (it has no decoder without --convert), and a third the
 * size of 48 kHz Discord audio.
 */
import { decodeWav, encodeWav } from '../../audio/wav.ts';
import { downmixToMono, float32ToInt16, int16ToFloat32 } from '../../audio/pcm.ts';
import { resample } from '../../audio/resampler.ts';

export const STT_RATE = 16_000;

export interface Pcm16k {
  samples: Int16Array;
  durationS: number;
}

/** Any-rate, any-channel PCM16 to 16 kHz mono. */
export async function toMono16k(samples: Int16Array, sampleRate: number, channels = 1): Promise<Pcm16k> {
  if (channels === 1 && sampleRate === STT_RATE) return { samples, durationS: samples.length / STT_RATE };
  let x = downmixToMono(int16ToFloat32(samples), channels);
  if (sampleRate !== STT_RATE) x = await resample(x, { inputRate: sampleRate, outputRate: STT_RATE, quality: 'medium' });
  const out = float32ToInt16(x);
  return { samples: out, durationS: out.length / STT_RATE };
}

/** A WAV file (any rate/channels) or raw PCM to a canonical 16 kHz mono WAV. Throws WavFormatError on a bad file. */
export async function toWav16kMono(audio: { wav: Buffer } | { pcm16: Int16Array; sampleRate: number; channels?: number }): Promise<{ wav: Buffer; durationS: number }> {
  const src = 'wav' in audio ? decodeWav(audio.wav) : { samples: audio.pcm16, sampleRate: audio.sampleRate, channels: audio.channels ?? 1 };
  const mono = await toMono16k(src.samples, src.sampleRate, src.channels);
  return { wav: encodeWav({ sampleRate: STT_RATE, channels: 1, samples: mono.samples }), durationS: mono.durationS };
}
