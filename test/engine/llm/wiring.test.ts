import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { loadConfig } from '../../../src/config.ts';
import { buildLanguageModels, modeLine } from '../../../src/engine/llm/from-config.ts';
import { buildApp } from '../../../src/app/app.ts';
import { captureLogger, type Fakes, GEMINI_KEY, hello, OPENAI_KEY, startFakes } from './setup.ts';

let f: Fakes;
let dir: string;
beforeEach(async () => {
  f = await startFakes();
  dir = mkdtempSync(join(tmpdir(), 'llm-wiring-'));
});
afterEach(async () => {
  await f.close();
  rmSync(dir, { recursive: true, force: true });
});

const env = (over: Record<string, string> = {}) =>
  loadConfig({
    STORE_URL: 'memory://',
    GEMINI_API_KEY: GEMINI_KEY,
    GEMINI_BASE_URL: f.gemini.url,
    OPENAI_API_KEY: OPENAI_KEY,
    OPENAI_BASE_URL: f.openai.baseURL,
    LLM_TURN_DEADLINE_MS: '3000',
    ...over,
  });

describe('wiring the language models', () => {
  test('with no provider configured the offline interviewer runs alone', async () => {
    const app = await buildApp(loadConfig({ STORE_URL: 'memory://' }), captureLogger().logger, { speech: false });
    expect(app.models).toBeNull();
    expect(app.engine.brainName).toBe('offline');
    await app.close();
  });

  test('Gemini first, OpenAI next, offline last: the mode line says so and an interview runs on Gemini', async () => {
    const cfg = env();
    const rt = await buildApp(cfg, captureLogger().logger, { speech: false });
    expect(rt.modeNotes()).toEqual(['Mode: Gemini gemini-2.5-flash, with Gemini gemini-2.0-flash and OpenAI gpt-4o-mini as fallbacks and the offline interviewer last.']);
    try {
      const start = await rt.engine.start({ key: 'w:1', userKey: 'u:1', type: 'screening', seed: 3 });
      expect(start.messages).toContain(rt.modeNotes()[0]);
      const r = await rt.engine.handle('w:1', { kind: 'answer', text: 'I have spent five years building payment APIs in TypeScript and PostgreSQL, most recently leading a team of four.' });
      expect(r.refused).toBeUndefined();
      const s = await rt.engine.getByKey('w:1');
      expect(s!.calls.some((c) => c.provider === 'gemini' && c.purpose === 'react')).toBe(true);
      const health = await rt.models!.chain.health();
      expect(health.map((h) => `${h.name}:${h.state}:${h.ok}`)).toEqual(['gemini/gemini-2.5-flash:ok:true', 'gemini/gemini-2.0-flash:ok:true', 'openai/gpt-4o-mini:ok:true']);
      expect(health[0]!.usedToday).toBeGreaterThan(0);
    } finally {
      await rt.close();
    }
  });

  test('a wrong Gemini key is found at start-up, reported once, and OpenAI takes over', async () => {
    const cap = captureLogger();
    const cfg = env({ GEMINI_API_KEY: 'AIzaDefinitelyWrong000000000' });
    const app = await buildApp(cfg, cap.logger, { speech: false });
    expect(app.modeNotes()[0]).toBe('Mode: OpenAI gpt-4o-mini, with the offline interviewer as fallback. (Gemini gemini-2.5-flash, Gemini gemini-2.0-flash are not available right now.)');
    const r = await app.models!.chain.generate(hello, {});
    expect(r.provider).toBe('openai');
    expect(cap.warnings().filter((w) => /gemini-2\.5-flash/.test(w))).toHaveLength(1);
    expect(JSON.stringify(cap.lines)).not.toContain('AIzaDefinitelyWrong');
    await app.close();
  });

  test('a self-hosted OpenAI-compatible server needs no key and is named as such', async () => {
    f.openai.apiKey = undefined;
    const cfg = loadConfig({ STORE_URL: 'memory://', OPENAI_BASE_URL: f.openai.baseURL, OPENAI_MODEL: 'gpt-4o-mini' });
    const llm = (await buildLanguageModels(cfg, captureLogger().logger))!;
    expect(llm.modeNotes()[0]).toBe('Mode: the self-hosted model gpt-4o-mini, with the offline interviewer as fallback.');
    const r = await llm.chain.generate(hello, {});
    expect(r.provider).toBe('openai-compatible');
    expect(r.call.costUsd).toBe(0);
    expect(f.openai.generateRequests()[0]!.headers.authorization).toBe('Bearer not-needed');
    expect((await llm.chain.health()).find((h) => h.provider === 'gemini')).toMatchObject({ configured: false });
    await llm.close();
  });

  test('the daily quota survives a restart: it is counted in the SQLite store', async () => {
    const cfg = env({ STORE_URL: `sqlite://${join(dir, 'kv.sqlite')}`, GEMINI_DAILY_QUOTA: '2', GEMINI_MODELS: 'gemini-2.5-flash' });
    const first = (await buildLanguageModels(cfg, captureLogger().logger))!;
    expect((await first.chain.generate(hello, {})).provider).toBe('gemini');
    expect((await first.chain.generate(hello, {})).provider).toBe('gemini');
    await first.close();
    const second = (await buildLanguageModels(cfg, captureLogger().logger))!;
    expect((await second.chain.generate(hello, {})).provider).toBe('openai');
    expect((await second.chain.health())[0]).toMatchObject({ state: 'over-quota', quota: 2 });
    await second.close();
  });

  test('the mode line names every fallback in order', () => {
    expect(modeLine(['gemini/gemini-2.5-flash', 'openai/gpt-4o-mini'], ['gemini/gemini-2.5-flash', 'openai/gpt-4o-mini'])).toBe('Mode: Gemini gemini-2.5-flash, with OpenAI gpt-4o-mini as fallback and the offline interviewer last.');
    expect(modeLine([], ['gemini/gemini-2.5-flash'])).toMatch(/^Mode: built-in offline interviewer/);
  });
});
