import { Writable } from 'node:stream';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { apiForTest, post } from './helpers.ts';

describe('request logs', () => {
  it('are JSON lines with a request id, method, route and status, never bodies or keys', async () => {
    const lines: Record<string, any>[] = [];
    const sink = new Writable({
      write(chunk, _enc, done) {
        for (const l of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(l));
        done();
      },
    });
    const KEY = 'very-secret-api-key-42';
    const made = await apiForTest({ API_KEYS: KEY }, { logger: pino({ level: 'info' }, sink) });
    const answer = 'My salary at Initech was 123456 and my manager was Bill Lumbergh';
    const start = await post(made.app, '/api/interview/screening/start', { user_id: 'log-user', user_name: 'Emma' }, { authorization: `Bearer ${KEY}`, 'x-request-id': 'req-abc-1' });
    expect(start.headers['x-request-id']).toBe('req-abc-1');
    await post(made.app, '/api/interview/screening/respond', { session_id: start.json.session_id, user_response: answer }, { 'x-api-key': KEY });
    await post(made.app, '/api/interview/screening/respond', { session_id: start.json.session_id, user_response: answer }, { 'x-api-key': 'wrong-key-999999' });

    const text = lines.map((l) => JSON.stringify(l)).join('\n');
    const done = lines.filter((l) => l.msg === 'request completed');
    expect(done.map((l) => l.res?.statusCode)).toEqual([200, 200, 401]);
    expect(done[0]!.request_id).toBe('req-abc-1');
    expect(typeof done[1]!.request_id).toBe('string');
    expect(lines.find((l) => l.msg === 'incoming request')!.req).toMatchObject({ method: 'POST', url: '/api/interview/screening/start' });
    expect(lines.every((l) => l.component === 'http' || l.sessionId)).toBe(true);
    for (const secret of [KEY, 'wrong-key-999999', 'Initech', 'Lumbergh', 'Emma']) expect(text).not.toContain(secret);
  });
});
