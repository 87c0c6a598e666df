import pino from 'pino';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { InterviewEngine } from '../../../src/engine/engine.ts';
import { LlmBrain } from '../../../src/engine/llm/llm-brain.ts';
import { MemoryKeyValueStore } from '../../../src/engine/store/memory-store.ts';
import { SessionStore } from '../../../src/engine/store/session-store.ts';
import { ProviderChain } from '../../../src/engine/llm/chain.ts';
import { GeminiModel } from '../../../src/engine/llm/gemini.ts';
import { FakeGemini } from '../../fakes/llm/index.ts';
import { playInterview } from '../../helpers/play-interview.ts';
import { ScriptedCandidate } from '../../helpers/scripted-candidate.ts';
import { CONFLICT_Q, reactCtx, STRONG_ANSWER } from './fixtures.ts';
import { type Fakes, makeChain, startFakes } from './setup.ts';

let f: Fakes;
beforeEach(async () => {
  f = await startFakes();
});
afterEach(async () => {
  await f.close();
});

const brainFor = (o: Parameters<typeof makeChain>[1] = {}) => new LlmBrain({ chain: makeChain(f, o).chain, turnDeadlineMs: 2000 });
const engineFor = (brain: LlmBrain, kv = new MemoryKeyValueStore()) =>
  new InterviewEngine({ store: new SessionStore(kv), logger: pino({ level: 'silent' }), brain, turnDeadlineMs: 2000, reportDeadlineMs: 3000 });
const goodScores = {
  items: [
    { id: 'situation', score: 4, evidence: 'choose between Kafka and a plain Postgres queue' },
    { id: 'own-actions', score: 5, evidence: 'I wrote a one-page comparison with load-test numbers' },
    { id: 'result', score: 4, evidence: 'shipped two weeks earlier than planned' },
    { id: 'reflection', score: 3, evidence: 'I learned to bring data to a disagreement early' },
  ],
  strengths: ['You backed your view with data.'],
  improvements: ['Say how the relationship with your teammate developed.'],
};
const reaction = { acknowledgement: 'Thanks, the load-test comparison is a clear example.', followUp: null, declined: false, note: 'brought data' };

