import { describe, expect, test } from 'vitest';
import type { ReactContext } from '../../../src/engine/brain.ts';
import { loadBank } from '../../../src/engine/bank/load.ts';
import { OfflineBrain } from '../../../src/engine/offline/interviewer.ts';
import { PART_FOLLOW_UPS } from '../../../src/engine/offline/listening.ts';
import { toPlanQuestion } from '../../../src/engine/plan.ts';
import { listen } from '../../../src/engine/scoring/record.ts';
import type { InterviewType, PlanQuestion } from '../../../src/engine/types.ts';
import { makeEngine } from '../../helpers/engine.ts';

const question = (type: 'screening' | 'behavioral' | 'technical', id: string): PlanQuestion => toPlanQuestion(loadBank(type).questions.find((q) => q.id === id)!);
const LEARN = question('behavioral', 'beh-learn-new-tech-fast');
const CONFLICT = question('behavioral', 'beh-conflict-teammate-disagreement');
const INDEXES = question('technical', 'tech-db-indexes');
const brain = new OfflineBrain();

function ctx(q: PlanQuestion, messages: string[], asked: string[] = [], type: InterviewType = 'behavioral'): ReactContext {
  return { type, role: 'backend engineer', level: 'mid', question: q, answer: messages.join('\n'), latest: messages[messages.length - 1]!, followUpsAsked: asked.length, maxFollowUps: 2, askedFollowUps: asked, summary: '', seed: 5 };
}

describe('the record of what the candidate said', () => {
  test('reads real openings and results, not just textbook STAR words', () => {
    const cases = [
      ['At a freight-tracking company our dispatch screen froze every Monday morning.', 'situation'],
      ['During my internship the release process was a shared spreadsheet.', 'situation'],
      ['Last spring I taught myself Rust because our log parser in Python was too slow.', 'situation'],
      ['On a university group project, two of us wanted different databases.', 'situation'],
      ['We got an A and 40 classmates used it during exams.', 'result'],
      ['The parse now takes twenty-five minutes instead of six hours.', 'result'],
      ['I paired with their lead every sprint and wrote the contract first.', 'action'],
      ['Since then I write the plan down on day one.', 'reflection'],
    ] as const;
    for (const [text, part] of cases) expect(listen(LEARN, 'behavioral', text).parts[part], text).toBe(text);
  });

  test('"I don\'t have an example" is a non-answer; "I\'d rather not answer" is a refusal', () => {
    expect(listen(CONFLICT, 'behavioral', "I don't have an example of that.")).toMatchObject({ nonAnswer: true, refused: false });
    expect(listen(CONFLICT, 'behavioral', "I'd rather not answer that one.")).toMatchObject({ nonAnswer: true, refused: true });
    expect(listen(CONFLICT, 'behavioral', "I don't know the exact date, but at my last job a teammate and I disagreed about our queue design, so I set up a call and we compared both options with real numbers.").nonAnswer).toBe(false);
  });

  test('a hobby story told to a work question is off topic, even in work-like words', () => {
    const marathon = 'Last spring our running club set a goal of finishing the city marathon together. I planned the training schedule, we met every Tuesday and Saturday, and eleven of the twelve members finished.';
    expect(listen(question('behavioral', 'beh-lead-without-authority'), 'behavioral', marathon).offTopic).toBe(true);
    expect(listen(INDEXES, 'technical', 'For layout I would use CSS grid for the page and flexbox inside components, with media queries for small screens.').offTopic).toBe(true);
    expect(listen(CONFLICT, 'behavioral', 'At my last job a teammate and I disagreed about the API design, so I asked for a call and we compared both options.').offTopic).toBe(false);
  });

  test('a list of technical terms is not an explanation', () => {
    const buzz = listen(question('technical', 'tech-sd-url-shortener'), 'technical', 'Microservices, Kubernetes, Kafka, Redis, Cassandra, a CDN and a load balancer, so it scales horizontally to millions of users.');
    expect(buzz.buzzwords).toBe(true);
    const explained = listen(INDEXES, 'technical', 'An index is usually a B-tree: a sorted tree of column values pointing to rows, so a lookup walks a few levels instead of scanning the whole table.');
    expect(explained.buzzwords).toBe(false);
    expect(explained.parts.mechanism).toBeDefined();
  });
});

