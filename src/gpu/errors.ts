/**
 * Typed failures of a speech call. Messages are safe to log and to show in /health: they
 * never carry a key (scrubbed) or the user's audio/text.
 */
import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';

export const SPEECH_ERROR_KINDS = ['timeout', 'rate_limit', 'server', 'network', 'auth', 'bad_request', 'not_found', 'unsupported', 'aborted', 'malformed'] as const;
export type SpeechErrorKind = (typeof SPEECH_ERROR_KINDS)[number];

/** Worth another try on the same provider; everything else falls through to the next at once. */
const RETRYABLE: ReadonlySet<SpeechErrorKind> = new Set(['timeout', 'rate_limit', 'server', 'network']);

export class SpeechError extends Error {
  readonly provider: string;
  readonly kind: SpeechErrorKind;
  readonly retryable: boolean;
  readonly status?: number;
  /** Server-suggested wait from Retry-After, when given. */
  readonly retryAfterMs?: number;

  constructor(o: { provider: string; kind: SpeechErrorKind; message: string; status?: number; retryable?: boolean; retryAfterMs?: number; cause?: unknown }) {
    super(scrub(o.message).slice(0, 300), o.cause === undefined ? undefined : { cause: o.cause });
    this.name = 'SpeechError';
    this.provider = o.provider;
    this.kind = o.kind;
    this.retryable = o.retryable ?? RETRYABLE.has(o.kind);
    if (o.status !== undefined) this.status = o.status;
    if (o.retryAfterMs !== undefined) this.retryAfterMs = o.retryAfterMs;
  }
}

/** No provider could take the request: none configured/healthy, or every one tried failed. */
export class NoSpeechProvider extends Error {
  readonly retryable = false;
  readonly capability: 'stt' | 'tts';
  /** Providers actually tried, in order; empty when none was available. */
  readonly tried: string[];
  readonly errors: SpeechError[];
  constructor(capability: 'stt' | 'tts', tried: string[], errors: SpeechError[]) {
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
  if (timedOut || err instanceof APIConnectionTimeoutError) return new SpeechError({ provider, kind: 'timeout', message: 'request timed out', cause: err });
  if (err instanceof APIUserAbortError || isAbortError(err)) return new SpeechError({ provider, kind: 'aborted', message: 'request aborted', retryable: false, cause: err });
  if (err instanceof APIConnectionError) {
    const net = networkCode(err);
    return new SpeechError({ provider, kind: 'network', message: `connection failed${net ? ` (${net.code})` : ''}`, retryable: net ? net.retryable : true, cause: err });
  }
  if (err instanceof APIError && typeof err.status === 'number') return fromStatus(provider, err.status, err.message, err.headers?.get?.('retry-after') ?? null);
  const net = networkCode(err);
  if (net) return new SpeechError({ provider, kind: 'network', message: `connection failed (${net.code})`, retryable: net.retryable, cause: err });
  return new SpeechError({ provider, kind: 'malformed', message: err instanceof Error ? err.message : String(err), retryable: false, cause: err });
}

export function fromStatus(provider: string, status: number, message: string, retryAfter: string | null): SpeechError {
  const retryAfterMs = parseRetryAfter(retryAfter);
  const extra = retryAfterMs === undefined ? {} : { retryAfterMs };
  const msg = `HTTP ${status}: ${message}`;
  if (status === 429) return new SpeechError({ provider, kind: 'rate_limit', status, message: msg, ...extra });
  if (status === 408 || status === 504) return new SpeechError({ provider, kind: 'timeout', status, message: msg, ...extra });
  if (status >= 500) return new SpeechError({ provider, kind: 'server', status, message: msg, ...extra });
  if (status === 401 || status === 403) return new SpeechError({ provider, kind: 'auth', status, message: msg });
  if (status === 404) return new SpeechError({ provider, kind: 'not_found', status, message: msg });
  if (status === 413 || status === 415) return new SpeechError({ provider, kind: 'unsupported', status, message: msg });
  return new SpeechError({ provider, kind: 'bad_request', status, message: msg });
}

/** Connection-level failures from Node's error codes (fetch and ws put them on `cause`). */
export function networkCode(err: unknown): { code: string; retryable: boolean } | null {
  let e: unknown = err;
  for (let depth = 0; depth < 5 && e && typeof e === 'object'; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') {
      if (/^(ECONNRESET|EPIPE|UND_ERR_SOCKET|UND_ERR_CLOSED|ECONNABORTED|ETIMEDOUT|EAI_AGAIN|UND_ERR_CONNECT_TIMEOUT|UND_ERR_HEADERS_TIMEOUT|UND_ERR_BODY_TIMEOUT)$/.test(code)) return { code, retryable: true };
      // A refused connection or an unknown host will not fix itself within one request: fall through now.
      if (/^(ECONNREFUSED|ENOTFOUND|EHOSTUNREACH|ENETUNREACH|CERT_|ERR_TLS|DEPTH_ZERO_SELF_SIGNED_CERT|UNABLE_TO_VERIFY_LEAF_SIGNATURE)/.test(code)) return { code, retryable: false };
    }
    e = (e as { cause?: unknown }).cause;
  }
  if (err instanceof Error && /socket hang up|other side closed|terminated/i.test(err.message)) return { code: 'ECONNRESET', retryable: true };
  return null;
}

export function isAbortError(err: unknown): boolean {
  const name = err && typeof err === 'object' ? (err as { name?: unknown }).name : undefined;
  return name === 'AbortError' || name === 'TimeoutError';
}

export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const s = Number(value);
  if (Number.isFinite(s)) return Math.max(0, Math.round(s * 1000));
  const t = Date.parse(value);
  return Number.isFinite(t) ? Math.max(0, t - now) : undefined;
}

const SECRET_PATTERNS: RegExp[] = [/\bsk-[A-Za-z0-9_-]{8,}/g, /(Bearer\s+)[A-Za-z0-9._~+/=-]{8,}/gi, /([?&](?:key|api_key|apikey|token)=)[^&\s"']+/gi];

function scrub(text: string): string {
  let out = text;
  for (const re of SECRET_PATTERNS) out = out.replace(re, (_m, prefix?: string) => (typeof prefix === 'string' ? `${prefix}[REDACTED]` : '[REDACTED]'));
  return out;
}
