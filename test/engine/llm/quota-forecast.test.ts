import pino from 'pino';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { checkHealth } from '../../../src/api/health.ts';
import { InterviewEngine } from '../../../src/engine/engine.ts';
import { LlmBrain } from '../../../src/engine/llm/llm-brain.ts';
import { DEFAULT_REQUESTS_PER_INTERVIEW, QuotaForecast } from '../../../src/engine/llm/quota-forecast.ts';
import { MemoryKeyValueStore } from '../../../src/engine/store/memory-store.ts';
import { SessionStore } from '../../../src/engine/store/session-store.ts';
import { playInterview } from '../../helpers/play-interview.ts';
import { ScriptedCandidate } from '../../helpers/scripted-candidate.ts';
import { captureLogger, type Fakes, hello, makeChain, startFakes } from './setup.ts';

let f: Fakes;
beforeEach(async () => {
  f = await startFakes();
});
afterEach(async () => {
  await f.close();
});

test('/health shows the interviews left today at the rate the finished interviews used requests', async () => {
  const forecast = new QuotaForecast();
  const { chain } = makeChain(f, { withOpenAi: false, quotas: { gemini: 1500 } });
  const engine = new InterviewEngine({ store: new SessionStore(new MemoryKeyValueStore()), logger: pino({ level: 'silent' }), brain: new LlmBrain({ chain, turnDeadlineMs: 2000 }), reportDeadlineMs: 3000 });
  engine.observe(forecast.observer());
  const kv = new MemoryKeyValueStore();
  const health = () => checkHealth({ kv, sources: { quota: async () => forecast.outlook(await chain.health()) }, notes: () => [], version: 't', startedAt: Date.now() });

  const before = (await health()).body.quota!;
  expect(before).toEqual({ requests_left_today: 1500, requests_per_interview: DEFAULT_REQUESTS_PER_INTERVIEW, interviews_left_today: Math.floor(1500 / DEFAULT_REQUESTS_PER_INTERVIEW), basis: 'estimate' });

  const p = await playInterview(engine, new ScriptedCandidate('strong', { seed: 1 }), { type: 'screening', seed: 1 });
  const used = f.gemini.generateRequests().length;
  const perInterview = p.session.calls.filter((c) => c.provider === 'gemini').length;
  expect(perInterview).toBe(used);
  const after = (await health()).body.quota!;
  expect(after).toEqual({ requests_left_today: 1500 - used, requests_per_interview: perInterview, interviews_left_today: Math.floor((1500 - used) / perInterview), basis: 'measured' });
});

test('several models of one provider share its quota; a provider without a limit makes it unlimited', () => {
  const forecast = new QuotaForecast();
  forecast.record({ calls: Array.from({ length: 10 }, () => ({ at: 0, purpose: 'react' as const, provider: 'gemini', model: 'm', inputTokens: 1, outputTokens: 1, costUsd: 0, ms: 1 })) });
  const gemini = (model: string) => ({ provider: 'gemini', model, configured: true, state: 'ok' as const, quota: 1500, usedToday: 500 });
  expect(forecast.outlook([gemini('a'), gemini('b')])).toMatchObject({ requestsLeftToday: 1000, interviewsLeftToday: 100, requestsPerInterview: 10 });
  expect(forecast.outlook([gemini('a'), { provider: 'openai', configured: true, state: 'ok', quota: 0, usedToday: 3 }])).toMatchObject({ requestsLeftToday: null, interviewsLeftToday: null });
});

test('the daily-quota warnings say how many interviews are left today at the current rate', async () => {
  const forecast = new QuotaForecast();
  forecast.record({ calls: Array.from({ length: 2 }, () => ({ at: 0, purpose: 'react' as const, provider: 'gemini', model: 'm', inputTokens: 1, outputTokens: 1, costUsd: 0, ms: 1 })) });
  const log = captureLogger();
  const { chain } = makeChain(f, { withOpenAi: false, quotas: { gemini: 10 }, logger: log.logger, quotaNote: (p, u, l) => forecast.warningNote(p, u, l) });
  for (let i = 0; i < 8; i++) await chain.generate(hello, {});
  expect(log.warnings()).toEqual(["8 of today's 10 gemini requests used: about 1 interview left today on gemini at the current rate of 2 requests per interview"]);
  for (let i = 0; i < 2; i++) await chain.generate(hello, {});
  await expect(chain.generate(hello, {})).rejects.toThrow();
  expect(log.warnings().at(-1)).toMatch(/daily quota of 10 gemini requests reached .* \(about 0 interviews left today on gemini/);
});
