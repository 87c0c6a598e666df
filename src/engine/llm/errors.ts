/** Typed failures of a language-model call; their messages are safe to log and to show in /health. */

export const PROVIDER_ERROR_KINDS = ['timeout', 'rate_limit', 'server', 'network', 'auth', 'bad_request', 'safety', 'malformed', 'not_found', 'aborted'] as const;
export type ProviderErrorKind = (typeof PROVIDER_ERROR_KINDS)[number];

/** Kinds worth another try on the same provider; the rest fall through to the next one at once. */
const RETRYABLE: ReadonlySet<ProviderErrorKind> = new Set(['timeout', 'rate_limit', 'server', 'network']);

export class ProviderError extends Error {
  readonly provider: string;
  readonly model: string;
  readonly kind: ProviderErrorKind;
  readonly retryable: boolean;
  readonly status?: number;
  /** Server-suggested wait (Retry-After header or Google RetryInfo), when given. */
  readonly retryAfterMs?: number;

  constructor(o: { provider: string; model: string; kind: ProviderErrorKind; message: string; status?: number; retryable?: boolean; retryAfterMs?: number }) {
    super(scrubSecrets(o.message).slice(0, 300));
    this.name = 'ProviderError';
    this.provider = o.provider;
    this.model = o.model;
    this.kind = o.kind;
    this.retryable = o.retryable ?? RETRYABLE.has(o.kind);
    if (o.status !== undefined) this.status = o.status;
    if (o.retryAfterMs !== undefined) this.retryAfterMs = o.retryAfterMs;
  }
}

export function isProviderError(e: unknown): e is ProviderError {
  return e instanceof ProviderError;
}

/** Thrown by the chain when no configured provider produced an answer; the caller then uses the offline rules. */
export class AllProvidersFailed extends Error {
  readonly retryable = false;
  /** `provider/model` of every entry actually tried, in order. */
  readonly tried: string[];
  /** Tried or passed over (open circuit, quota spent, misconfigured), in order. */
  readonly passedOver: string[];
  readonly errors: ProviderError[];
  constructor(tried: string[], errors: ProviderError[], reason?: string, passedOver: string[] = tried) {
    const last = errors[errors.length - 1];
    super(reason ?? (tried.length ? `no provider answered (tried ${tried.join(', ')}${last ? `; last: ${last.kind}` : ''})` : 'no provider available'));
    this.name = 'AllProvidersFailed';
    this.tried = tried;
    this.passedOver = passedOver;
    this.errors = errors;
  }
}

const SECRET_PATTERNS: RegExp[] = [
  /AIza[0-9A-Za-z_-]{10,}/g, // Google API keys
  /\bsk-[A-Za-z0-9_-]{8,}/g, // OpenAI keys
  /([?&](?:key|api_key|apikey)=)[^&\s"']+/gi,
  /(Bearer\s+)[A-Za-z0-9._~+/=-]{8,}/gi,
];

/** Removes anything shaped like a key from text that may come from an SDK or a server. */
export function scrubSecrets(text: string, extra: readonly string[] = []): string {
  let out = text;
  for (const s of extra) if (s.length >= 6) out = out.split(s).join('[REDACTED]');
  for (const re of SECRET_PATTERNS) out = out.replace(re, (_m, prefix?: string) => (typeof prefix === 'string' ? `${prefix}[REDACTED]` : '[REDACTED]'));
  return out;
}

/** Connection-level failures, read from Node's error codes (fetch puts them on `cause`). */
export function networkFailure(err: unknown): { code: string; retryable: boolean } | null {
  let e: unknown = err;
  for (let depth = 0; depth < 4 && e && typeof e === 'object'; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') {
      if (/^(ECONNRESET|EPIPE|UND_ERR_SOCKET|UND_ERR_CLOSED|ECONNABORTED|ETIMEDOUT|EAI_AGAIN|UND_ERR_CONNECT_TIMEOUT|UND_ERR_HEADERS_TIMEOUT|UND_ERR_BODY_TIMEOUT)$/.test(code)) return { code, retryable: true };
      // A refused connection or an unknown host will not fix itself within one turn.
      if (/^(ECONNREFUSED|ENOTFOUND|EHOSTUNREACH|ENETUNREACH|ERR_INVALID_URL|CERT_|ERR_TLS|DEPTH_ZERO_SELF_SIGNED_CERT|UNABLE_TO_VERIFY_LEAF_SIGNATURE)/.test(code)) return { code, retryable: false };
    }
    e = (e as { cause?: unknown }).cause;
  }
  // No code: read the messages along the cause chain, most specific first.
  const messages: string[] = [];
  for (let x: unknown = err, d = 0; d < 4 && x instanceof Error; d++, x = x.cause) messages.unshift(x.message);
  for (const m of messages) {
    if (/bad port|invalid url|unsupported protocol/i.test(m)) return { code: 'EBADURL', retryable: false };
    if (/socket hang up|other side closed|terminated|fetch failed/i.test(m)) return { code: 'ECONNRESET', retryable: true };
  }
  return null;
}

export function isAbortError(err: unknown): boolean {
  return !!err && typeof err === 'object' && ((err as { name?: unknown }).name === 'AbortError' || (err as { name?: unknown }).name === 'TimeoutError');
}

/** Seconds or an HTTP date, as in a Retry-After header. */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const s = Number(value);
  if (Number.isFinite(s)) return Math.max(0, Math.round(s * 1000));
  const t = Date.parse(value);
  return Number.isFinite(t) ? Math.max(0, t - now) : undefined;
}
