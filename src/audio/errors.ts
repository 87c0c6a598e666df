/**
 * Typed errors for the audio plumbing. `code` lets callers branch without string
 * matching; `retryable` says whether trying the same input again could succeed.
 */
export class AudioError extends Error {
  readonly code: string;
  readonly retryable: boolean;
  constructor(code: string, message: string, retryable = false, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AudioError';
    this.code = code;
    this.retryable = retryable;
  }
}

export type WavErrorCode =
  | 'not-riff'
  | 'not-wave'
  | 'missing-fmt'
  | 'missing-data'
  | 'not-pcm'
  | 'bad-bit-depth'
  | 'bad-format'
  | 'truncated';

/** A WAV file that cannot be read: the same bytes will always fail, so never retryable. */
export class WavFormatError extends AudioError {
  declare readonly code: WavErrorCode;
  constructor(code: WavErrorCode, message: string) {
    super(code, message, false);
    this.name = 'WavFormatError';
  }
}

/**
 * The Silero model file or the ONNX runtime is not usable here. Callers fall back to
 * the energy detector; not retryable because the file will not appear by itself.
 */
export class VadUnavailableError extends AudioError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('vad-unavailable', message, false, options);
    this.name = 'VadUnavailableError';
  }
}