describe('one call closes a question', () => {
  test('a reaction that moves on carries the rubric scores of the whole answer, checked in code', async () => {
    f.gemini.script({ kind: 'ok', json: { ...reaction, scores: goodScores } });
    const r = await brainFor().react(reactCtx(STRONG_ANSWER));
    expect(f.gemini.generateRequests()).toHaveLength(1);
    expect(r.calls.map((c) => [c.provider, c.purpose])).toEqual([['gemini', 'react']]);
    expect(r.value.acknowledgement).toBe(reaction.acknowledgement);
    expect(r.value.score).toMatchObject({ questionId: CONFLICT_Q.id, scoredBy: 'gemini/gemini-2.5-flash', heuristic: false });
    expect(r.value.score!.score).toBe(Math.round((0.2 * 4 + 0.4 * 5 + 0.25 * 4 + 0.15 * 3) * 10) / 10);
    expect(r.value.score!.evidence).toContain('I wrote a one-page comparison with load-test numbers');
    // Gemini gets the scores as a nullable object whose rubric ids are an enum.
    const schema = (f.gemini.generateRequests()[0]!.body as { generationConfig: { responseSchema: { properties: Record<string, Record<string, unknown>> } } }).generationConfig.responseSchema;
    expect(schema.properties.scores).toMatchObject({ type: 'OBJECT', nullable: true, required: ['items', 'strengths', 'improvements'] });
    expect(JSON.stringify(schema.properties.scores)).toContain(JSON.stringify(CONFLICT_Q.rubric.map((x) => x.id)));
  });

  test('OpenAI gets the same reaction-with-scores shape as a strict JSON schema', async () => {
    f.gemini.respond(() => ({ kind: 'unauthorized' }));
    const r = await brainFor().react(reactCtx(STRONG_ANSWER));
    expect(r.value.score?.scoredBy).toBe('openai/gpt-4o-mini');
    const body = f.openai.generateRequests()[0]!.body as { response_format: { json_schema: { strict: boolean; schema: { required: string[]; properties: { scores: { type: string[] } } } } } };
    expect(body.response_format.json_schema.strict).toBe(true);
    expect(body.response_format.json_schema.schema.required).toContain('scores');
    expect(body.response_format.json_schema.schema.properties.scores.type).toEqual(['object', 'null']);
  });

  test('a follow-up carries no scores: the question is still open', async () => {
    const r = await brainFor().react(reactCtx('We argued about Kafka and I won.'));
    expect(r.value.followUp).toBeDefined();
    expect(r.value.score).toBeUndefined();
  });

  test('scores that fail validation are dropped, the reaction stands, and a separate call scores the answer', async () => {
    // The reaction is fine; its scores miss three rubric items and carry an out-of-schema value.
    f.gemini.script({ kind: 'ok', json: { ...reaction, scores: { items: [{ id: 'situation', score: 'high', evidence: '' }], strengths: [], improvements: [] } } });
    const brain = brainFor();
    const r = await brain.react(reactCtx(STRONG_ANSWER));
    expect(r.value).toMatchObject({ acknowledgement: reaction.acknowledgement, declined: false });
    expect(r.value.followUp).toBeUndefined();
    expect(r.value.score).toBeUndefined();
    // No repair request for the scores: the reaction was usable as it came.
    expect(f.gemini.generateRequests()).toHaveLength(1);

    // In an interview: the candidate hears the model's acknowledgement, and the answer is scored by its own call.
    f.gemini.script({ kind: 'ok', json: { ...reaction, scores: { items: [], strengths: [], improvements: [] } } });
    const engine = engineFor(brain);
    const start = await engine.start({ key: 'fused:bad', userKey: 'u', type: 'behavioral', seed: 3 });
    const s0 = (await engine.getById(start.sessionId))!;
    s0.plan[0] = CONFLICT_Q;
    await engine.store.save(s0);
    const reply = await engine.handleSession(start.sessionId, { kind: 'answer', text: STRONG_ANSWER });
    expect(reply.messages[0]).toBe(reaction.acknowledgement);
    const ended = await engine.handleSession(start.sessionId, { kind: 'command', command: 'end' });
    expect(ended.done).toBe(true);
    const q0 = ended.report!.questions[0]!;
    expect(q0.scoredBy).toBe('gemini/gemini-2.5-flash');
    const purposes = f.gemini.generateRequests().slice(1).map((r) => r.purpose);
    expect(purposes).toEqual(['react', 'score', 'summary']);
  });

  test('a question closed while the model was down is scored by the model later, when it is back', async () => {
    f.gemini.respond(() => ({ kind: 'server_error' }));
    f.openai.respond(() => ({ kind: 'server_error' }));
    const brain = brainFor({ maxAttempts: 1 });
    const engine = engineFor(brain);
    const start = await engine.start({ key: 'fused:down', userKey: 'u', type: 'behavioral', seed: 3 });
    const s0 = (await engine.getById(start.sessionId))!;
    s0.plan[0] = CONFLICT_Q;
    await engine.store.save(s0);
    const reply = await engine.handleSession(start.sessionId, { kind: 'answer', text: STRONG_ANSWER });
    // The offline rules reacted and moved on; the answer has no score yet.
    expect(reply.progress.current).toBe(2);
    const mid = (await engine.getById(start.sessionId))!;
    expect(mid.answers[0]!.status).toBe('answered');
    expect(mid.calls.some((c) => c.provider === 'offline' && c.purpose === 'react' && c.fallbackFrom?.length)).toBe(true);
    f.gemini.calm();
    f.openai.calm();
    const ended = await engine.handleSession(start.sessionId, { kind: 'command', command: 'end' });
    expect(ended.report!.questions[0]!.scoredBy).toBe('gemini/gemini-2.5-flash');
  });
});

