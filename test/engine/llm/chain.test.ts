import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { AllProvidersFailed } from '../../../src/engine/llm/errors.ts';
import { captureLogger, type Fakes, hello, makeChain, startFakes, testClock } from './setup.ts';

let f: Fakes;
beforeEach(async () => {
  f = await startFakes();
});
afterEach(async () => {
  await f.close();
});

describe('provider chain', () => {
  test('Gemini answers first and the call records provider, tokens and cost', async () => {
    const { chain } = makeChain(f);
    const r = await chain.generate(hello, {}, { purpose: 'react' });
    expect(r.provider).toBe('gemini');
    expect(r.call).toMatchObject({ provider: 'gemini', model: 'gemini-2.5-flash', purpose: 'react' });
    expect(r.call.fallbackFrom).toBeUndefined();
    expect(r.call.inputTokens).toBe(f.gemini.served[0]!.inputTokens);
    expect(r.call.outputTokens).toBe(f.gemini.served[0]!.outputTokens);
    expect(r.call.costUsd).toBeCloseTo((r.call.inputTokens * 0.3 + r.call.outputTokens * 2.5) / 1e6, 12);
    expect(f.openai.generateRequests()).toHaveLength(0);
  });

  test('retryable 500s are retried, then the next provider answers with fallbackFrom', async () => {
    f.gemini.script({ kind: 'server_error' }, { kind: 'server_error', status: 503 });
    const { chain } = makeChain(f);
    const r = await chain.generate(hello, {});
    expect(f.gemini.generateRequests()).toHaveLength(2);
    expect(r.provider).toBe('openai');
    expect(r.call.fallbackFrom).toEqual(['gemini/gemini-2.5-flash']);
    expect(r.attempts.map((a) => `${a.provider}:${a.outcome}:${a.kind ?? ''}`)).toEqual(['gemini:error:server', 'gemini:error:server', 'openai:ok:']);
  });

  test('a 429 is retried after the Retry-After the server asked for', async () => {
    f.gemini.script({ kind: 'rate_limit', retryAfterS: 0.3 });
    const { chain } = makeChain(f);
    const r = await chain.generate(hello, {});
    expect(r.provider).toBe('gemini');
    const [first, second] = f.gemini.generateRequests();
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(280);
  });

  test('a Retry-After longer than the deadline falls through at once instead of waiting', async () => {
    f.gemini.script({ kind: 'rate_limit', retryAfterS: 30 });
    const { chain } = makeChain(f);
    const t0 = Date.now();
    const r = await chain.generate(hello, {});
    expect(r.provider).toBe('openai');
    expect(Date.now() - t0).toBeLessThan(1000);
    expect(f.gemini.generateRequests()).toHaveLength(1);
  });

  test('non-retryable failures (bad key, safety block, malformed body, unknown model) fall through without a retry', async () => {
    for (const kind of ['unauthorized', 'safety', 'malformed', 'not_found'] as const) {
      const fk = await startFakes();
      fk.gemini.script({ kind });
      const { chain } = makeChain(fk);
      const r = await chain.generate(hello, {});
      expect(r.provider, kind).toBe('openai');
      expect(fk.gemini.generateRequests(), kind).toHaveLength(1);
      await fk.close();
    }
  });

  test('connection resets are retried', async () => {
    f.gemini.script({ kind: 'reset' });
    const { chain } = makeChain(f);
    const r = await chain.generate(hello, {});
    expect(r.provider).toBe('gemini');
    expect(r.attempts[0]).toMatchObject({ outcome: 'error', kind: 'network' });
  });

  test('a provider that hangs is cut off in time for the next one to answer within the deadline', async () => {
    f.gemini.script({ kind: 'hang' });
    const { chain } = makeChain(f, { deadlineMs: 1000 });
    const t0 = Date.now();
    const r = await chain.generate(hello, {});
    expect(r.provider).toBe('openai');
    expect(Date.now() - t0).toBeLessThan(1000);
    expect(r.attempts[0]).toMatchObject({ provider: 'gemini', kind: 'timeout' });
  });

  test('when every provider fails, AllProvidersFailed lists who was tried', async () => {
    f.gemini.script({ kind: 'unauthorized' });
    f.openai.script({ kind: 'safety' });
    const { chain } = makeChain(f);
    const err = await chain.generate(hello, {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AllProvidersFailed);
    expect((err as AllProvidersFailed).tried).toEqual(['gemini/gemini-2.5-flash', 'openai/gpt-4o-mini']);
    expect((err as AllProvidersFailed).errors.map((e) => e.kind)).toEqual(['auth', 'safety']);
  });

  test('the caller cancelling stops the chain at once', async () => {
    f.gemini.script({ kind: 'hang' });
    const { chain } = makeChain(f, { deadlineMs: 5000 });
    const t0 = Date.now();
    const err = await chain.generate(hello, {}, { signal: AbortSignal.timeout(150) }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AllProvidersFailed);
    expect(Date.now() - t0).toBeLessThan(1000);
    expect(f.openai.generateRequests()).toHaveLength(0);
  });

  test('the circuit opens after 3 consecutive failures and a probe closes it after the cool-down', async () => {
    const clock = testClock();
    const { chain } = makeChain(f, { now: clock.now, maxAttempts: 1, breaker: { threshold: 3, cooldownMs: 30_000 } });
    f.gemini.script({ kind: 'server_error' }, { kind: 'server_error' }, { kind: 'server_error' });
    for (let i = 0; i < 3; i++) expect((await chain.generate(hello, {})).provider).toBe('openai');
    expect((await chain.health())[0]!.state).toBe('open-circuit');
    const skipped = await chain.generate(hello, {});
    expect(skipped.provider).toBe('openai');
    // Passed over, not tried: still named, so the record shows the call ran on a fallback.
    expect(skipped.call.fallbackFrom).toEqual(['gemini/gemini-2.5-flash']);
    expect(skipped.attempts[0]).toMatchObject({ provider: 'gemini', outcome: 'skipped', reason: 'open-circuit' });
    expect(f.gemini.generateRequests()).toHaveLength(3);
    clock.advance(30_001);
    const probe = await chain.generate(hello, {});
    expect(probe.provider).toBe('gemini');
    expect((await chain.health())[0]!.state).toBe('ok');
  });

  test('the daily quota moves traffic to the next provider and back after the UTC day changes', async () => {
    const clock = testClock(Date.UTC(2026, 10, 26, 23, 59));
    const { chain, kv } = makeChain(f, { now: clock.now, quotas: { gemini: 3 } });
    const who = async () => (await chain.generate(hello, {})).provider;
    expect([await who(), await who(), await who()]).toEqual(['gemini', 'gemini', 'gemini']);
    expect(await who()).toBe('openai');
    expect(await who()).toBe('openai');
    expect(f.gemini.generateRequests()).toHaveLength(3);
    const h = await chain.health();
    expect(h[0]).toMatchObject({ provider: 'gemini', state: 'over-quota', quota: 3 });
    expect(await kv.increment('quota:gemini:2026-11-26', 0, 1000)).toBeGreaterThanOrEqual(3);
    clock.advance(2 * 60_000); // 00:01 UTC next day
    expect(await who()).toBe('gemini');
    expect((await chain.health())[0]).toMatchObject({ state: 'ok', usedToday: 1 });
  });

  test('the quota is counted in the shared store, so a second process sees it', async () => {
    const clock = testClock();
    const first = makeChain(f, { now: clock.now, quotas: { gemini: 2 } });
    await first.chain.generate(hello, {});
    await first.chain.generate(hello, {});
    const { ProviderChain } = await import('../../../src/engine/llm/chain.ts');
    const { modelsFor } = await import('./setup.ts');
    const pino = (await import('pino')).default;
    const second = new ProviderChain({ models: modelsFor(f), kv: first.kv, quotas: { gemini: 2 }, logger: pino({ level: 'silent' }), now: clock.now });
    expect((await second.generate(hello, {})).provider).toBe('openai');
  });

  test('cost accounting matches the tokens the fakes reported, priced from the table and LLM_PRICES', async () => {
    const { PriceTable } = await import('../../../src/engine/llm/prices.ts');
    const prices = new PriceTable('{"gpt-4o-mini":{"input":1,"output":2}}');
    const { chain } = makeChain(f, { prices, geminiModels: ['gemini-2.5-flash', 'gemini-2.0-flash'] });
    f.gemini.script({ kind: 'ok', usage: { input: 1000, output: 200 } });
    f.gemini.respond(() => ({ kind: 'server_error' }));
    const calls = [];
    calls.push((await chain.generate(hello, {})).call);
    for (let i = 0; i < 3; i++) calls.push((await chain.generate(hello, {})).call);
    const served = [...f.gemini.served, ...f.openai.served];
    expect(calls.reduce((s, c) => s + c.inputTokens, 0)).toBe(served.reduce((s, x) => s + x.inputTokens, 0));
    expect(calls.reduce((s, c) => s + c.outputTokens, 0)).toBe(served.reduce((s, x) => s + x.outputTokens, 0));
    expect(calls[0]!.costUsd).toBeCloseTo((1000 * 0.3 + 200 * 2.5) / 1e6, 12);
    const oa = f.openai.totals();
    const openaiCost = calls.filter((c) => c.provider === 'openai').reduce((s, c) => s + c.costUsd, 0);
    expect(openaiCost).toBeCloseTo((oa.inputTokens * 1 + oa.outputTokens * 2) / 1e6, 12);
    expect(calls.slice(1).every((c) => c.provider === 'openai')).toBe(true);
    expect(calls[1]!.fallbackFrom).toEqual(['gemini/gemini-2.5-flash', 'gemini/gemini-2.0-flash']);
  });

  test('verify() reports a bad key once, marks the provider, and the next provider answers without a wasted request', async () => {
    const cap = captureLogger();
    f.gemini.verifyBehaviour = { kind: 'unauthorized' };
    const { chain } = makeChain(f, { logger: cap.logger });
    const health = await chain.verify();
    expect(health[0]).toMatchObject({ provider: 'gemini', state: 'misconfigured' });
    expect(health[0]!.lastError).toMatch(/API key was rejected/);
    expect(health[1]).toMatchObject({ provider: 'openai', state: 'ok', verified: true });
    for (let i = 0; i < 3; i++) expect((await chain.generate(hello, {})).provider).toBe('openai');
    expect(f.gemini.generateRequests()).toHaveLength(0);
    const warnings = cap.warnings().filter((w) => /gemini/i.test(w));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/openai\/gpt-4o-mini answers instead/);
    expect(JSON.stringify(cap.lines)).not.toContain('AIza');
  });

  test('verify() with a wrong Gemini key (400 API_KEY_INVALID) or an unknown model says so plainly', async () => {
    const cap = captureLogger();
    const { chain } = makeChain(f, { logger: cap.logger, geminiKey: 'AIzaWrongKey0000000000000', geminiModels: ['gemini-2.5-flash'] });
    const h = await chain.verify();
    expect(h[0]!.state).toBe('misconfigured');
    expect(h[0]!.lastError).toMatch(/API key was rejected/);
    expect(h[0]!.lastError).not.toContain('AIzaWrong');
    const other = makeChain(f, { geminiModels: ['gemini-9-ultra', 'gemini-2.0-flash'] });
    const h2 = await other.chain.verify();
    expect(h2.map((x) => `${x.model}:${x.state}`)).toEqual(['gemini-9-ultra:misconfigured', 'gemini-2.0-flash:ok', 'gpt-4o-mini:ok']);
    expect(h2[0]!.lastError).toMatch(/unknown model/);
    expect((await other.chain.generate(hello, {})).model).toBe('gemini-2.0-flash');
  });

  test('an unreachable base URL is reported and skipped', async () => {
    await f.openai.close();
    const cap = captureLogger();
    const { chain } = makeChain(f, { logger: cap.logger });
    f.gemini.script({ kind: 'server_error' }, { kind: 'server_error' });
    const h = await chain.verify();
    expect(h[1]).toMatchObject({ provider: 'openai', state: 'misconfigured' });
    expect(h[1]!.lastError).toMatch(/ECONNREFUSED/);
  });

  test('health lists providers that are not configured', async () => {
    const { chain } = makeChain(f, { withOpenAi: false, unconfigured: [{ provider: 'openai', model: 'gpt-4o-mini', hint: 'not configured: set OPENAI_API_KEY' }] });
    const h = await chain.health();
    expect(h.map((x) => [x.provider, x.configured])).toEqual([['gemini', true], ['openai', false]]);
  });
});

