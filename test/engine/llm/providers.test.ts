import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { ProviderError, scrubSecrets } from '../../../src/engine/llm/errors.ts';
import { GeminiModel } from '../../../src/engine/llm/gemini.ts';
import { OpenAiModel } from '../../../src/engine/llm/openai.ts';
import { PriceTable } from '../../../src/engine/llm/prices.ts';
import { msUntilUtcMidnight, utcDay } from '../../../src/engine/llm/quota.ts';
import { REACT_OUTPUT } from '../../../src/engine/llm/prompts/react.ts';
import { type Fakes, GEMINI_KEY, hello, OPENAI_KEY, startFakes } from './setup.ts';

let f: Fakes;
beforeEach(async () => {
  f = await startFakes();
});
afterEach(async () => {
  await f.close();
});

const gemini = (model = 'gemini-2.5-flash', apiKey = GEMINI_KEY) => new GeminiModel({ apiKey, baseUrl: f.gemini.url, model });
const openai = (apiKey: string | null = OPENAI_KEY) => new OpenAiModel({ ...(apiKey ? { apiKey } : {}), baseUrl: f.openai.baseURL, model: 'gpt-4o-mini' });
const fail = (p: Promise<unknown>) => p.then(() => { throw new Error('expected a failure'); }, (e: unknown) => e as ProviderError);

describe('Gemini through @google/genai', () => {
  test('sends the system instruction, JSON schema, no thinking for 2.5 Flash, and the key only as a header', async () => {
    const r = await gemini().generate(hello, { temperature: 0.2, maxOutputTokens: 100, json: REACT_OUTPUT });
    expect(JSON.parse(r.text)).toHaveProperty('acknowledgement');
    const req = f.gemini.generateRequests()[0]!;
    expect(req.path).toMatch(/^\/v1[a-z0-9]*\/models\/gemini-2\.5-flash:generateContent$/);
    expect(req.headers['x-goog-api-key']).toBe(GEMINI_KEY);
    const body = req.body as { systemInstruction: { parts: { text: string }[] }; generationConfig: Record<string, unknown> };
    expect(body.systemInstruction.parts[0]!.text).toBe('You are terse.');
    expect(body.generationConfig).toMatchObject({ temperature: 0.2, maxOutputTokens: 100, responseMimeType: 'application/json', thinkingConfig: { thinkingBudget: 0 } });
    expect(body.generationConfig.responseSchema).toMatchObject({ type: 'OBJECT', required: ['acknowledgement', 'followUp', 'declined', 'note'] });
  });

  test('2.0 Flash gets no thinking settings it does not understand', async () => {
    await gemini('gemini-2.0-flash').generate(hello, {});
    expect((f.gemini.generateRequests()[0]!.body as { generationConfig?: Record<string, unknown> }).generationConfig?.thinkingConfig).toBeUndefined();
  });

  test('failures become typed errors: 429 (with its retry delay), 5xx, safety, malformed, reset', async () => {
    const m = gemini();
    f.gemini.script({ kind: 'rate_limit', retryAfterS: 7 }, { kind: 'server_error', status: 503 }, { kind: 'safety' }, { kind: 'malformed' }, { kind: 'reset' });
    const got = [];
    for (let i = 0; i < 5; i++) {
      const e = await fail(m.generate(hello, {}));
      got.push([e.kind, e.retryable, e.status, e.retryAfterMs]);
    }
    expect(got).toEqual([
      ['rate_limit', true, 429, 7000],
      ['server', true, 503, undefined],
      ['safety', false, undefined, undefined],
      ['malformed', false, undefined, undefined],
      ['network', true, undefined, undefined],
    ]);
    // One request each: the SDK does not retry behind the chain's back.
    expect(f.gemini.generateRequests()).toHaveLength(5);
  });

  test('an abort from the caller\'s deadline is a timeout', async () => {
    f.gemini.script({ kind: 'hang' });
    const e = await fail(gemini().generate(hello, {}, AbortSignal.timeout(100)));
    expect(e.kind).toBe('timeout');
  });
});

