import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { RedisKeyValueStore } from '../../src/engine/store/redis-store.ts';
import { makeEngine, STRONG_BEHAVIORAL } from '../helpers/engine.ts';

// scripts/test.sh starts a private redis-server on 127.0.0.1 and exports its URL.
const url = process.env.TEST_REDIS_URL;

describe('Redis store (real redis-server)', () => {
  let a: RedisKeyValueStore;
  let b: RedisKeyValueStore;
  beforeAll(() => {
    if (!url) throw new Error('TEST_REDIS_URL is not set: run the suite with `make test`, which starts redis-server');
    a = new RedisKeyValueStore(url);
    b = new RedisKeyValueStore(url);
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
  });

  test('values, counters and locks', async () => {
    const k = `t:${Date.now()}`;
    await a.set(k, { x: 1 });
    expect(await b.get(k)).toEqual({ x: 1 });
    expect(await a.increment(`${k}:c`, 1, 60_000)).toBe(1);
    expect(await b.increment(`${k}:c`, 2, 60_000)).toBe(3);
    const t = await a.tryLock(`${k}:l`, 5000);
    expect(t).toBeTruthy();
    expect(await b.tryLock(`${k}:l`, 5000)).toBeNull();
    await a.unlock(`${k}:l`, t!);
    expect(await b.tryLock(`${k}:l`, 5000)).toBeTruthy();
    expect(await a.ping()).toBe(true);
  });

  test('two engines on separate connections run one interview without double-advancing', async () => {
    const e1 = makeEngine({ kv: a }).engine;
    const e2 = makeEngine({ kv: b }).engine;
    const key = `redis-place:${Date.now()}`;
    const r = await e1.start({ key, userKey: `u:${key}`, type: 'behavioral', seed: 3 });
    const replies = await Promise.all(Array.from({ length: 6 }, (_, i) => (i % 2 ? e1 : e2).handleSession(r.sessionId, { kind: 'answer', text: `${i}: ${STRONG_BEHAVIORAL}` })));
    const s = await e2.getById(r.sessionId);
    expect(s!.answers.every((x) => x.parts.length === 1 && x.status === 'answered')).toBe(true);
    expect(replies.filter((x) => x.done)).toHaveLength(1);
    expect((await e2.history(`u:${key}`))[0]?.score).toBe(s!.report!.overall.score);
    expect(await e1.forget(`u:${key}`)).toBe(1);
    expect(await e2.getById(r.sessionId)).toBeUndefined();
  });
});
