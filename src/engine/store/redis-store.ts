import KeyvRedis, { Keyv } from '@keyv/redis';
import { StoreUnavailableError, withDeadline } from './errors.ts';
import type { KeyValueStore } from './kv.ts';
import { ownedToken } from './lock-owner.ts';
import { deserializeValue, serializeValue } from './value-codec.ts';

const UNLOCK_SCRIPT = `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("del", KEYS[1]) else return 0 end`;
const RENEW_SCRIPT = `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("pexpire", KEYS[1], ARGV[2]) else return 0 end`;

export interface RedisStoreOptions {
  /** Longest one store call may take before it fails (default 1000 ms). */
  commandTimeoutMs?: number;
}

/**
 * Redis through keyv, for several processes (Discord shards, Slack replicas).
 * During an outage every call fails within the deadline: the client's offline queue is off and
 * each command has a timeout, so nothing is held back to run when Redis returns (an answer the
 * client was told failed must never be recorded later). The client reconnects by itself.
 */
export class RedisKeyValueStore implements KeyValueStore {
  readonly kind = 'redis' as const;
  private readonly adapter: KeyvRedis<unknown>;
  private readonly keyv: Keyv;
  private readonly ms: number;

  constructor(url: string, opts: RedisStoreOptions = {}) {
    this.ms = opts.commandTimeoutMs ?? 1000;
    this.adapter = new KeyvRedis(
      {
        url,
        disableOfflineQueue: true,
        commandOptions: { timeout: this.ms },
        socket: { connectTimeout: this.ms, reconnectStrategy: (retries: number) => Math.min(50 * 2 ** retries, 1000) },
      },
      // throwOnErrors: without it a failed read looks like a missing key (an interview "not found" during an outage).
      { throwOnConnectError: true, throwOnErrors: true, connectionTimeout: this.ms },
    );
    // Errors reach the caller as StoreUnavailableError; the adapter's own 'error' events would otherwise crash the process.
    this.adapter.on('error', () => undefined);
    this.keyv = new Keyv({ store: this.adapter, namespace: 'ic', throwOnErrors: true, useKeyPrefix: false, serialize: serializeValue, deserialize: deserializeValue });
    this.keyv.on('error', () => undefined);
  }

  private run<T>(what: string, fn: () => Promise<T>): Promise<T> {
    return withDeadline(what, this.ms + 250, fn);
  }

  private async client() {
    return this.adapter.getClient();
  }

  get<T>(key: string): Promise<T | undefined> {
    return this.run('get', async () => (await this.keyv.get(key)) as T | undefined);
  }

  set<T>(key: string, value: T, ttlMs?: number): Promise<void> {
    return this.run('set', async () => {
      if (!(await this.keyv.set(key, value, ttlMs))) throw new StoreUnavailableError('set was not applied');
    });
  }

  delete(key: string): Promise<boolean> {
    return this.run('delete', () => this.keyv.delete(key));
  }

  increment(key: string, by: number, ttlMs: number): Promise<number> {
    return this.run('increment', async () => {
      const c = await this.client();
      const k = `ic:counter:${key}`;
      const value = await c.incrBy(k, by);
      // Set the expiry only when the counter is new, so the window does not slide.
      if (value === by) await c.pExpire(k, ttlMs);
      return Number(value);
    });
  }

  tryLock(key: string, ttlMs: number): Promise<string | null> {
    return this.run('lock', async () => {
      const token = ownedToken();
      const ok = await (await this.client()).set(`ic:lock:${key}`, token, { NX: true, PX: ttlMs });
      return ok === 'OK' ? token : null;
    });
  }

  unlock(key: string, token: string): Promise<void> {
    return this.run('unlock', async () => {
      await (await this.client()).eval(UNLOCK_SCRIPT, { keys: [`ic:lock:${key}`], arguments: [token] });
    });
  }

  renewLock(key: string, token: string, ttlMs: number): Promise<boolean> {
    return this.run('renew lock', async () => Number(await (await this.client()).eval(RENEW_SCRIPT, { keys: [`ic:lock:${key}`], arguments: [token, String(ttlMs)] })) === 1);
  }

  lockHolder(key: string): Promise<string | null> {
    return this.run('lock holder', async () => (await (await this.client()).get(`ic:lock:${key}`)) ?? null);
  }

  async ping(): Promise<boolean> {
    try {
      return await this.run('ping', async () => (await (await this.client()).ping()) === 'PONG');
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    // A polite QUIT waits for Redis; during an outage drop the connection instead.
    await withDeadline('close', this.ms, () => this.adapter.disconnect()).catch(() => this.adapter.disconnect(true).catch(() => undefined));
  }
}
