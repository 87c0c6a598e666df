import { randomUUID } from 'node:crypto';
import KeyvRedis, { Keyv } from '@keyv/redis';
import { KeyvValues } from './keyv-values.ts';
import type { KeyValueStore } from './kv.ts';

const UNLOCK_SCRIPT = `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("del", KEYS[1]) else return 0 end`;

/** Redis through keyv, for several processes (Discord shards, Slack replicas). */
export class RedisKeyValueStore extends KeyvValues implements KeyValueStore {
  readonly kind = 'redis' as const;
  private readonly adapter: KeyvRedis<unknown>;
  protected readonly keyv: Keyv;

  constructor(url: string) {
    super();
    this.adapter = new KeyvRedis(url, { throwOnConnectError: true, connectionTimeout: 3000 });
    this.keyv = new Keyv({ store: this.adapter, namespace: 'ic', throwOnErrors: true, useKeyPrefix: false });
  }

  private async client() {
    return this.adapter.getClient();
  }

  async increment(key: string, by: number, ttlMs: number): Promise<number> {
    const c = await this.client();
    const k = `ic:counter:${key}`;
    const value = await c.incrBy(k, by);
    // Set the expiry only when the counter is new, so the window does not slide.
    if (value === by) await c.pExpire(k, ttlMs);
    return Number(value);
  }

  async tryLock(key: string, ttlMs: number): Promise<string | null> {
    const c = await this.client();
    const token = randomUUID();
    const ok = await c.set(`ic:lock:${key}`, token, { NX: true, PX: ttlMs });
    return ok === 'OK' ? token : null;
  }

  async unlock(key: string, token: string): Promise<void> {
    const c = await this.client();
    await c.eval(UNLOCK_SCRIPT, { keys: [`ic:lock:${key}`], arguments: [token] });
  }

  async ping(): Promise<boolean> {
    try {
      const c = await this.client();
      return (await c.ping()) === 'PONG';
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    await this.adapter.disconnect().catch(() => undefined);
  }
}
