import { describe, expect, it } from 'vitest';
import { SessionView, StartResponse, TurnResponse } from '../../src/api/schemas.ts';
import { apiForTest, post, runInterview, STRONG_BEHAVIORAL } from './helpers.ts';

describe('seed API over a real socket', () => {
  it('answers the seed README curl example as written (port aside)', async () => {
    const { api: server } = await apiForTest();
    const { url } = await server.listen({ port: 0, host: '127.0.0.1' });
    // curl -X POST http://localhost:8000/api/interview/screening/start -H "Content-Type: application/json" -d '{"user_id": "test123", "user_name": "Emma"}'
    const res = await fetch(`${url}/api/interview/screening/start`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"user_id": "test123", "user_name": "Emma"}' });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-request-id')).toBeTruthy();
    const body = (await res.json()) as Record<string, any>;
    expect(body.session_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(body.interview_type).toBe('screening');
    expect(body.total_questions).toBe(5);
    expect(body.question_number).toBe(1);
    expect(body.progress).toMatchObject({ current: 1, total: 5, label: 'Question 1 of 5', percent: 0 });
    expect(body.message).toContain('Emma');
    expect(body.message).toContain(body.messages[body.messages.length - 1]);
    expect(body.is_complete).toBe(false);
    expect(body.messages.some((m: string) => m.startsWith('Mode:'))).toBe(true);
    // The answer is exactly what /openapi.json documents (both come from the same schema).
    expect(() => StartResponse.parse(body)).not.toThrow();
  });

  it('defaults to port 8000 like the seed', async () => {
    const { config } = await apiForTest();
    expect(config.PORT).toBe(8000);
  });
});

describe('interview flow', () => {
  it('runs a screening interview from start to a report with Markdown', async () => {
    const { app } = await apiForTest();
    const { id, last } = await runInterview(app, { userId: 'u1' });
    expect(last.json.is_complete).toBe(true);
    expect(last.json.status).toBe('completed');
    expect(last.json.progress.percent).toBe(100);
    expect(last.json.report.sessionId).toBe(id);
    expect(last.json.report.report_markdown).toContain('Screening interview feedback for Emma');
    expect(last.json.report.questions).toHaveLength(5);
    expect(typeof last.json.report.overall.score).toBe('number');
    expect(() => TurnResponse.parse(last.json)).not.toThrow();

    const view = await app.inject({ method: 'GET', url: `/api/interview/session/${id}` });
    expect(view.statusCode).toBe(200);
    const s = view.json();
    expect(() => SessionView.parse(s)).not.toThrow();
    expect(s).toMatchObject({ session_id: id, interview_type: 'screening', user_id: 'u1', user_name: 'Emma', status: 'completed', is_complete: true });
    expect(s.transcript.filter((t: any) => t.role === 'candidate').length).toBeGreaterThanOrEqual(5);
    expect(s.transcript[0]).toMatchObject({ role: 'interviewer', kind: 'greeting', question: null });
    expect(s.report.report_markdown).toContain('Questions');
    // Nothing internal leaks: no seed, plan rubric, provider calls or store keys.
    for (const k of ['seed', 'plan', 'calls', 'key', 'userKey', 'surface', 'answers']) expect(s).not.toHaveProperty(k);
  });

  it('takes commands as text and as action', async () => {
    const { app } = await apiForTest();
    const start = await post(app, '/api/interview/behavioral/start', { user_id: 'cmd' });
    const id = start.json.session_id;
    const first = start.json.messages.at(-1);

    const repeated = await post(app, '/api/interview/behavioral/respond', { session_id: id, user_response: 'repeat' });
    expect(repeated.status).toBe(200);
    expect(repeated.json.message).toBe(first);
    expect(repeated.json.question_number).toBe(1);

    const skipped = await post(app, '/api/interview/behavioral/respond', { session_id: id, action: 'skip' });
    expect(skipped.json.question_number).toBe(2);

    const skippedText = await post(app, '/api/interview/behavioral/respond', { session_id: id, user_response: 'skip' });
    expect(skippedText.json.question_number).toBe(3);

    const ended = await post(app, '/api/interview/behavioral/respond', { session_id: id, action: 'end' });
    expect(ended.json.is_complete).toBe(true);
    expect(ended.json.status).toBe('ended');
    expect(ended.json.report.partial).toBe(true);
  });

  it('accepts role and level and rejects unknown ones with the engine\'s message', async () => {
    const { app } = await apiForTest();
    const ok = await post(app, '/api/interview/technical/start', { user_id: 'r', role: 'backend', level: 'senior' });
    expect(ok.status).toBe(200);
    expect(ok.json).toMatchObject({ role: 'backend engineer', level: 'senior', total_questions: 8 });
    const bad = await post(app, '/api/interview/technical/start', { user_id: 'r', role: 'astronaut' });
    expect(bad.status).toBe(400);
    expect(bad.json.error).toBe('unknown_role');
    expect(bad.json.message).toContain('astronaut');
  });
});