describe('follow-ups from the record', () => {
  test('asks for the most valuable missing part, never one already given', () => {
    const story = 'Last spring I had to learn Kubernetes in two weeks because our platform team moved every service onto it. I read the official tutorial, set up a local cluster with kind and shadowed the on-call engineer.';
    const r = brain.reactSync(ctx(LEARN, [story]));
    expect(PART_FOLLOW_UPS.result).toContain(r.followUp);
    // The situation and the actions were given: no follow-up asks for them.
    expect([...PART_FOLLOW_UPS.situation, ...PART_FOLLOW_UPS.action]).not.toContain(r.followUp);
  });

  test('never asks the same follow-up twice in a question, even when the reply still lacks the part', () => {
    const story = 'Last spring I had to learn Kubernetes in two weeks because our platform team moved every service onto it. I read the official tutorial and set up a local cluster with kind.';
    const first = brain.reactSync(ctx(LEARN, [story]));
    const reply = 'I also watched a few talks about it.';
    const second = brain.reactSync(ctx(LEARN, [story, reply], [first.followUp!]));
    expect(second.followUp).not.toBe(first.followUp);
    expect(PART_FOLLOW_UPS.result).not.toContain(second.followUp);
  });

  test('a technical answer that already covers a bank probe is not asked it', () => {
    const answer = 'An index is a B-tree, sorted by its columns, so lookups walk a few levels. Column order matters in a composite index because the tree is sorted by the first column first, so a filter on the second column alone cannot use it.';
    const r = brain.reactSync(ctx(INDEXES, [answer], [], 'technical'));
    expect(r.followUp ?? '').not.toMatch(/column order/i);
  });

  test('acknowledgements fit what was said and never echo a random capitalised word', () => {
    const answer = 'At my last job I built the React Native app for our 78 field technicians. I wrote the offline sync and added retries, and support tickets dropped by half within a month.';
    const r = brain.reactSync(ctx(LEARN, [answer]));
    expect(r.acknowledgement).not.toMatch(/React|78|Native/);
    expect(r.acknowledgement.length).toBeGreaterThan(0);
  });
});

describe('non-answers and off-topic answers in a real interview', () => {
  test('"I don\'t have an example" gets one lifeline; a second non-answer moves on kindly and is never re-asked', async () => {
    const { engine } = makeEngine();
    const start = await engine.start({ key: 'k1', userKey: 'u1', type: 'behavioral', seed: 3 });
    const first = await engine.handleSession(start.sessionId, { kind: 'answer', text: "I don't have an example of that." });
    expect(first.progress.current).toBe(1);
    expect(first.messages.join(' ')).toMatch(/doesn't have to be from work/);
    const second = await engine.handleSession(start.sessionId, { kind: 'answer', text: 'No, sorry, nothing comes to mind.' });
    expect(second.progress.current).toBe(2);
    expect(second.messages[0]).toMatch(/fine|worries|set that aside/i);
    const s = (await engine.getById(start.sessionId))!;
    expect(s.answers[0]!.status).toBe('declined');
    expect(s.transcript.filter((t) => t.kind === 'follow-up' && t.q === 0)).toHaveLength(1);
  });

  test('a non-answer scores at most 1 whatever follows the lifeline', async () => {
    const { engine } = makeEngine();
    const start = await engine.start({ key: 'k2', userKey: 'u2', type: 'behavioral', seed: 4 });
    await engine.handleSession(start.sessionId, { kind: 'answer', text: "Hmm, I can't think of a time that happened to me." });
    await engine.handleSession(start.sessionId, { kind: 'answer', text: 'I guess I would talk to everyone involved, listen to their concerns, find a compromise that works for the team and then follow up a week later to check it held.' });
    const end = await engine.handleSession(start.sessionId, { kind: 'command', command: 'end' });
    expect(end.report!.questions[0]!.score).toBeLessThanOrEqual(1);
  });

  test('an off-topic answer gets one polite redirect naming the question; staying off topic caps the score and the report says why', async () => {
    const { engine } = makeEngine();
    const start = await engine.start({ key: 'k3', userKey: 'u3', type: 'behavioral', seed: 5 });
    const s0 = (await engine.getById(start.sessionId))!;
    const q = s0.plan[0]!;
    const marathon = 'Last year I trained for my first marathon. I followed a sixteen-week plan, ran four times a week and built up to a 32-kilometre long run, and I finished in 3 hours 52 minutes.';
    const redirect = await engine.handleSession(start.sessionId, { kind: 'answer', text: marathon });
    expect(redirect.progress.current).toBe(1);
    expect(redirect.messages.join(' ')).toContain(q.text);
    const moved = await engine.handleSession(start.sessionId, { kind: 'answer', text: 'After that I signed up for a trail race in the mountains, which was a completely different experience with all the climbing.' });
    expect(moved.progress.current).toBe(2);
    const end = await engine.handleSession(start.sessionId, { kind: 'command', command: 'end' });
    const rq = end.report!.questions[0]!;
    expect(rq.score).toBeLessThanOrEqual(2);
    expect(rq.cappedBecause).toMatch(/about something else/);
    expect(rq.evidence).toEqual([]);
  });
});
