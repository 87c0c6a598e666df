/**
 * What the openai SDK throws, as one failure description, for every client built on it: the
 * chat models (OpenAI and compatible servers), speech-to-text, text-to-speech and embeddings.
 */
import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import type { FailureKind } from './errors.ts';
import { abortedByTimeout, isAbortError, networkFailure, retryAfterFromHeaders } from './network.ts';

export interface Failure {
  kind: FailureKind;
  /** Plain words for logs and /health (the caller prefixes the provider and scrubs). */
  message: string;
  status?: number;
  /** Set only where the kind alone does not decide it. */
  retryable?: boolean;
  retryAfterMs?: number;
}

/**
 * `signal` is the one the call ran under: when it fired by timeout, the SDK's "user abort" is
 * really a timeout. `timedOut` says the same for callers that keep their own timer.
 */
export function openAIFailure(err: unknown, opts: { signal?: AbortSignal; timedOut?: boolean } = {}): Failure {
  if (err instanceof APIUserAbortError || isAbortError(err) || opts.signal?.aborted) {
    const timedOut = opts.timedOut === true || abortedByTimeout(opts.signal);
    return timedOut ? { kind: 'timeout', message: 'no answer before the deadline' } : { kind: 'aborted', message: 'the request was cancelled', retryable: false };
  }
  if (opts.timedOut || err instanceof APIConnectionTimeoutError) return { kind: 'timeout', message: 'the request timed out' };
  if (err instanceof APIConnectionError) {
    const net = networkFailure(err.cause ?? err);
    return { kind: 'network', message: `connection failed (${net?.code ?? 'no response'})`, retryable: net?.retryable ?? true };
  }
  if (err instanceof APIError && typeof err.status === 'number') return fromStatus(err);
  const net = networkFailure(err);
  if (net) return { kind: 'network', message: `connection failed (${net.code})`, retryable: net.retryable };
  if (err instanceof SyntaxError || (err instanceof Error && /JSON|parse/i.test(err.message))) return { kind: 'malformed', message: 'the response could not be read', retryable: false };
  return { kind: 'malformed', message: `unexpected failure (${err instanceof Error ? err.name : typeof err})`, retryable: false };
}

function fromStatus(err: APIError): Failure {
  const status = err.status as number;
  const inner: unknown = err.error;
  const innerMessage = inner && typeof inner === 'object' && 'message' in inner && typeof inner.message === 'string' ? inner.message : undefined;
  const innerCode = inner && typeof inner === 'object' && 'code' in inner ? inner.code : undefined;
  const what = `HTTP ${status}${innerMessage ? `: ${innerMessage.slice(0, 140)}` : ''}`;
  const retryAfterMs = retryAfterFromHeaders(err.headers);
  const base = { status, message: what, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) };
  return { ...base, ...statusFailure(status, err.code === 'insufficient_quota' || innerCode === 'insufficient_quota') };
}

/** An HTTP status as a failure kind (for clients that call fetch directly, too). */
export function statusFailure(status: number, billing = false): Pick<Failure, 'kind' | 'retryable'> {
  if (status === 401 || status === 403) return { kind: 'auth' };
  if (status === 404) return { kind: 'not_found' };
  if (status === 408 || status === 504) return { kind: 'timeout' };
  // "insufficient_quota" is a billing problem, not a burst: waiting will not help today.
  if (status === 429) return { kind: 'rate_limit', retryable: !billing };
  if (status >= 500) return { kind: 'server' };
  if (status === 413 || status === 415) return { kind: 'unsupported' };
  return { kind: 'bad_request' };
}