describe('streaming through the chain', () => {
  const collect = async (it: AsyncIterable<{ text: string } | { result: unknown }>) => {
    let text = '';
    let result: unknown;
    for await (const ev of it) {
      if ('text' in ev) text += ev.text;
      else result = ev.result;
    }
    return { text, result: result as { provider: string; call: { outputTokens: number; fallbackFrom?: string[] } } };
  };

  test('Gemini streams in pieces through the SDK', async () => {
    f.gemini.script({ kind: 'ok', text: 'Hello there, nice to meet you today.' });
    const { chain } = makeChain(f);
    const { text, result } = await collect(chain.stream(hello, {}));
    expect(text).toBe('Hello there, nice to meet you today.');
    expect(result.provider).toBe('gemini');
    expect(result.call.outputTokens).toBe(f.gemini.served[0]!.outputTokens);
    expect(f.gemini.requests[0]!.path).toMatch(/:streamGenerateContent\?alt=sse$/);
  });

  test('OpenAI streams through the SDK (SSE ending in [DONE], usage included) when Gemini fails before the first chunk', async () => {
    f.gemini.script({ kind: 'server_error' }, { kind: 'server_error' });
    f.openai.script({ kind: 'ok', text: 'Streaming from the fallback works fine.' });
    const { chain } = makeChain(f);
    const { text, result } = await collect(chain.stream(hello, {}));
    expect(text).toBe('Streaming from the fallback works fine.');
    expect(result.provider).toBe('openai');
    expect(result.call.fallbackFrom).toEqual(['gemini/gemini-2.5-flash']);
    expect(result.call.outputTokens).toBe(f.openai.served[0]!.outputTokens);
    expect((f.openai.generateRequests()[0]!.body as { stream_options?: unknown }).stream_options).toEqual({ include_usage: true });
  });

  test('a safety block on a stream falls through', async () => {
    f.gemini.script({ kind: 'safety' });
    const { chain } = makeChain(f);
    const { result } = await collect(chain.stream(hello, {}));
    expect(result.provider).toBe('openai');
  });
});
