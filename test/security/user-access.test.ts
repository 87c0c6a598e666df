/** One user's data is theirs: dashboards, charts, pages and deletion need their own token (or the operator's key). */
import { describe, expect, it } from 'vitest';
import { MemoryKeyValueStore } from '../../src/engine/store/memory-store.ts';
import { apiForTest, post, runInterview } from '../api/helpers.ts';

const bearer = (t: string) => ({ authorization: `Bearer ${t}` });

describe('user tokens', () => {
  it('start returns a token that opens only its own user\'s dashboard, chart and page', async () => {
    const { app } = await apiForTest();
    const alice = await runInterview(app, { userId: 'alice' });
    const bob = await post(app, '/api/interview/screening/start', { user_id: 'bob' });
    const aliceToken = alice.start.json.user_token as string;
    const bobToken = bob.json.user_token as string;
    expect(aliceToken).toMatch(/^ut1\./);
    expect(aliceToken).not.toBe(bobToken);

    for (const url of ['/api/dashboard/alice', '/api/dashboard/alice/trend.png', '/dashboard/alice']) {
      expect((await app.inject({ method: 'GET', url })).statusCode, url).toBe(401);
      const other = await app.inject({ method: 'GET', url, headers: bearer(bobToken) });
      expect(other.statusCode, url).toBe(403);
      expect(other.body).not.toContain(alice.id);
      expect((await app.inject({ method: 'GET', url, headers: bearer(aliceToken) })).statusCode, url).toBe(200);
    }
    const forged = `${aliceToken.slice(0, -4)}AAAA`;
    expect((await app.inject({ method: 'GET', url: '/api/dashboard/alice', headers: bearer(forged) })).statusCode).toBe(401);
    // A page link carries the token in the query.
    const page = await app.inject({ method: 'GET', url: `/dashboard/alice?token=${aliceToken}` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('alice');
    const mine = await app.inject({ method: 'GET', url: `/dashboard/me?token=${aliceToken}` });
    expect(mine.statusCode).toBe(200);
    expect(mine.body).toContain('alice');
    expect((await app.inject({ method: 'GET', url: '/dashboard/me?token=ut1.x.y' })).statusCode).toBe(401);
    const json = (await app.inject({ method: 'GET', url: '/api/dashboard/alice', headers: bearer(aliceToken) })).json();
    expect(json.interviews.map((i: { session_id: string }) => i.session_id)).toEqual([alice.id]);
  });

  it('the seed\'s curl flow is unchanged: start, then respond and read the session by its id alone', async () => {
    const { app } = await apiForTest();
    const start = await post(app, '/api/interview/screening/start', { user_id: 'test123' });
    const r = await post(app, '/api/interview/screening/respond', { session_id: start.json.session_id, user_response: 'I led a migration to Kafka that cut latency by 40%.' });
    expect(r.status).toBe(200);
    expect((await app.inject({ method: 'GET', url: `/api/interview/session/${start.json.session_id}` })).statusCode).toBe(200);
  });

  it('with API_KEYS, a key sees every user, and a user token still opens its own dashboard', async () => {
    const KEY = 'operator-key-0123456';
    const { app } = await apiForTest({ API_KEYS: KEY });
    const start = await post(app, '/api/interview/screening/start', { user_id: 'carol' }, { 'x-api-key': KEY });
    const token = start.json.user_token as string;
    expect((await app.inject({ method: 'GET', url: '/api/dashboard/carol', headers: { 'x-api-key': KEY } })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/api/dashboard/carol', headers: bearer(token) })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/api/dashboard/dave', headers: bearer(token) })).statusCode).toBe(403);
    // A user token is not an API key: it cannot start interviews.
    expect((await post(app, '/api/interview/screening/start', { user_id: 'carol' }, bearer(token))).status).toBe(401);
  });

  it('tokens survive a restart: the generated secret is kept in the store; USER_TOKEN_SECRET replaces it', async () => {
    const kv = new MemoryKeyValueStore();
    const a = await apiForTest({}, { kv });
    const b = await apiForTest({}, { kv });
    const t1 = (await post(a.app, '/api/interview/screening/start', { user_id: 'erin' })).json.user_token;
    const t2 = (await post(b.app, '/api/interview/screening/start', { user_id: 'erin' })).json.user_token;
    expect(t1).toBe(t2);
    expect((await b.app.inject({ method: 'GET', url: '/api/dashboard/erin', headers: bearer(t1) })).statusCode).toBe(200);
    const c = await apiForTest({ USER_TOKEN_SECRET: 'a-configured-secret-value' }, { kv });
    expect((await c.app.inject({ method: 'GET', url: '/api/dashboard/erin', headers: bearer(t1) })).statusCode).toBe(401);
  });
});

