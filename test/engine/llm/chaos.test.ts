import pino from 'pino';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { InterviewEngine } from '../../../src/engine/engine.ts';
import { ProviderChain } from '../../../src/engine/llm/chain.ts';
import { LlmBrain } from '../../../src/engine/llm/llm-brain.ts';
import { MemoryKeyValueStore } from '../../../src/engine/store/memory-store.ts';
import { SessionStore } from '../../../src/engine/store/session-store.ts';
import type { InterviewType, ProviderCall } from '../../../src/engine/types.ts';
import type { ChaosOptions } from '../../fakes/llm/index.ts';
import { playInterview, type PlayedInterview } from '../../helpers/play-interview.ts';
import { ScriptedCandidate } from '../../helpers/scripted-candidate.ts';
import { type Fakes, modelsFor, startFakes } from './setup.ts';

const INTERVIEWS = 52;
const CONCURRENCY = 8;
const weights: ChaosOptions['weights'] = { ok: 4, slow: 1, hang: 0.4, rate_limit: 0.8, server_error: 0.8, malformed: 0.4, bad_json: 0.6, safety: 0.4, reset: 0.4 };

let f: Fakes;
beforeAll(async () => {
  f = await startFakes();
  f.gemini.chaos({ seed: 101, weights: { ...weights }, slowMs: 30 });
  f.openai.chaos({ seed: 202, weights: { ...weights }, slowMs: 30 });
});
afterAll(async () => {
  await f.close();
});

test(`${INTERVIEWS} interviews against flaky Gemini and OpenAI all finish, with every answer and report kept`, async () => {
  const chain = new ProviderChain({
    models: modelsFor(f, { geminiModels: ['gemini-2.5-flash', 'gemini-2.0-flash'] }),
    kv: new MemoryKeyValueStore(),
    logger: pino({ level: 'silent' }),
    backoff: { baseMs: 5, maxMs: 40 },
    breaker: { threshold: 3, cooldownMs: 300 },
  });
  const engine = new InterviewEngine({
    store: new SessionStore(new MemoryKeyValueStore()),
    logger: pino({ level: 'silent' }),
    brain: new LlmBrain({ chain, turnDeadlineMs: 500 }),
    turnDeadlineMs: 500,
    reportDeadlineMs: 1500,
  });
  const types: InterviewType[] = ['screening', 'behavioral', 'technical', 'customize'];
  const jobs = Array.from({ length: INTERVIEWS }, (_, i) => ({ type: types[i % 4]!, candidate: new ScriptedCandidate(i % 2 ? 'weak' : 'strong', { seed: i + 1 }), seed: i + 1 }));
  const played: PlayedInterview[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < jobs.length) {
        const job = jobs[next++]!;
        played.push(await playInterview(engine, job.candidate, { type: job.type, seed: job.seed, key: `chaos:${job.seed}` }));
      }
    }),
  );

  expect(played).toHaveLength(INTERVIEWS);
  for (const p of played) {
    const candidate = jobs.find((j) => j.seed === p.session.seed)!.candidate;
    expect(p.session.status).toBe('completed');
    expect(p.report.questions).toHaveLength(p.session.plan.length);
    p.session.plan.forEach((q, i) => {
      const a = p.session.answers[i]!;
      expect(a.status).toBe('answered');
      // Every answer is stored word for word, follow-up answers included.
      expect(a.parts[0]).toBe(candidate.reply(q, i, 0));
      expect(a.parts).toHaveLength(a.followUps + 1);
      expect(p.report.questions[i]!.score).not.toBeNull();
      expect(a.followUps).toBeLessThanOrEqual(2);
    });
  }

  const calls: ProviderCall[] = played.flatMap((p) => p.session.calls);
  const by = (provider: string) => calls.filter((c) => c.provider === provider);
  expect(by('gemini').length).toBeGreaterThan(0);
  expect(by('openai').some((c) => c.fallbackFrom?.some((x) => x.startsWith('gemini/')))).toBe(true);
  expect(by('offline').some((c) => (c.fallbackFrom?.length ?? 0) > 0)).toBe(true);
  // The faults really happened on both servers.
  for (const fake of [f.gemini, f.openai]) {
    const kinds = new Set(fake.generateRequests().map((r) => r.behaviour));
    for (const k of ['rate_limit', 'server_error', 'bad_json', 'safety', 'malformed']) expect(kinds, k).toContain(k);
  }
  // Scores produced by a model say so; the rest are labelled heuristic.
  const scoredBy = new Set(played.flatMap((p) => p.report.questions.map((q) => q.scoredBy)));
  expect(scoredBy).toContain('heuristic');
  expect([...scoredBy].some((s) => s.startsWith('gemini/') || s.startsWith('openai/'))).toBe(true);
}, 90_000);
