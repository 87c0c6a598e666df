import { describe, expect, test } from 'vitest';
import { buildBankPlan } from '../../src/engine/plan.ts';
import type { Reply } from '../../src/engine/types.ts';
import { makeEngine, STRONG_BEHAVIORAL, WEAK } from '../helpers/engine.ts';

const user = { userKey: 'u:emma', userName: 'Emma' };

async function runThrough(type: 'screening' | 'behavioral' | 'technical' | 'customize', answer: string, seed = 1) {
  const { engine } = makeEngine();
  let r: Reply = await engine.start({ key: `t:${type}`, ...user, type, seed });
  let guard = 0;
  while (!r.done && guard++ < 100) r = await engine.handle(`t:${type}`, { kind: 'answer', text: answer });
  return r;
}

describe('interview shapes', () => {
  test.each([
    ['screening', 5],
    ['behavioral', 6],
    ['technical', 8],
    ['customize', 10],
  ] as const)('%s runs %i questions to a report', async (type, n) => {
    const r = await runThrough(type, STRONG_BEHAVIORAL);
    expect(r.done).toBe(true);
    expect(r.report?.questions).toHaveLength(n);
    expect(r.report?.questions.every((q) => q.status === 'answered')).toBe(true);
    expect(r.report?.partial).toBe(false);
    expect(r.report?.coverage).toBe(1);
  });

  test('the first reply greets, says who Alex is and asks question 1 of N', async () => {
    const { engine } = makeEngine();
    const r = await engine.start({ key: 'k', ...user, type: 'behavioral', seed: 4 });
    expect(r.messages[0]).toMatch(/Emma.*I'm Alex/);
    expect(r.messages[0]).toMatch(/6 questions, about 30 minutes/);
    expect(r.progress.label).toBe('Question 1 of 6');
    expect(r.actions).toEqual(['skip', 'repeat', 'end']);
  });

  test('plans vary between seeds, repeat for one seed, and honour track and level', () => {
    const a = buildBankPlan({ type: 'technical', track: 'frontend', level: 'junior', seed: 1 }).map((q) => q.id);
    const b = buildBankPlan({ type: 'technical', track: 'frontend', level: 'junior', seed: 2 }).map((q) => q.id);
    const a2 = buildBankPlan({ type: 'technical', track: 'frontend', level: 'junior', seed: 1 }).map((q) => q.id);
    expect(a).toEqual(a2);
    expect(a).not.toEqual(b);
    expect(new Set(a).size).toBe(8);
  });

  test('behavioral plans cover six different competencies', () => {
    const plan = buildBankPlan({ type: 'behavioral', track: 'general', level: 'mid', seed: 9 });
    expect(new Set(plan.map((q) => q.competency)).size).toBe(6);
  });
});

describe('the conversation', () => {
  test('a behavioral answer without a result gets a STAR follow-up, at most two per question', async () => {
    const { engine } = makeEngine();
    await engine.start({ key: 'k', ...user, type: 'behavioral', seed: 3 });
    const noResult = 'At my last job our team had a deadline slip. I organised a meeting with the product manager and I split the work into smaller pieces.';
    const r1 = await engine.handle('k', { kind: 'answer', text: noResult });
    expect(r1.progress.current).toBe(1);
    expect(r1.messages.join(' ')).toMatch(/turn out|outcome/i);
    const r2 = await engine.handle('k', { kind: 'answer', text: 'It was fine.' });
    expect(r2.progress.current).toBe(1);
    const r3 = await engine.handle('k', { kind: 'answer', text: 'Still fine.' });
    // Third answer to the same question: no third follow-up, the interview moves on.
    expect(r3.progress.current).toBe(2);
    const s = await engine.getByKey('k');
    expect(s?.answers[0]?.followUps).toBe(2);
    expect(s?.answers[0]?.parts).toHaveLength(3);
  });

  test('skip, repeat, pause and resume behave like their buttons', async () => {
    const { engine } = makeEngine();
    const start = await engine.start({ key: 'k', ...user, type: 'screening', seed: 5 });
    const q1 = start.messages.at(-1)!;
    const rep = await engine.handle('k', { kind: 'command', command: 'repeat' });
    expect(q1).toContain(rep.messages[0]!.replace(/^(Let's start\.|Let's begin with this one\.|First question\.) /, ''));
    const paused = await engine.handle('k', { kind: 'answer', text: 'pause' });
    expect(paused.status).toBe('paused');
    const refused = await engine.handle('k', { kind: 'answer', text: 'My answer while paused' });
    expect(refused.refused?.code).toBe('paused');
    const resumed = await engine.handle('k', { kind: 'answer', text: 'resume' });
    expect(resumed.status).toBe('active');
    expect(resumed.messages.join(' ')).toContain(q1.split('. ').slice(1).join('. '));
    const skipped = await engine.handle('k', { kind: 'answer', text: 'Skip.' });
    expect(skipped.progress.label).toBe('Question 2 of 5');
    const s = await engine.getByKey('k');
    expect(s?.answers[0]?.status).toBe('skipped');
  });

  test('a declined question is never asked again', async () => {
    const { engine } = makeEngine();
    await engine.start({ key: 'k', ...user, type: 'behavioral', seed: 11 });
    const first = (await engine.getByKey('k'))!.plan[0]!;
    let r = await engine.handle('k', { kind: 'answer', text: "I'd rather not answer that one." });
    expect(r.progress.current).toBe(2);
    while (!r.done) r = await engine.handle('k', { kind: 'answer', text: STRONG_BEHAVIORAL });
    const s = await engine.getById(r.sessionId);
    expect(s!.answers[0]!.status).toBe('declined');
    const askedFirst = s!.transcript.filter((t) => t.role === 'interviewer' && t.text.includes(first.text));
    expect(askedFirst).toHaveLength(1);
  });

  test('ending early still yields a report, marked partial', async () => {
    const { engine } = makeEngine();
    await engine.start({ key: 'k', ...user, type: 'behavioral', seed: 2 });
    await engine.handle('k', { kind: 'answer', text: STRONG_BEHAVIORAL });
    await engine.handle('k', { kind: 'answer', text: STRONG_BEHAVIORAL });
    const r = await engine.handle('k', { kind: 'command', command: 'end' });
    expect(r.done).toBe(true);
    expect(r.report?.partial).toBe(true);
    expect(r.report?.questions.filter((q) => q.status === 'answered')).toHaveLength(2);
    expect(r.report?.coverage).toBeCloseTo(2 / 6, 2);
    expect(await engine.getByKey('k')).toBeUndefined();
  });

  test('running over the time budget wraps up gracefully', async () => {
    const { engine, clock } = makeEngine();
    await engine.start({ key: 'k', ...user, type: 'screening', seed: 2 });
    clock.t += 6 * 60_000;
    await engine.handle('k', { kind: 'answer', text: STRONG_BEHAVIORAL });
    clock.t += 10 * 60_000;
    const r = await engine.handle('k', { kind: 'answer', text: STRONG_BEHAVIORAL });
    expect(r.done).toBe(true);
    expect(r.messages.join(' ')).toMatch(/at time/);
    expect(r.report?.partial).toBe(true);
    expect(r.report?.durationMinutes).toBeGreaterThanOrEqual(16);
  });

  test('paused time does not count against the budget', async () => {
    const { engine, clock } = makeEngine();
    await engine.start({ key: 'k', ...user, type: 'screening', seed: 2 });
    await engine.handle('k', { kind: 'command', command: 'pause' });
    clock.t += 60 * 60_000;
    await engine.handle('k', { kind: 'command', command: 'resume' });
    const r = await engine.handle('k', { kind: 'answer', text: STRONG_BEHAVIORAL });
    expect(r.done).toBe(false);
  });
});

describe('reports', () => {
  test('strong answers outscore weak ones, with evidence quoted from the candidate', async () => {
    const strong = await runThrough('behavioral', STRONG_BEHAVIORAL, 8);
    const weak = await runThrough('behavioral', WEAK, 8);
    expect(strong.report!.overall.score!).toBeGreaterThan((weak.report!.overall.score ?? 0) + 1.5);
    for (const q of strong.report!.questions) {
      for (const e of q.evidence) expect(STRONG_BEHAVIORAL).toContain(e.replace(/…$/, ''));
    }
    expect(strong.report!.scoring.heuristic).toBe(true);
  });

  test('gibberish is not judged', async () => {
    const r = await runThrough('screening', 'asdf qwkj zxcvb plmoknq wqzx', 3);
    expect(r.report?.notEnoughToJudge).toBe(true);
    expect(r.report?.overall.score).toBeNull();
    expect(r.report?.overall.band).toBe('not-enough-to-judge');
  });
});

describe('bad input loses nothing', () => {
  test('an empty answer is refused with a clear message and changes nothing', async () => {
    const { engine } = makeEngine();
    await engine.start({ key: 'k', ...user, type: 'screening', seed: 1 });
    const before = await engine.getByKey('k');
    const r = await engine.handle('k', { kind: 'answer', text: '   \u0007 ' });
    expect(r.refused?.code).toBe('empty');
    const after = await engine.getByKey('k');
    expect(after?.version).toBe(before?.version);
  });

  test('a 50,000-character answer is refused with the limit named, nothing recorded', async () => {
    const { engine } = makeEngine();
    await engine.start({ key: 'k', ...user, type: 'screening', seed: 1 });
    const r = await engine.handle('k', { kind: 'answer', text: `${'word '.repeat(9_999)}words` });
    expect(r.refused?.message).toMatch(/50,000 characters; the limit is 8,000/);
    expect((await engine.getByKey('k'))!.answers[0]!.parts).toHaveLength(0);
  });

  test('control characters are stripped from answers', async () => {
    const { engine } = makeEngine();
    await engine.start({ key: 'k', ...user, type: 'screening', seed: 1 });
    await engine.handle('k', { kind: 'answer', text: 'I like\u0000 building\u001b[31m APIs\u202e for teams.' });
    const s = await engine.getByKey('k');
    expect(s!.answers[0]!.parts[0]).toBe('I like building[31m APIs for teams.');
  });

  test.each([
    [{ type: 'screening', role: 'astronaut' }, /don't know the role "astronaut"/],
    [{ type: 'screening', level: 'godlike' }, /Unknown level "godlike"/],
  ] as const)('unknown role or level: %o', async (opts, msg) => {
    const { engine } = makeEngine();
    await expect(engine.start({ key: 'k', ...user, ...opts })).rejects.toThrow(msg);
  });

  test('a second interview at the same place is refused while one runs', async () => {
    const { engine } = makeEngine();
    await engine.start({ key: 'k', ...user, type: 'screening' });
    await expect(engine.start({ key: 'k', ...user, type: 'behavioral' })).rejects.toThrow(/already running/);
  });

  test('answers after the end are refused politely', async () => {
    const { engine } = makeEngine();
    const r0 = await engine.start({ key: 'k', ...user, type: 'screening' });
    await engine.handle('k', { kind: 'command', command: 'end' });
    const r = await engine.handleSession(r0.sessionId, { kind: 'answer', text: 'hello?' });
    expect(r.refused?.code).toBe('finished');
  });
});

describe('history and deletion', () => {
  test('finished interviews appear in history with scores; forget deletes everything', async () => {
    const { engine } = makeEngine();
    let r = await engine.start({ key: 'a', ...user, type: 'screening', seed: 1 });
    while (!r.done) r = await engine.handle('a', { kind: 'answer', text: STRONG_BEHAVIORAL });
    const h = await engine.history('u:emma');
    expect(h).toHaveLength(1);
    expect(h[0]!.score).toBe(r.report!.overall.score);
    expect((await engine.lastReport('u:emma'))?.sessionId).toBe(r.sessionId);
    expect(await engine.forget('u:emma')).toBe(1);
    expect(await engine.history('u:emma')).toEqual([]);
    expect(await engine.getById(r.sessionId)).toBeUndefined();
  });
});
