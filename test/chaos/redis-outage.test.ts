/**
 * A Redis outage under the real client: every request is answered within 2 s (503 with
 * Retry-After), nothing refused is applied when Redis returns, and the service recovers by itself.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { apiForTest, post } from '../api/helpers.ts';
import { freePort, RedisProcess } from './processes.ts';

let redis: RedisProcess | undefined;
let dir: string | undefined;
afterEach(async () => {
  await redis?.stop();
  redis = undefined;
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const t0 = performance.now();
  const value = await fn();
  return { value, ms: performance.now() - t0 };
}

describe('Redis outage', () => {
  it('answers 503 + Retry-After within 2 s, records nothing refused, and recovers when Redis returns', async () => {
    dir = mkdtempSync(join(tmpdir(), 'ic-redis-outage-'));
    redis = new RedisProcess(await freePort(), dir);
    await redis.start();
    const { app } = await apiForTest({ STORE_URL: redis.url });
    const start = await post(app, '/api/interview/screening/start', { user_id: 'outage' });
    expect(start.status).toBe(200);
    const id = start.json.session_id as string;
    expect((await post(app, '/api/interview/screening/respond', { session_id: id, user_response: 'Answer before the outage about Kafka.', turn_id: 't1' })).status).toBe(200);

    redis.kill();
    await new Promise((r) => setTimeout(r, 100));
    const during = [
      () => post(app, '/api/interview/screening/respond', { session_id: id, user_response: 'Refused answer during the outage.', turn_id: 't2' }),
      () => post(app, '/api/interview/screening/start', { user_id: 'outage' }),
      async () => {
        const r = await app.inject({ method: 'GET', url: `/api/interview/session/${id}` });
        return { status: r.statusCode, json: r.json(), headers: r.headers };
      },
    ];
    for (let round = 0; round < 3; round++) {
      for (const call of during) {
        const { value, ms } = await timed(call);
        expect(value.status).toBe(503);
        expect(value.json.error).toBe('store_unavailable');
        expect(Number(value.headers['retry-after'])).toBeGreaterThan(0);
        expect(ms).toBeLessThan(2000);
      }
    }

    await redis.start();
    // Recovers by itself: no restart of the service.
    let session: Record<string, any> | undefined;
    for (let i = 0; i < 60 && !session; i++) {
      const r = await app.inject({ method: 'GET', url: `/api/interview/session/${id}` });
      if (r.statusCode === 200) session = r.json();
      else await new Promise((res) => setTimeout(res, 100));
    }
    expect(session).toBeDefined();
    const said = (session!.transcript as { role: string; text: string }[]).filter((t) => t.role === 'candidate').map((t) => t.text);
    expect(said).toEqual(['Answer before the outage about Kafka.']);
    // Give any queued command a chance to run late; none may.
    await new Promise((r) => setTimeout(r, 1500));
    const again = (await app.inject({ method: 'GET', url: `/api/interview/session/${id}` })).json();
    expect(again.transcript.filter((t: { role: string }) => t.role === 'candidate')).toHaveLength(1);
  });

  it('a retried respond with the same turn_id returns the recorded reply instead of answering twice', async () => {
    const { app } = await apiForTest();
    const start = await post(app, '/api/interview/behavioral/start', { user_id: 'retry' });
    const id = start.json.session_id as string;
    const body = { session_id: id, user_response: 'I rebuilt our deploy pipeline and cut release time from two days to an hour.', turn_id: 'turn-1' };
    const first = await post(app, '/api/interview/behavioral/respond', body);
    const second = await post(app, '/api/interview/behavioral/respond', body);
    expect(second.status).toBe(200);
    expect(second.json).toEqual(first.json);
    const s = (await app.inject({ method: 'GET', url: `/api/interview/session/${id}` })).json();
    expect(s.transcript.filter((t: { role: string; text: string }) => t.role === 'candidate' && t.text === body.user_response)).toHaveLength(1);
    // A new turn id is a new answer.
    const third = await post(app, '/api/interview/behavioral/respond', { ...body, turn_id: 'turn-2' });
    expect(third.status).toBe(200);
    const s2 = (await app.inject({ method: 'GET', url: `/api/interview/session/${id}` })).json();
    expect(s2.transcript.filter((t: { role: string; text: string }) => t.role === 'candidate' && t.text === body.user_response)).toHaveLength(2);
  });
});