describe('background scores', () => {
  test('a score made in the background rides along in the next turn\'s write, and shutdown stores one nobody picked up', async () => {
    const writes: string[] = [];
    class Counting extends MemoryKeyValueStore {
      override async set<T>(key: string, value: T, ttlMs?: number): Promise<void> {
        if (key.startsWith('session:')) writes.push(key);
        return super.set(key, value, ttlMs);
      }
    }
    const kv = new Counting();
    const engine = engineFor(brainFor(), kv);
    const start = await engine.start({ key: 'bg:1', userKey: 'u', type: 'behavioral', seed: 3 });
    const id = start.sessionId;
    // A thin answer gets a follow-up; "next" then closes the question with no reaction call: it is scored separately.
    await engine.handleSession(id, { kind: 'answer', text: 'We argued about Kafka and I won the argument in the end.' });
    await engine.handleSession(id, { kind: 'answer', text: 'next' });
    await engine.idle();
    expect((await engine.getById(id))!.answers[0]!.score).toBeUndefined();
    // A refused message writes nothing, and the waiting score is not lost with it.
    const refused = await engine.handleSession(id, { kind: 'answer', text: '   ' });
    expect(refused.refused?.code).toBe('empty');
    const w0 = writes.length;
    await engine.handleSession(id, { kind: 'answer', text: 'repeat' });
    expect(writes.length - w0).toBe(1);
    const s1 = (await engine.getById(id))!;
    expect(s1.answers[0]!.score).toMatchObject({ scoredBy: 'gemini/gemini-2.5-flash' });
    expect(s1.calls.filter((c) => c.purpose === 'score').map((c) => c.provider)).toEqual(['gemini']);

    // The same on question 2, but the process shuts down before another turn.
    await engine.handleSession(id, { kind: 'answer', text: 'I set up the on-call rota for our team of six and we cut pages by half.' });
    await engine.handleSession(id, { kind: 'answer', text: 'skip' });
    await engine.drain();
    expect((await engine.getById(id))!.answers[1]!.score).toMatchObject({ scoredBy: 'gemini/gemini-2.5-flash' });
  });
});

describe('model calls per interview', () => {
  test('a whole interview costs one call per candidate message plus the summary, and each answer one session read and write', async () => {
    const reads: string[] = [];
    const writes: string[] = [];
    class Counting extends MemoryKeyValueStore {
      override async get<T>(key: string): Promise<T | undefined> {
        if (key.startsWith('session:')) reads.push(key);
        return super.get<T>(key);
      }
      override async set<T>(key: string, value: T, ttlMs?: number): Promise<void> {
        if (key.startsWith('session:')) writes.push(key);
        return super.set(key, value, ttlMs);
      }
    }
    const engine = engineFor(brainFor(), new Counting());
    for (const mode of ['strong', 'weak'] as const) {
      f.gemini.calm();
      const before = f.gemini.generateRequests().length;
      // Answers go through handle() by place, as the chat surfaces send them.
      const key = `calls:${mode}`;
      let reply = await engine.start({ key, userKey: 'u', type: 'behavioral', seed: 5, role: 'backend engineer', level: 'mid' });
      const candidate = new ScriptedCandidate(mode, { seed: 5 });
      let messages = 0;
      let turnReads = 0;
      let turnWrites = 0;
      while (!reply.done) {
        const s = (await engine.getById(reply.sessionId))!;
        const text = candidate.reply(s.plan[s.current]!, s.current, s.answers[s.current]!.followUps) || 'skip';
        const r0 = reads.length;
        const w0 = writes.length;
        reply = await engine.handle(key, { kind: 'answer', text });
        turnReads += reads.length - r0;
        turnWrites += writes.length - w0;
        messages++;
      }
      const requests = f.gemini.generateRequests().slice(before);
      expect(requests.length, mode).toBeLessThanOrEqual(messages + 1);
      expect(requests.filter((r) => r.purpose === 'summary'), mode).toHaveLength(1);
      expect(requests.filter((r) => r.purpose === 'score'), mode).toHaveLength(0);
      expect(turnReads, mode).toBe(messages);
      expect(turnWrites, mode).toBe(messages);
      expect(reply.report!.questions.every((q) => q.scoredBy === 'gemini/gemini-2.5-flash'), mode).toBe(true);
    }
  });

  test('every call starts with the same system instruction, and calls about one question share their prefix up to the task (cacheable)', async () => {
    const engine = engineFor(brainFor());
    await playInterview(engine, new ScriptedCandidate('weak', { seed: 2 }), { type: 'screening', seed: 2 });
    const reqs = f.gemini.generateRequests();
    const system = (r: (typeof reqs)[number]) => (r.body as { systemInstruction: { parts: { text: string }[] } }).systemInstruction.parts[0]!.text;
    expect(new Set(reqs.map(system)).size).toBe(1);
    const user = (r: (typeof reqs)[number]) => (r.body as { contents: { parts: { text: string }[] }[] }).contents.at(-1)!.parts[0]!.text;
    const byQuestion = new Map<string, string[]>();
    // Reactions and any separate scoring call about the same question.
    for (const r of reqs.filter((x) => x.purpose !== 'summary')) {
      const u = user(r);
      const prefix = u.slice(0, u.indexOf('Task:'));
      const q = /Current question[^\n]*/.exec(u)![0];
      byQuestion.set(q, [...(byQuestion.get(q) ?? []), prefix]);
    }
    // The weak candidate gets follow-ups: several calls per question, all with one prefix.
    expect([...byQuestion.values()].some((p) => p.length > 1)).toBe(true);
    for (const prefixes of byQuestion.values()) expect(new Set(prefixes).size).toBe(1);
  });

  test('over quota, the report is written in code with no summary call', async () => {
    const { chain } = makeChain(f, { withOpenAi: false, quotas: { gemini: 3 } });
    const engine = engineFor(new LlmBrain({ chain, turnDeadlineMs: 2000 }));
    const p = await playInterview(engine, new ScriptedCandidate('strong', { seed: 4 }), { type: 'screening', seed: 4 });
    expect(f.gemini.generateRequests()).toHaveLength(3);
    expect(p.report.summary).toMatch(/built-in rules/);
    expect(p.session.calls.filter((c) => c.purpose === 'summary').map((c) => c.provider)).toEqual(['offline']);
  });
});

