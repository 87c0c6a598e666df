import pino from 'pino';
import { expect, test } from 'vitest';
import { type Brain, BrainFailure } from '../../src/engine/brain.ts';
import { InterviewEngine } from '../../src/engine/engine.ts';
import { FallbackBrain } from '../../src/engine/fallback-brain.ts';
import { MemoryKeyValueStore } from '../../src/engine/store/memory-store.ts';
import { SessionStore } from '../../src/engine/store/session-store.ts';
import type { ProviderCall } from '../../src/engine/types.ts';
import { CONFLICT_Q, reactCtx, STRONG_ANSWER } from './llm/fixtures.ts';

const billed: ProviderCall = { at: 0, purpose: 'react', provider: 'gemini', model: 'gemini-2.5-flash', inputTokens: 900, outputTokens: 40, costUsd: 0.0004, ms: 300 };
const failing: Brain = {
  name: 'model',
  async react() {
    throw new BrainFailure('invalid twice', [billed, billed], ['gemini/gemini-2.5-flash']);
  },
  async score() {
    throw new Error('socket hang up');
  },
  async summarize() {
    throw new Error('down');
  },
};

test('the rules answer whatever the first brain throws; the billed calls and who failed are kept', async () => {
  const brain = new FallbackBrain(failing);
  const r = await brain.react(reactCtx(STRONG_ANSWER));
  expect(r.value.declined).toBe(false);
  // The rules' reaction comes without a score: the question is scored again later.
  expect(r.value.score).toBeUndefined();
  expect(r.calls.map((c) => c.provider)).toEqual(['gemini', 'gemini', 'offline']);
  expect(r.calls[2]!.fallbackFrom).toEqual(['gemini/gemini-2.5-flash']);
  const s = await brain.score(CONFLICT_Q, STRONG_ANSWER, { type: 'behavioral', level: 'mid' });
  expect(s.value).toMatchObject({ heuristic: true, scoredBy: 'heuristic' });
  expect(s.calls).toEqual([expect.objectContaining({ provider: 'offline', purpose: 'score', fallbackFrom: ['model'] })]);
});

test('the engine puts the rules behind any brain it is given, and counts each fallback once, through the calls', async () => {
  const engine = new InterviewEngine({ store: new SessionStore(new MemoryKeyValueStore()), logger: pino({ level: 'silent' }), brain: failing, reportDeadlineMs: 500 });
  const seen: ProviderCall[] = [];
  engine.observe({ calls: (_s, calls) => seen.push(...calls) });
  const start = await engine.start({ key: 'fb:1', userKey: 'u', type: 'screening', seed: 1 });
  const reply = await engine.handleSession(start.sessionId, { kind: 'answer', text: STRONG_ANSWER });
  expect(reply.refused).toBeUndefined();
  const ended = await engine.handleSession(start.sessionId, { kind: 'command', command: 'end' });
  expect(ended.report).toBeDefined();
  const fallbacks = seen.filter((c) => c.fallbackFrom?.length);
  expect(fallbacks.map((c) => c.purpose).sort()).toEqual(['react', 'score', 'summary']);
  expect(fallbacks.every((c) => c.provider === 'offline')).toBe(true);
});
