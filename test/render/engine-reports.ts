import { loadConfig } from '../../src/config.ts';
import type { Brain } from '../../src/engine/brain.ts';
import { guardScore } from '../../src/engine/scoring/model.ts';
import type { Report } from '../../src/engine/types.ts';
import { buildApp } from '../../src/app/app.ts';
import { JD, RESUME, silent } from '../engine/customize/helpers.ts';
import { makeEngine, STRONG_BEHAVIORAL } from '../helpers/engine.ts';

/** A work question answered with a weekend hobby, twice: the offline rules cap it and say why. */
export const OFF_TOPIC_ANSWERS = [
  'On weekends I bake sourdough. It took me ten tries to get a starter that rises properly, and now I bake two loaves every weekend and give one to my neighbour.',
  'The trick was keeping the starter somewhere warmer, on top of the fridge, and feeding it twice a day.',
];

/** A finished behavioral interview from the offline engine whose first question got an off-topic answer. */
export async function offTopicReport(): Promise<Report> {
  const { engine } = makeEngine();
  const start = await engine.start({ key: 'render:off-topic', userKey: 'u:render', type: 'behavioral', seed: 9 });
  for (const text of OFF_TOPIC_ANSWERS) await engine.handleSession(start.sessionId, { kind: 'answer', text });
  const end = await engine.handleSession(start.sessionId, { kind: 'command', command: 'end' });
  return end.report!;
}

/** The long answer given to question `n`: situation, own actions, trade-off, measured result, reflection. */
export const LONG_ANSWER = (n: number) =>
  [
    `At Northwind Freight I led the move of our shipment-tracking API (question ${n}) from a single PostgreSQL primary to read replicas behind a connection pooler, because p99 latency had climbed past 1.8 seconds during the Monday peak and customers' dashboards timed out.`,
    'I owned the plan and the rollout: I profiled the slowest queries with EXPLAIN ANALYZE, added two composite indexes, moved the reporting reads to a replica, put PgBouncer in transaction mode in front of the primary, and wrote the runbook for failing back.',
    'The trade-off was replica lag, so writes that users read back immediately still go to the primary, and I added a lag alarm at two seconds that pages us before anyone notices stale data.',
    'As a result p99 fell from 1.8 s to 240 ms, the timeouts stopped, and we cut the database bill by 31% because we could drop the oversized primary instance.',
    'What I learned is to measure the read/write mix before choosing a design; next time I would set up the lag dashboards before the migration, not after the first alert.',
  ].join(' ');

/** A finished 10-question customize interview (resume and job description), every answer long and detailed. */
export async function longCustomizeReport(dir: string): Promise<Report> {
  const config = loadConfig({ STORE_URL: `sqlite://${dir}/store.sqlite` });
  const rt = await buildApp(config, silent, { speech: false });
  try {
    const enc = (s: string) => new TextEncoder().encode(s);
    const resume = await rt.customize!.documents.ingest('u:long', { bytes: enc(RESUME), filename: 'resume.txt' });
    const jd = await rt.customize!.documents.ingest('u:long', { bytes: enc(JD), filename: 'jd.txt' });
    const start = await rt.engine.start({ key: 'render:long', userKey: 'u:long', type: 'customize', seed: 4, userName: 'Priya Raman', documentIds: [resume.id, jd.id] });
    for (let i = 0; i < 60; i++) {
      const reply = await rt.engine.handleSession(start.sessionId, { kind: 'answer', text: LONG_ANSWER(i + 1) });
      if (reply.report) return reply.report;
    }
    throw new Error('the interview did not finish');
  } finally {
    await rt.close();
  }
}

/**
 * A behavioral interview scored by a model where it could be: the first answer (off topic) is
 * scored through the model path, which rates it 5 everywhere and is capped by the same rules;
 * every later scoring call fails, so the rules score those answers instead.
 */
export async function modelScoredReport(): Promise<Report> {
  let calls = 0;
  const model: Brain = {
    name: 'gemini/gemini-2.5-flash',
    async react() {
      throw new Error('reactions come from the rules in this interview');
    },
    async score(question, answer) {
      if (calls++ > 0) throw new Error('model unavailable');
      const first = answer.split(/(?<=\.)\s+/)[0]!;
      const out = { items: question.rubric.map((r) => ({ id: r.id, score: 5, evidence: first })), strengths: ['Great story.'], improvements: ['Close with what you learned.'] };
      return { value: guardScore(question, answer, out, 'gemini/gemini-2.5-flash'), calls: [] };
    },
    async summarize() {
      throw new Error('model unavailable');
    },
  };
  const { engine } = makeEngine({ brain: model, reportDeadlineMs: 2000 });
  const start = await engine.start({ key: 'render:model', userKey: 'u:model', type: 'behavioral', seed: 9 });
  for (const text of OFF_TOPIC_ANSWERS) await engine.handleSession(start.sessionId, { kind: 'answer', text });
  await engine.handleSession(start.sessionId, { kind: 'answer', text: STRONG_BEHAVIORAL });
  const end = await engine.handleSession(start.sessionId, { kind: 'command', command: 'end' });
  return end.report!;
}