describe('prompt caching', () => {
  test('input tokens the provider served from its prompt cache are recorded and billed at the cached rate', async () => {
    f.gemini.script({ kind: 'ok', json: reaction, usage: { input: 1_000_000, output: 0, cached: 800_000 } });
    f.openai.script({ kind: 'ok', json: reaction, usage: { input: 1_000_000, output: 0, cached: 1_000_000 } });
    const { chain } = makeChain(f);
    const g = await chain.generate([{ role: 'user', content: 'hi' }], {});
    expect(g.call).toMatchObject({ provider: 'gemini', inputTokens: 1_000_000, cachedInputTokens: 800_000 });
    // 200k at $0.30 and 800k at $0.075 per million.
    expect(g.call.costUsd).toBeCloseTo(0.2 * 0.3 + 0.8 * 0.075, 9);
    f.gemini.script({ kind: 'server_error' }, { kind: 'server_error' }, { kind: 'server_error' });
    const o = await chain.generate([{ role: 'user', content: 'hi' }], {});
    expect(o.call).toMatchObject({ provider: 'openai', cachedInputTokens: 1_000_000 });
    expect(o.call.costUsd).toBeCloseTo(0.075, 9);
  });

  test('a provider that caches repeated prompt starts finds them in the calls about one question', async () => {
    const gemini = await new FakeGemini({ apiKey: 'AIzaCacheKey0000000000000000', promptCacheMinTokens: 200 }).start();
    try {
      const chain = new ProviderChain({ models: [new GeminiModel({ apiKey: 'AIzaCacheKey0000000000000000', baseUrl: gemini.url, model: 'gemini-2.5-flash' })], kv: new MemoryKeyValueStore(), logger: pino({ level: 'silent' }) });
      const engine = engineFor(new LlmBrain({ chain, turnDeadlineMs: 2000 }));
      const p = await playInterview(engine, new ScriptedCandidate('weak', { seed: 2 }), { type: 'behavioral', seed: 2 });
      const react = p.session.calls.filter((c) => c.provider === 'gemini' && c.purpose === 'react');
      // Every call after the first repeats at least the system instruction; follow-ups repeat the question and rubric too.
      expect(react.slice(1).every((c) => (c.cachedInputTokens ?? 0) >= 200)).toBe(true);
      expect(react[0]!.cachedInputTokens).toBeUndefined();
    } finally {
      await gemini.close();
    }
  });
});
