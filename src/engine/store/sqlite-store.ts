import Keyv from 'keyv';
import { KeyvValues } from './keyv-values.ts';
import type { KeyValueStore } from './kv.ts';
import { ownedToken } from './lock-owner.ts';
import { NodeSqliteKeyvAdapter } from './node-sqlite-adapter.ts';
import { deserializeValue, serializeValue } from './value-codec.ts';

/** Embedded default: one SQLite file under ./data, shared safely by processes on one host. */
export class SqliteKeyValueStore extends KeyvValues implements KeyValueStore {
  readonly kind = 'sqlite' as const;
  private readonly adapter: NodeSqliteKeyvAdapter;
  protected readonly keyv: Keyv;

  constructor(path: string) {
    super();
    this.adapter = new NodeSqliteKeyvAdapter(path);
    this.keyv = new Keyv({ store: this.adapter, namespace: 'ic', throwOnErrors: true, serialize: serializeValue, deserialize: deserializeValue });
  }

  async increment(key: string, by: number, ttlMs: number): Promise<number> {
    const now = Date.now();
    // One statement, so two processes cannot both read the old value.
    const row = this.adapter.coordDb
      .prepare(
        `INSERT INTO counters (key, value, expires) VALUES (?, ?, ?)
         ON CONFLICT(key) DO UPDATE SET
           value = CASE WHEN counters.expires <= ? THEN excluded.value ELSE counters.value + excluded.value END,
           expires = CASE WHEN counters.expires <= ? THEN excluded.expires ELSE counters.expires END
         RETURNING value`,
      )
      .get(key, by, now + ttlMs, now, now) as { value: number };
    return Number(row.value);
  }

  async tryLock(key: string, ttlMs: number): Promise<string | null> {
    const token = ownedToken();
    const now = Date.now();
    const res = this.adapter.coordDb
      .prepare(
        `INSERT INTO locks (key, token, expires) VALUES (?, ?, ?)
         ON CONFLICT(key) DO UPDATE SET token = excluded.token, expires = excluded.expires
         WHERE locks.expires <= ?`,
      )
      .run(key, token, now + ttlMs, now);
    return Number(res.changes) > 0 ? token : null;
  }

  async unlock(key: string, token: string): Promise<void> {
    this.adapter.coordDb.prepare('DELETE FROM locks WHERE key = ? AND token = ?').run(key, token);
  }

  async renewLock(key: string, token: string, ttlMs: number): Promise<boolean> {
    const now = Date.now();
    const res = this.adapter.coordDb.prepare('UPDATE locks SET expires = ? WHERE key = ? AND token = ? AND expires > ?').run(now + ttlMs, key, token, now);
    return Number(res.changes) > 0;
  }

  async lockHolder(key: string): Promise<string | null> {
    const row = this.adapter.coordDb.prepare('SELECT token FROM locks WHERE key = ? AND expires > ?').get(key, Date.now()) as { token: string } | undefined;
    return row?.token ?? null;
  }

  async ping(): Promise<boolean> {
    return this.adapter.db.isOpen;
  }

  async close(): Promise<void> {
    await this.adapter.disconnect();
  }
}
