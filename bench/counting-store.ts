/** A store that counts reads and writes of session records: the store work one answer costs. */
import type { KeyValueStore } from '../src/engine/store/kv.ts';

// biome-ignore lint/suspicious/noExplicitAny: a mixin's base constructor takes whatever its class takes.
type StoreClass = new (...args: any[]) => KeyValueStore;

export function countingSessionIO<B extends StoreClass>(Base: B) {
  return class extends Base {
    reads = 0;
    writes = 0;
    override async get<T>(key: string): Promise<T | undefined> {
      if (key.startsWith('session:')) this.reads++;
      return super.get<T>(key);
    }
    override async set<T>(key: string, value: T, ttlMs?: number): Promise<void> {
      if (key.startsWith('session:')) this.writes++;
      return super.set(key, value, ttlMs);
    }
  };
}
