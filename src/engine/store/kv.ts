/**
 * The small storage surface the engine needs. Values go through keyv (so any keyv
 * adapter works for get/set/delete); counters and locks need atomic operations that
 * keyv does not offer, so each backend provides them natively.
 */
export interface KeyValueStore {
  readonly kind: 'sqlite' | 'redis' | 'memory';
  get<T>(key: string): Promise<T | undefined>;
  set<T>(key: string, value: T, ttlMs?: number): Promise<void>;
  delete(key: string): Promise<boolean>;
  /** Atomically adds `by` and returns the new value; the key expires after ttlMs. */
  increment(key: string, by: number, ttlMs: number): Promise<number>;
  /** Takes a lock if free (or expired); returns a token, or null when held elsewhere. */
  tryLock(key: string, ttlMs: number): Promise<string | null>;
  unlock(key: string, token: string): Promise<void>;
  /** Extends a lock this token still holds; false when it was lost (expired and taken). */
  renewLock(key: string, token: string, ttlMs: number): Promise<boolean>;
  /** The token holding a lock, if any (to judge whether its owner is gone). */
  lockHolder(key: string): Promise<string | null>;
  /** Cheap liveness check for /health. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}
