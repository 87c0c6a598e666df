export interface BackoffOptions {
  baseMs?: number;
  maxMs?: number;
}

/** Exponential backoff with jitter: half fixed, half random, so retries of many callers spread out. */
export function backoffDelay(retry: number, o: BackoffOptions = {}, random: () => number = Math.random): number {
  const base = o.baseMs ?? 250;
  const cap = Math.min(o.maxMs ?? 4000, base * 2 ** Math.max(0, retry - 1));
  return Math.round(cap / 2 + random() * (cap / 2));
}

/**
 * Sleeps, waking early (and rejecting) when the signal aborts; `reason` maps the signal to
 * the error the caller expects (default: the signal's own reason).
 */
export function sleep(ms: number, signal?: AbortSignal, reason: (s: AbortSignal) => unknown = (s) => s.reason): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(reason(signal));
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      reject(reason(signal!));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
