import type { KeyValueStore } from '../store/kv.ts';

const HOUR = 3_600_000;

/** The UTC calendar day, YYYY-MM-DD: provider quotas reset at UTC midnight. */
export function utcDay(t: number): string {
  return new Date(t).toISOString().slice(0, 10);
}

export function msUntilUtcMidnight(t: number): number {
  const d = new Date(t);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 1) - t;
}

/**
 * Requests per provider per UTC day, counted in the shared store so the count
 * survives restarts and is shared by every process using the same store.
 */
export class DailyQuota {
  private readonly kv: Pick<KeyValueStore, 'increment'>;
  private readonly now: () => number;
  /** provider -> day it ran out, so a spent provider is skipped without touching the store again. */
  private readonly spent = new Map<string, string>();

  constructor(kv: Pick<KeyValueStore, 'increment'>, now: () => number = Date.now) {
    this.kv = kv;
    this.now = now;
  }

  private key(provider: string, t: number): string {
    return `quota:${provider}:${utcDay(t)}`;
  }

  /** True when today's quota is known to be spent (no store access). */
  isSpent(provider: string): boolean {
    return this.spent.get(provider) === utcDay(this.now());
  }

  /**
   * Counts one request and says whether it may go out. `limit` 0 means unlimited
   * (still counted, for /health). Increment-then-compare keeps it atomic across processes.
   */
  async take(provider: string, limit: number): Promise<{ allowed: boolean; used: number }> {
    const t = this.now();
    if (limit > 0 && this.isSpent(provider)) return { allowed: false, used: limit };
    const used = await this.kv.increment(this.key(provider, t), 1, msUntilUtcMidnight(t) + HOUR);
    if (limit > 0 && used > limit) {
      this.spent.set(provider, utcDay(t));
      return { allowed: false, used };
    }
    return { allowed: true, used };
  }

  /** Requests counted today (adding 0 reads the counter atomically on every backend). */
  async used(provider: string): Promise<number> {
    const t = this.now();
    return this.kv.increment(this.key(provider, t), 0, msUntilUtcMidnight(t) + HOUR);
  }
}
