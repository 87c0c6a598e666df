import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { providerHealth } from '../../src/app/health.ts';
import type { ProviderHealth as ChainHealth } from '../../src/engine/llm/chain.ts';
import type { HealthSources } from '../../src/api/health.ts';
import { MemoryKeyValueStore } from '../../src/engine/store/memory-store.ts';
import { makeApi } from './helpers.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function health(sources: HealthSources, env: Record<string, string> = {}, extra: Parameters<typeof makeApi>[1] = {}) {
  const made = await makeApi(env, { healthSources: sources, healthTimeoutMs: 300, ...extra });
  cleanups.push(() => made.api.close());
  const res = await made.app.inject({ method: 'GET', url: '/health' });
  return { status: res.statusCode, body: res.json() };
}

const gemini = (ok: boolean) => ({ name: 'gemini', configured: true, ok, model: 'gemini-2.5-flash', ...(ok ? {} : { state: 'circuit_open' }) });
const openai = (ok: boolean) => ({ name: 'openai', configured: true, ok, model: 'gpt-4o-mini' });

describe('/health and the degradation table', () => {
  it('with nothing configured: ok, offline interviewer, text only, bank questions', async () => {
    const { status, body } = await health({});
    expect(status).toBe(200);
    expect(body).toMatchObject({
      status: 'ok',
      mode: { interviewer: 'offline', voice: 'text-only', customize: 'bank-only' },
      providers: {},
      gpu: { configured: false, ok: false },
      store: { kind: 'memory', ok: true },
      version: expect.stringMatching(/^\d+\.\d+\.\d+/),
    });
    expect(body.notes[0]).toMatch(/^Mode: /);
    expect(body.uptime_s).toBeGreaterThanOrEqual(0);
  });

  it('nothing down: Gemini, GPU voice, hybrid retrieval', async () => {
    const { body } = await health({ providers: () => [gemini(true), openai(true)], gpu: () => ({ configured: true, ok: true, services: { stt: true, tts: true } }) });
    expect(body.status).toBe('ok');
    expect(body.mode).toEqual({ interviewer: 'gemini', voice: 'gpu', customize: 'hybrid' });
    expect(body.providers.gemini).toMatchObject({ ok: true, model: 'gemini-2.5-flash' });
  });

  it('GPU server down: Edge TTS, lexical retrieval, degraded', async () => {
    const { status, body } = await health({ providers: () => [gemini(true)], gpu: () => ({ configured: true, ok: false, detail: 'GPU server unreachable' }), voiceFallback: () => ({ edgeTts: true }) });
    expect(status).toBe(200);
    expect(body.status).toBe('degraded');
    expect(body.mode).toEqual({ interviewer: 'gemini', voice: 'edge-tts', customize: 'lexical' });
    expect(body.gpu.detail).toBe('GPU server unreachable');
  });

  it('Gemini down: OpenAI answers; all providers down: offline interviewer and bank questions', async () => {
    const fallback = await health({ providers: () => [gemini(false), openai(true)] });
    expect(fallback.body).toMatchObject({ status: 'degraded', mode: { interviewer: 'openai' } });
    expect(fallback.body.providers.gemini.state).toBe('circuit_open');
    const none = await health({ providers: () => [gemini(false), openai(false)], gpu: () => ({ configured: true, ok: true }) });
    expect(none.body).toMatchObject({ status: 'degraded', mode: { interviewer: 'offline', voice: 'gpu', customize: 'bank-only' } });
  });

  it('a stuck or failing source cannot hang or break /health', async () => {
    const t = Date.now();
    const { status, body } = await health({ providers: () => new Promise(() => {}), gpu: () => { throw new Error('boom'); }, components: { discord: async () => ({ configured: true, ok: true }) } });
    expect(Date.now() - t).toBeLessThan(2000);
    expect(status).toBe(200);
    expect(body.status).toBe('degraded');
    expect(body.mode.interviewer).toBe('offline');
    expect(body.gpu).toMatchObject({ configured: true, ok: false });
    expect(body.components.discord.ok).toBe(true);
  });

  it('answers 503 "unavailable" when the store is down', async () => {
    const kv = new MemoryKeyValueStore();
    kv.ping = async () => false;
    const { status, body } = await health({}, {}, { kv });
    expect(status).toBe(503);
    expect(body.status).toBe('unavailable');
    expect(body.store).toEqual({ kind: 'memory', ok: false });
  });

  it('probes GPU_SERVER_URL/health itself when no speech client reports on the GPU', async () => {
    let up = true;
    const seen: (string | undefined)[] = [];
    const fake: Server = createServer((req, res) => {
      seen.push(req.headers.authorization);
      res.writeHead(up && req.url === '/health' ? 200 : 503).end('{}');
    });
    await new Promise<void>((r) => fake.listen(0, '127.0.0.1', r));
    cleanups.push(() => new Promise((r) => fake.close(() => r())));
    const url = `http://127.0.0.1:${(fake.address() as AddressInfo).port}`;
    const upRes = await health({}, { GPU_SERVER_URL: url, GPU_SERVER_API_KEY: 'gpu-secret-123' });
    expect(upRes.body.gpu).toEqual({ configured: true, ok: true });
    expect(upRes.body.mode.voice).toBe('gpu');
    expect(seen[0]).toBe('Bearer gpu-secret-123');
    up = false;
    const downRes = await health({}, { GPU_SERVER_URL: url });
    expect(downRes.body).toMatchObject({ status: 'degraded', gpu: { configured: true, ok: false, detail: 'GPU server answered 503' } });
  });

  it('reads a language-model chain\'s health() from the wiring', async () => {
    // The chain's own shape (src/engine/llm/chain.ts): Gemini listed once per model.
    const chain = (list: Omit<ChainHealth, 'name'>[]) => ({ health: async () => list.map((p) => ({ ...p, name: `${p.provider}/${p.model}` })) });
    const sources = {
      providers: () =>
        providerHealth(
          chain([
            { provider: 'gemini', model: 'gemini-2.5-flash', configured: true, ok: false, state: 'over-quota', usedToday: 1500, quota: 1500 },
            { provider: 'gemini', model: 'gemini-2.0-flash', configured: true, ok: false, state: 'open-circuit', usedToday: 3, quota: 1500, lastError: 'Gemini answered 503' },
            { provider: 'openai', model: 'gpt-4o-mini', configured: true, ok: true, state: 'ok', usedToday: 0, quota: 0 },
          ]),
        ),
    };
    const { body } = await health(sources);
    expect(body.status).toBe('degraded');
    expect(body.mode.interviewer).toBe('openai');
    expect(body.providers['gemini:gemini-2.0-flash']).toEqual({ configured: true, ok: false, model: 'gemini-2.0-flash', state: 'open-circuit', detail: 'Gemini answered 503' });
    expect(body.providers.openai).toMatchObject({ ok: true, state: 'ok' });

    const unconfigured = { providers: () => providerHealth(chain([{ provider: 'openai', model: 'gpt-4o-mini', configured: false, ok: false, state: 'misconfigured', usedToday: 0, quota: 0, lastError: 'set OPENAI_API_KEY' }])) };
    const off = await health(unconfigured);
    expect(off.body).toMatchObject({ status: 'ok', mode: { interviewer: 'offline' }, providers: { openai: { configured: false, ok: false } } });
  });
});
