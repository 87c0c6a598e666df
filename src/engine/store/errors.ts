/**
 * The store did not answer in time or is unreachable. Nothing was applied by this call (commands
 * are never queued for later), so the client can safely send the same request again.
 */
export class StoreUnavailableError extends Error {
  readonly retryable = true;
  constructor(what: string, options?: { cause?: unknown }) {
    super(`the session store is unavailable (${what})`, options);
    this.name = 'StoreUnavailableError';
  }
}

/** Seconds a client should wait before retrying during a store outage. */
export const STORE_RETRY_AFTER_S = 2;

/** Runs one store call under a deadline; any failure becomes a StoreUnavailableError. */
export async function withDeadline<T>(what: string, ms: number, call: () => Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new StoreUnavailableError(`${what} took over ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([call(), late]);
  } catch (e) {
    throw e instanceof StoreUnavailableError ? e : new StoreUnavailableError(what, { cause: e });
  } finally {
    clearTimeout(timer);
  }
}