describe('refusals', () => {
  it('names each invalid field', async () => {
    const { app } = await apiForTest();
    const r = await post(app, '/api/interview/screening/start', { user_name: 42, voice_enabled: 'yes' });
    expect(r.status).toBe(400);
    expect(r.json.error).toBe('validation_error');
    expect(r.json.fields).toEqual({ user_id: 'Required', user_name: 'Expected a string', voice_enabled: 'Expected a boolean' });
    expect(r.json.request_id).toBeTruthy();

    const noAnswer = await post(app, '/api/interview/screening/respond', { session_id: 'x' });
    expect(noAnswer.status).toBe(400);
    expect(noAnswer.json.fields.user_response).toMatch(/Required/);

    const badAction = await post(app, '/api/interview/screening/respond', { session_id: 'x', action: 'dance' });
    expect(badAction.json.fields.action).toBe('Must be one of: skip, repeat, end, pause, resume');

    const badType = await post(app, '/api/interview/poetry/start', { user_id: 'a' });
    expect(badType.status).toBe(400);
    expect(badType.json.fields.type).toBe('Must be one of: screening, behavioral, technical, customize');

    const notObject = await post(app, '/api/interview/screening/start', [1, 2]);
    expect(notObject.status).toBe(400);
    expect(notObject.json.fields.body).toBe('Expected a JSON object');
  });

  it('refuses bad JSON and a missing body plainly', async () => {
    const { app } = await apiForTest();
    const bad = await app.inject({ method: 'POST', url: '/api/interview/screening/start', payload: '{"user_id": ', headers: { 'content-type': 'application/json' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ error: 'invalid_json' });
    const empty = await app.inject({ method: 'POST', url: '/api/interview/screening/start', headers: { 'content-type': 'application/json' } });
    expect(empty.statusCode).toBe(400);
    expect(empty.json()).toMatchObject({ error: 'validation_error', fields: { body: 'Required' } });
  });

  it('404 for an unknown session, 409 once finished', async () => {
    const { app } = await apiForTest();
    const unknown = await post(app, '/api/interview/screening/respond', { session_id: 'no-such-session', user_response: 'hi' });
    expect(unknown.status).toBe(404);
    expect(unknown.json.error).toBe('session_not_found');
    expect((await app.inject({ method: 'GET', url: '/api/interview/session/no-such-session' })).statusCode).toBe(404);

    const { id } = await runInterview(app, { userId: 'done' });
    const again = await post(app, '/api/interview/screening/respond', { session_id: id, user_response: STRONG_BEHAVIORAL });
    expect(again.status).toBe(409);
    expect(again.json.error).toBe('finished');
    expect(again.json.message).toMatch(/finished/);
  });

  it('refuses an answer sent through the wrong interview type', async () => {
    const { app } = await apiForTest();
    const start = await post(app, '/api/interview/screening/start', { user_id: 'w' });
    const r = await post(app, '/api/interview/technical/respond', { session_id: start.json.session_id, user_response: STRONG_BEHAVIORAL });
    expect(r.status).toBe(409);
    expect(r.json.error).toBe('wrong_interview_type');
    expect(r.json.message).toContain('/api/interview/screening/respond');
    const view = await app.inject({ method: 'GET', url: `/api/interview/session/${start.json.session_id}` });
    expect(view.json().transcript.filter((t: any) => t.role === 'candidate')).toHaveLength(0);
  });

  it('422 for an empty or too long answer, with nothing recorded', async () => {
    const { app } = await apiForTest({ MAX_ANSWER_CHARS: '200' });
    const start = await post(app, '/api/interview/screening/start', { user_id: 'e' });
    const id = start.json.session_id;
    const empty = await post(app, '/api/interview/screening/respond', { session_id: id, user_response: '   ' });
    expect(empty.status).toBe(422);
    expect(empty.json.error).toBe('empty');
    const long = await post(app, '/api/interview/screening/respond', { session_id: id, user_response: 'x'.repeat(201) });
    expect(long.status).toBe(422);
    expect(long.json).toMatchObject({ error: 'too_long', question_number: 1 });
    expect(long.json.message).toContain('limit is 200');
  });

  it('keeps chat sessions private to their surface', async () => {
    const { app, engine } = await apiForTest();
    const chat = await engine.start({ key: 'discord:g:t', userKey: 'discord:u', type: 'screening' });
    expect((await app.inject({ method: 'GET', url: `/api/interview/session/${chat.sessionId}` })).statusCode).toBe(404);
    const r = await post(app, '/api/interview/screening/respond', { session_id: chat.sessionId, user_response: 'hello' });
    expect(r.status).toBe(404);
  });

  it('answers a 503 with a safe message while shutting down', async () => {
    const { app, engine } = await apiForTest();
    const start = await post(app, '/api/interview/screening/start', { user_id: 'd' });
    await engine.drain();
    const r = await post(app, '/api/interview/screening/respond', { session_id: start.json.session_id, user_response: STRONG_BEHAVIORAL });
    expect(r.status).toBe(503);
    expect(r.json.error).toBe('shutting_down');
    expect(r.headers['retry-after']).toBeTruthy();
  });

  it('hides unexpected errors behind a generic 500 with a request id', async () => {
    const { MemoryKeyValueStore } = await import('../../src/engine/store/memory-store.ts');
    const kv = new MemoryKeyValueStore();
    kv.get = async () => {
      throw new Error('disk on fire at /var/secret/path');
    };
    const made = await apiForTest({}, { kv });
    const r = await made.app.inject({ method: 'GET', url: '/api/interview/session/abc', headers: { 'x-request-id': 'trace-123' } });
    expect(r.statusCode).toBe(500);
    expect(r.json()).toEqual({ error: 'internal_error', message: expect.stringContaining('Something went wrong'), request_id: 'trace-123' });
    expect(r.body).not.toContain('disk on fire');
  });
});
