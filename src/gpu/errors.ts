/**
 * Typed failures of a speech call. Messages are safe to log and to show in /health: they
 * never carry a key (scrubbed) or the user's audio/text.
 */
import { FAILURE_KINDS, ServiceError, type FailureKind } from '../resilience/errors.ts';
import { parseRetryAfter } from '../resilience/network.ts';
import { openAIFailure, statusFailure } from '../resilience/openai-errors.ts';

export const SPEECH_ERROR_KINDS = FAILURE_KINDS;
export type SpeechErrorKind = FailureKind;

export class SpeechError extends ServiceError {
  constructor(o: { provider: string; kind: SpeechErrorKind; message: string; status?: number; retryable?: boolean; retryAfterMs?: number; cause?: unknown }) {
    super(o);
    this.name = 'SpeechError';
  }
}

/** No provider could take the request: none configured/healthy, or every one tried failed. */
export class NoSpeechProvider extends Error {
  readonly retryable = false;
  readonly capability: 'stt' | 'tts';
  /** Providers actually tried, in order; empty when none was available. */
  readonly tried: string[];
  readonly errors: ServiceError[];
  constructor(capability: 'stt' | 'tts', tried: string[], errors: ServiceError[]) {
    const last = errors[errors.length - 1];
    super(tried.length
      ? `no ${capability === 'stt' ? 'speech-to-text' : 'text-to-speech'} provider answered (tried ${tried.join(', ')}${last ? `; last: ${last.kind}` : ''})`
      : `no ${capability === 'stt' ? 'speech-to-text' : 'text-to-speech'} provider is available`);
    this.name = 'NoSpeechProvider';
    this.capability = capability;
    this.tried = tried;
    this.errors = errors;
  }
}

/**
 * Maps what the openai SDK throws to a SpeechError. `timedOut` says our own per-attempt
 * timer fired (the SDK then reports a user abort, which is really a timeout).
 */
export function fromOpenAIError(provider: string, err: unknown, timedOut: boolean): SpeechError {
  if (err instanceof SpeechError) return err;
  return new SpeechError({ provider, ...openAIFailure(err, { timedOut }), cause: err });
}

export function fromStatus(provider: string, status: number, message: string, retryAfter: string | null): SpeechError {
  const retryAfterMs = parseRetryAfter(retryAfter);
  return new SpeechError({ provider, status, message: `HTTP ${status}: ${message}`, ...statusFailure(status), ...(retryAfterMs === undefined ? {} : { retryAfterMs }) });
}
