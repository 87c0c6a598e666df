import type { KeyValueStore } from './kv.ts';
import { ownedToken } from './lock-owner.ts';

/** In-process store for unit tests and `STORE_URL=memory://`; values are cloned like a real store would. */
export class MemoryKeyValueStore implements KeyValueStore {
  readonly kind = 'memory' as const;
  private readonly data = new Map<string, { v: string; exp: number | null }>();
  private readonly locks = new Map<string, { token: string; exp: number }>();

  async get<T>(key: string): Promise<T | undefined> {
    const e = this.data.get(key);
    if (!e) return undefined;
    if (e.exp !== null && e.exp <= Date.now()) {
      this.data.delete(key);
      return undefined;
    }
    return JSON.parse(e.v) as T;
  }
  async set<T>(key: string, value: T, ttlMs?: number): Promise<void> {
    this.data.set(key, { v: JSON.stringify(value), exp: ttlMs ? Date.now() + ttlMs : null });
  }
  async delete(key: string): Promise<boolean> {
    return this.data.delete(key);
  }
  async increment(key: string, by: number, ttlMs: number): Promise<number> {
    const cur = (await this.get<number>(`counter:${key}`)) ?? 0;
    const e = this.data.get(`counter:${key}`);
    const next = cur + by;
    this.data.set(`counter:${key}`, { v: JSON.stringify(next), exp: e?.exp && e.exp > Date.now() ? e.exp : Date.now() + ttlMs });
    return next;
  }
  async tryLock(key: string, ttlMs: number): Promise<string | null> {
    const held = this.locks.get(key);
    if (held && held.exp > Date.now()) return null;
    const token = ownedToken();
    this.locks.set(key, { token, exp: Date.now() + ttlMs });
    return token;
  }
  async unlock(key: string, token: string): Promise<void> {
    if (this.locks.get(key)?.token === token) this.locks.delete(key);
  }
  async renewLock(key: string, token: string, ttlMs: number): Promise<boolean> {
    const held = this.locks.get(key);
    if (held?.token !== token || held.exp <= Date.now()) return false;
    held.exp = Date.now() + ttlMs;
    return true;
  }
  async lockHolder(key: string): Promise<string | null> {
    const held = this.locks.get(key);
    return held && held.exp > Date.now() ? held.token : null;
  }
  async ping(): Promise<boolean> {
    return true;
  }
  async close(): Promise<void> {
    this.data.clear();
  }
}
