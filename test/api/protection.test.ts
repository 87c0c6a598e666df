import { describe, expect, it } from 'vitest';
import { apiForTest, post } from './helpers.ts';

describe('body size limit', () => {
  it('answers 413 with a JSON message over BODY_LIMIT_BYTES, on a real socket', async () => {
    const { api: server } = await apiForTest({ BODY_LIMIT_BYTES: '2048' });
    const { url } = await server.listen({ port: 0, host: '127.0.0.1' });
    const res = await fetch(`${url}/api/interview/screening/respond`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ session_id: 'x', user_response: 'a'.repeat(5000) }),
    });
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ error: 'payload_too_large', message: expect.stringContaining('2,048 bytes') });
  });
});

describe('rate limit', () => {
  it('answers 429 JSON with Retry-After past RATE_LIMIT_PER_MINUTE, per client, and leaves /health alone', async () => {
    const { app } = await apiForTest({ RATE_LIMIT_PER_MINUTE: '3' });
    const hit = () => app.inject({ method: 'GET', url: '/dashboard', remoteAddress: '10.1.1.1' });
    for (let i = 0; i < 3; i++) expect((await hit()).statusCode).toBe(200);
    const limited = await hit();
    expect(limited.statusCode).toBe(429);
    expect(limited.json()).toMatchObject({ error: 'rate_limited', message: expect.stringContaining('3 per minute') });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // Another client is not affected; health checks are never limited.
    expect((await app.inject({ method: 'GET', url: '/dashboard', remoteAddress: '10.1.1.2' })).statusCode).toBe(200);
    for (let i = 0; i < 5; i++) expect((await app.inject({ method: 'GET', url: '/health', remoteAddress: '10.1.1.1' })).statusCode).toBe(200);
  });
});

describe('API keys', () => {
  const KEY = 'k-0123456789abcdef';

  it('are not required when API_KEYS is empty', async () => {
    const { app } = await apiForTest();
    expect((await post(app, '/api/interview/screening/start', { user_id: 'open' })).status).toBe(200);
  });

  it('guard /api/*, the dashboard and metrics, accept Bearer, x-api-key and Basic, and leave a bare health and the docs open', async () => {
    const { app } = await apiForTest({ API_KEYS: `other-key-000000, ${KEY}` });
    const none = await post(app, '/api/interview/screening/start', { user_id: 'k' });
    expect(none.status).toBe(401);
    expect(none.json).toMatchObject({ error: 'unauthorized', message: expect.stringContaining('Authorization: Bearer') });
    expect(none.headers['www-authenticate']).toBe('Bearer');

    const wrong = await post(app, '/api/interview/screening/start', { user_id: 'k' }, { authorization: 'Bearer nope' });
    expect(wrong.status).toBe(401);
    expect(wrong.json.message).toBe('That API key is not valid.');

    expect((await post(app, '/api/interview/screening/start', { user_id: 'k' }, { authorization: `Bearer ${KEY}` })).status).toBe(200);
    expect((await post(app, '/api/interview/screening/start', { user_id: 'k' }, { 'x-api-key': KEY })).status).toBe(200);

    const page = await app.inject({ method: 'GET', url: '/dashboard/k' });
    expect(page.statusCode).toBe(401);
    expect(page.headers['www-authenticate']).toMatch(/^Basic /);
    const basic = Buffer.from(`me:${KEY}`).toString('base64');
    expect((await app.inject({ method: 'GET', url: '/dashboard/k', headers: { authorization: `Basic ${basic}` } })).statusCode).toBe(200);

    for (const url of ['/health', '/openapi.json']) expect((await app.inject({ method: 'GET', url })).statusCode).toBe(200);
    expect(Object.keys((await app.inject({ method: 'GET', url: '/health' })).json()).sort()).toEqual(['mode', 'status']);
    expect(Object.keys((await app.inject({ method: 'GET', url: '/health', headers: { 'x-api-key': KEY } })).json())).toContain('providers');
    expect((await app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(401);
    expect((await app.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${KEY}` } })).statusCode).toBe(200);
  });
});

describe('CORS', () => {
  it('allows only CORS_ORIGINS', async () => {
    const { app } = await apiForTest({ CORS_ORIGINS: 'https://app.example.com' });
    const ok = await app.inject({ method: 'GET', url: '/health', headers: { origin: 'https://app.example.com' } });
    expect(ok.headers['access-control-allow-origin']).toBe('https://app.example.com');
    const other = await app.inject({ method: 'GET', url: '/health', headers: { origin: 'https://evil.example' } });
    expect(other.headers['access-control-allow-origin']).toBeUndefined();

    const preflight = await app.inject({
      method: 'OPTIONS',
      url: '/api/interview/screening/start',
      headers: { origin: 'https://app.example.com', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,authorization' },
    });
    expect(preflight.statusCode).toBe(204);
    expect(preflight.headers['access-control-allow-methods']).toContain('POST');
    expect(String(preflight.headers['access-control-allow-headers'])).toContain('authorization');
  });

  it('sends no CORS headers when CORS_ORIGINS is empty', async () => {
    const { app } = await apiForTest();
    const r = await app.inject({ method: 'GET', url: '/health', headers: { origin: 'https://app.example.com' } });
    expect(r.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('unknown routes', () => {
  it('answer 404 JSON pointing to the API document', async () => {
    const { app } = await apiForTest();
    const r = await app.inject({ method: 'GET', url: '/api/nope' });
    expect(r.statusCode).toBe(404);
    expect(r.json()).toMatchObject({ error: 'route_not_found', message: expect.stringContaining('/openapi.json') });
  });
});
