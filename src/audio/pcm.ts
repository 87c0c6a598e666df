/**
 * Sample-format helpers. PCM moves between three shapes: s16le Buffers (Opus, WAV,
 * Discord), Int16Array views of them, and Float32 in [-1, 1] (resampler, VAD).
 */

/** Views an s16le Buffer as Int16Array, copying only when the offset is misaligned. */
export function bufferToInt16(buf: Buffer | Uint8Array): Int16Array {
  if (buf.byteLength % 2 !== 0) throw new RangeError(`s16le data has odd length ${buf.byteLength}`);
  if (buf.byteOffset % 2 === 0) return new Int16Array(buf.buffer, buf.byteOffset, buf.byteLength / 2);
  const copy = new Uint8Array(buf.byteLength);
  copy.set(buf);
  return new Int16Array(copy.buffer);
}

/** Wraps Int16 samples as an s16le Buffer without copying (platform is little-endian). */
export function int16ToBuffer(samples: Int16Array): Buffer {
  return Buffer.from(samples.buffer, samples.byteOffset, samples.byteLength);
}

export function int16ToFloat32(samples: Int16Array, out = new Float32Array(samples.length)): Float32Array {
  for (let i = 0; i < samples.length; i++) out[i] = samples[i]! / 32768;
  return out;
}

/** Clips to [-1, 1] and rounds; resampler overshoot on loud input must not wrap around. */
export function float32ToInt16(samples: Float32Array, out = new Int16Array(samples.length)): Int16Array {
  for (let i = 0; i < samples.length; i++) {
    const v = samples[i]!;
    const s = v >= 1 ? 32767 : v <= -1 ? -32768 : Math.round(v * 32768);
    out[i] = s > 32767 ? 32767 : s;
  }
  return out;
}

/** Interleaved stereo Int16 to mono Float32 by averaging the two channels. */
export function stereoInt16ToMonoFloat32(interleaved: Int16Array, out?: Float32Array): Float32Array {
  const frames = interleaved.length >> 1;
  const dst = out ?? new Float32Array(frames);
  for (let i = 0, j = 0; i < frames; i++, j += 2) dst[i] = (interleaved[j]! + interleaved[j + 1]!) / 65536;
  return dst;
}

/** Mono Float32 to interleaved stereo Float32 (both channels equal), e.g. TTS to Discord. */
export function monoToStereo(mono: Float32Array): Float32Array {
  const out = new Float32Array(mono.length * 2);
  for (let i = 0; i < mono.length; i++) out[2 * i] = out[2 * i + 1] = mono[i]!;
  return out;
}

/** Interleaved N-channel Float32 to mono by averaging. */
export function downmixToMono(interleaved: Float32Array, channels: number): Float32Array {
  if (channels === 1) return interleaved;
  const frames = Math.floor(interleaved.length / channels);
  const out = new Float32Array(frames);
  for (let i = 0; i < frames; i++) {
    let sum = 0;
    for (let c = 0; c < channels; c++) sum += interleaved[i * channels + c]!;
    out[i] = sum / channels;
  }
  return out;
}

export function concatFloat32(parts: readonly Float32Array[]): Float32Array {
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Float32Array(n);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

export function durationMs(samples: number, sampleRate: number): number {
  return (samples / sampleRate) * 1000;
}
