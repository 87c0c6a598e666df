import type Keyv from 'keyv';

/** The value half of a KeyValueStore, shared by the keyv-backed stores (counters and locks are per backend). */
export abstract class KeyvValues {
  protected abstract readonly keyv: Keyv;

  async get<T>(key: string): Promise<T | undefined> {
    return (await this.keyv.get(key)) as T | undefined;
  }

  async set<T>(key: string, value: T, ttlMs?: number): Promise<void> {
    await this.keyv.set(key, value, ttlMs);
  }

  async delete(key: string): Promise<boolean> {
    return this.keyv.delete(key);
  }
}