describe('OpenAI through the openai SDK', () => {
  test('asks for strict JSON-schema output with a Bearer key', async () => {
    await openai().generate(hello, { maxOutputTokens: 50, json: REACT_OUTPUT });
    const req = f.openai.generateRequests()[0]!;
    expect(req.headers.authorization).toBe(`Bearer ${OPENAI_KEY}`);
    expect(req.body).toMatchObject({ model: 'gpt-4o-mini', max_completion_tokens: 50, response_format: { type: 'json_schema', json_schema: { name: 'interviewer_reaction', strict: true } } });
  });

  test('a self-hosted server gets max_tokens (what Ollama and vLLM understand)', async () => {
    f.openai.apiKey = undefined;
    const m = openai(null);
    expect(m.provider).toBe('openai-compatible');
    await m.generate(hello, { maxOutputTokens: 50 });
    expect(f.openai.generateRequests()[0]!.body).toMatchObject({ max_tokens: 50 });
  });

  test('failures become typed errors, Retry-After read from the header', async () => {
    const m = openai();
    f.openai.script({ kind: 'rate_limit', retryAfterS: 2 }, { kind: 'server_error' }, { kind: 'unauthorized' }, { kind: 'safety' }, { kind: 'malformed' }, { kind: 'reset' });
    const got = [];
    for (let i = 0; i < 6; i++) {
      const e = await fail(m.generate(hello, {}));
      got.push([e.kind, e.retryable, e.status, e.retryAfterMs]);
    }
    expect(got).toEqual([
      ['rate_limit', true, 429, 2000],
      ['server', true, 500, undefined],
      ['auth', false, 401, undefined],
      ['safety', false, undefined, undefined],
      ['malformed', false, undefined, undefined],
      ['network', true, undefined, undefined],
    ]);
    expect(f.openai.generateRequests()).toHaveLength(6);
  });

  test('verify() says when the server does not offer the model', async () => {
    f.openai.models = new Set(['llama3.1:8b']);
    const e = await fail(openai().verify());
    expect(e.kind).toBe('not_found');
    expect(e.message).toMatch(/"gpt-4o-mini" is not offered by the server \(it lists llama3\.1:8b\)/);
  });
});

describe('errors, prices, days', () => {
  test('error messages never carry keys', () => {
    const e = new ProviderError({ provider: 'gemini', model: 'm', kind: 'auth', message: 'bad key AIzaSyA1234567890abcdefghij at https://x/?key=AIzaSyA1234567890abcdefghij and Bearer sk-proj-abcdef123456' });
    expect(e.message).not.toMatch(/AIzaSy|sk-proj/);
    expect(scrubSecrets('token s3cr3t-value here', ['s3cr3t-value'])).toBe('token [REDACTED] here');
  });

  test('prices: defaults per 1M tokens, family prefixes, LLM_PRICES overrides, self-hosted free', () => {
    const t = new PriceTable('{"gpt-4o-mini":{"input":1,"output":2},"bad":{"input":"x"}}');
    expect(t.cost('gemini', 'gemini-2.5-flash', { inputTokens: 1_000_000, outputTokens: 1_000_000 })).toBeCloseTo(2.8, 9);
    expect(t.cost('gemini', 'gemini-2.0-flash-001', { inputTokens: 1_000_000, outputTokens: 0 })).toBeCloseTo(0.1, 9);
    expect(t.cost('openai', 'gpt-4o-mini', { inputTokens: 500_000, outputTokens: 500_000 })).toBeCloseTo(1.5, 9);
    expect(t.cost('openai-compatible', 'llama3.1:8b', { inputTokens: 1e6, outputTokens: 1e6 })).toBe(0);
    expect(t.problems).toEqual(['LLM_PRICES["bad"] must be {"input": USD per 1M tokens, "output": USD per 1M tokens}']);
  });

  test('quota days are UTC days and keys expire after midnight', () => {
    const t = Date.UTC(2026, 10, 26, 23, 30);
    expect(utcDay(t)).toBe('2026-11-26');
    expect(msUntilUtcMidnight(t)).toBe(30 * 60_000);
  });
});
