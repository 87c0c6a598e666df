// "Do this once" over the shared store, so several replicas (and platform redeliveries) agree.
import type { KeyValueStore } from '../engine/store/kv.ts';

/** How long a processed message is remembered; platforms stop redelivering within minutes. */
export const SEEN_TTL_MS = 60 * 60_000;

export interface Claim {
  release(): Promise<void>;
}

/**
 * Claims `name` atomically: the first caller gets a Claim, everyone else (a redelivery, the
 * same message arriving through two events) gets null. The claim is kept until it
 * expires; release it only when the work failed before anything was recorded.
 */
export async function claimOnce(kv: KeyValueStore, name: string, ttlMs = SEEN_TTL_MS): Promise<Claim | null> {
  const key = `chat:once:${name}`;
  const token = await kv.tryLock(key, ttlMs);
  if (!token) return null;
  return { release: () => kv.unlock(key, token) };
}

/** True the first time for `name` within ttlMs (counts rather than locks; cheap to ask often). */
export async function firstTime(kv: KeyValueStore, name: string, ttlMs: number): Promise<boolean> {
  return (await kv.increment(`chat:first:${name}`, 1, ttlMs)) === 1;
}
