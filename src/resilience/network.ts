/** What a failed connection, an abort and a Retry-After header mean, read the same way for every service. */

const RETRYABLE_CODES = /^(ECONNRESET|EPIPE|UND_ERR_SOCKET|UND_ERR_CLOSED|ECONNABORTED|ETIMEDOUT|EAI_AGAIN|UND_ERR_CONNECT_TIMEOUT|UND_ERR_HEADERS_TIMEOUT|UND_ERR_BODY_TIMEOUT)$/;
// A refused connection or an unknown host will not fix itself within one call.
const LASTING_CODES = /^(ECONNREFUSED|ENOTFOUND|EHOSTUNREACH|ENETUNREACH|ERR_INVALID_URL|CERT_|ERR_TLS|DEPTH_ZERO_SELF_SIGNED_CERT|UNABLE_TO_VERIFY_LEAF_SIGNATURE)/;

/** Connection-level failures, read from Node's error codes (fetch and ws put them on `cause`). */
export function networkFailure(err: unknown): { code: string; retryable: boolean } | null {
  let e: unknown = err;
  for (let depth = 0; depth < 5 && e && typeof e === 'object'; depth++) {
    const code = 'code' in e ? e.code : undefined;
    if (typeof code === 'string') {
      if (RETRYABLE_CODES.test(code)) return { code, retryable: true };
      if (LASTING_CODES.test(code)) return { code, retryable: false };
    }
    e = 'cause' in e ? e.cause : undefined;
  }
  // No code: read the messages along the cause chain, most specific first.
  const messages: string[] = [];
  for (let x: unknown = err, d = 0; d < 5 && x instanceof Error; d++, x = x.cause) messages.unshift(x.message);
  for (const m of messages) {
    if (/bad port|invalid url|unsupported protocol/i.test(m)) return { code: 'EBADURL', retryable: false };
    // undici's "fetch failed" without a code is a dropped connection: worth one more try.
    if (/socket hang up|other side closed|terminated|fetch failed/i.test(m)) return { code: 'ECONNRESET', retryable: true };
  }
  return null;
}

export function isAbortError(err: unknown): boolean {
  if (!err || typeof err !== 'object' || !('name' in err)) return false;
  return err.name === 'AbortError' || err.name === 'TimeoutError' || err.name === 'APIUserAbortError';
}

/** Whether an abort signal fired because of a timeout (AbortSignal.timeout) rather than a caller. */
export function abortedByTimeout(signal: AbortSignal | undefined): boolean {
  const r: unknown = signal?.reason;
  return Boolean(r && typeof r === 'object' && 'name' in r && r.name === 'TimeoutError');
}

/** Seconds or an HTTP date, as in a Retry-After header. */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const s = Number(value);
  if (Number.isFinite(s)) return Math.max(0, Math.round(s * 1000));
  const t = Date.parse(value);
  return Number.isFinite(t) ? Math.max(0, t - now) : undefined;
}

/** `retry-after-ms` (OpenAI) or `retry-after`, whichever the server sent. */
export function retryAfterFromHeaders(headers: Headers | undefined): number | undefined {
  if (!headers) return undefined;
  const ms = headers.get('retry-after-ms');
  if (ms && Number.isFinite(Number(ms))) return Math.max(0, Number(ms));
  return parseRetryAfter(headers.get('retry-after'));
}
