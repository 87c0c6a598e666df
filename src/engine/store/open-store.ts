import { resolve } from 'node:path';
import type { KeyValueStore } from './kv.ts';
import { MemoryKeyValueStore } from './memory-store.ts';

/**
 * STORE_URL forms: `sqlite://./data/interviews.sqlite` (default), `redis://host:6379/0`,
 * `rediss://...`, `memory://`. Backends load lazily so the terminal mode never pulls Redis in.
 */
export async function openStore(url: string): Promise<KeyValueStore> {
  if (url.startsWith('redis://') || url.startsWith('rediss://')) {
    const { RedisKeyValueStore } = await import('./redis-store.ts');
    const store = new RedisKeyValueStore(url);
    if (!(await store.ping())) {
      await store.close();
      throw new Error(`STORE_URL: cannot reach Redis at ${redactUrl(url)}`);
    }
    return store;
  }
  if (url === 'memory://' || url === 'memory') return new MemoryKeyValueStore();
  if (url.startsWith('sqlite://')) {
    const { SqliteKeyValueStore } = await import('./sqlite-store.ts');
    const path = url.slice('sqlite://'.length);
    return new SqliteKeyValueStore(path === ':memory:' ? path : resolve(path));
  }
  throw new Error(`STORE_URL: unsupported scheme in ${redactUrl(url)} (use sqlite://, redis:// or memory://)`);
}

/** Hides a password in a store URL before it reaches a log or an error. */
export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:@/]*):([^@/]*)@/, '//$1:***@');
}