describe('DELETE /api/users/{user_id}', () => {
  it('deletes the user\'s interviews and reports with their own token; another user\'s token gets 403', async () => {
    const { app } = await apiForTest();
    const frank = await runInterview(app, { userId: 'frank' });
    const open = await post(app, '/api/interview/behavioral/start', { user_id: 'frank' });
    const gina = await post(app, '/api/interview/screening/start', { user_id: 'gina' });
    const token = frank.start.json.user_token as string;

    expect((await app.inject({ method: 'DELETE', url: '/api/users/frank' })).statusCode).toBe(401);
    expect((await app.inject({ method: 'DELETE', url: '/api/users/frank', headers: bearer(gina.json.user_token) })).statusCode).toBe(403);
    const del = await app.inject({ method: 'DELETE', url: '/api/users/frank', headers: bearer(token) });
    expect(del.statusCode).toBe(200);
    expect(del.json()).toEqual({ user_id: 'frank', deleted_interviews: 2 });

    for (const id of [frank.id, open.json.session_id]) expect((await app.inject({ method: 'GET', url: `/api/interview/session/${id}` })).statusCode).toBe(404);
    const after = (await app.inject({ method: 'GET', url: '/api/dashboard/frank', headers: bearer(token) })).json();
    expect(after.totals.interviews).toBe(0);
    // Gina is untouched.
    expect((await app.inject({ method: 'GET', url: `/api/interview/session/${gina.json.session_id}` })).statusCode).toBe(200);
  });

  it('an API key may delete any user', async () => {
    const KEY = 'operator-key-0123456';
    const { app } = await apiForTest({ API_KEYS: KEY });
    await post(app, '/api/interview/screening/start', { user_id: 'hal' }, { 'x-api-key': KEY });
    const del = await app.inject({ method: 'DELETE', url: '/api/users/hal', headers: { 'x-api-key': KEY } });
    expect(del.json()).toEqual({ user_id: 'hal', deleted_interviews: 1 });
  });
});

describe('user ids', () => {
  it('are compared after NFC normalisation', async () => {
    const { app } = await apiForTest();
    const composed = await post(app, '/api/interview/screening/start', { user_id: 'jos\u00e9' });
    await post(app, '/api/interview/screening/start', { user_id: 'jose\u0301' });
    expect(composed.json.user_id).toBe('jos\u00e9');
    const res = await app.inject({ method: 'GET', url: `/api/dashboard/${encodeURIComponent('jose\u0301')}`, headers: bearer(composed.json.user_token) });
    expect(res.statusCode).toBe(200);
    expect(res.json().totals.interviews).toBe(2);
  });

  it('with control, bidirectional or zero-width characters are refused with a 400', async () => {
    const { app } = await apiForTest();
    for (const bad of ['ab\u0007c', 'admin\u202egnp', 'ali\u200bce', 'bob\ufeff', 'x\u2066y']) {
      const start = await post(app, '/api/interview/screening/start', { user_id: bad });
      expect(start.status, JSON.stringify(bad)).toBe(400);
      expect(start.json.fields.user_id).toMatch(/control, bidirectional or zero-width/);
      expect((await app.inject({ method: 'GET', url: `/api/dashboard/${encodeURIComponent(bad)}` })).statusCode).toBe(400);
    }
  });
});

describe('user tokens in logs', () => {
  it('never appear: not from a page link\'s ?token=, not from a Bearer header', async () => {
    const { Writable } = await import('node:stream');
    const pino = (await import('pino')).default;
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const { app } = await apiForTest({}, { logger: pino({ level: 'info' }, sink) });
    const start = await post(app, '/api/interview/screening/start', { user_id: 'quiet' });
    const token = start.json.user_token as string;
    expect((await app.inject({ method: 'GET', url: `/dashboard/quiet?token=${encodeURIComponent(token)}` })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: `/dashboard/me?token=${encodeURIComponent(token)}` })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/api/dashboard/quiet', headers: bearer(token) })).statusCode).toBe(200);
    const text = lines.join('');
    expect(text).toContain('/dashboard/quiet?token=[REDACTED]');
    expect(text).not.toContain(token.split('.')[2]!);
  });
});
