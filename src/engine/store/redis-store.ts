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
    const c = (await this.client()) as unknown as RedisLike;
    const k = `ic:counter:${key}`;
    const value = await c.incrBy(k, by);
    // Set the expiry only when the counter is new, so the window does not slide.
    if (value === by) await c.pExpire(k, ttlMs);
    return Number(value);
  }

  async tryLock(key: string, ttlMs: number): Promise<string | null> {
    const c = (await this.client()) as unknown as RedisLike;
    const token = randomUUID();
    const ok = await c.set(`ic:lock:${key}`, token, { NX: true, PX: ttlMs });
    return ok === 'OK' ? token : null;
  }

  async unlock(key: string, token: string): Promise<void> {
    const c = (await this.client()) as unknown as RedisLike;
    await c.eval(UNLOCK_SCRIPT, { keys: [`ic:lock:${key}`], arguments: [token] });
  }

  async ping(): Promise<boolean> {
    try {
      const c = (await this.client()) as unknown as RedisLike;
      return (await c.ping()) === 'PONG';
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    await this.adapter.disconnect().catch(() => undefined);
  }
}

/** The few node-redis calls used here (the adapter's client type is a wide union). */
interface RedisLike {
  incrBy(key: string, by: number): Promise<number>;
  pExpire(key: string, ms: number): Promise<unknown>;
  set(key: string, value: string, opts: { NX: true; PX: number }): Promise<string | null>;
  eval(script: string, opts: { keys: string[]; arguments: string[] }): Promise<unknown>;
  ping(): Promise<string>;
}
