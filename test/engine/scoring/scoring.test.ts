import { describe, expect, test } from 'vitest';
import { loadBank } from '../../../src/engine/bank/load.ts';
import { renderReportMarkdown } from '../../../src/engine/feedback/markdown.ts';
import { strongAnswerFor, toSecondPerson } from '../../../src/engine/feedback/advice.ts';
import { toPlanQuestion } from '../../../src/engine/plan.ts';
import { weightedMean } from '../../../src/engine/scoring/aggregate.ts';
import { heuristicScore } from '../../../src/engine/scoring/heuristic.ts';
import { guardScore } from '../../../src/engine/scoring/model.ts';
import type { PlanQuestion } from '../../../src/engine/types.ts';
import { makeEngine } from '../../helpers/engine.ts';

const question = (type: 'screening' | 'behavioral' | 'technical', id: string): PlanQuestion => toPlanQuestion(loadBank(type).questions.find((q) => q.id === id)!);
const SHORTENER = question('technical', 'tech-sd-url-shortener');
const INDEXES = question('technical', 'tech-db-indexes');
const WHY_ROLE = question('screening', 'scr-why-this-role');
const FAILURE = question('behavioral', 'beh-failure-mistake-production');
const STAR_TALK = /close with what you learned|set the scene|what you personally did|STAR/i;

describe('scores by substance', () => {
  test('a buzzword design answer scores well below one that explains the mechanism', () => {
    const buzz = heuristicScore(SHORTENER, "I'd use microservices with Kubernetes, a load balancer, Kafka, Redis, Cassandra and a CDN, so it can scale horizontally to millions of users with high availability and low latency.");
    const real = heuristicScore(
      SHORTENER,
      'POST a long URL and get a code back; GET the code and the server answers with a redirect. I take an id from a counter and encode it in base62, so seven characters give trillions of codes with no collision check. Reads dominate, so a cache in front of the database keeps popular codes hot; at scale each server leases a block of ids so the counter is not a bottleneck.',
    );
    expect(buzz.score).toBeLessThanOrEqual(2);
    expect(buzz.cappedBecause).toMatch(/without explaining/);
    expect(real.score - buzz.score).toBeGreaterThanOrEqual(1.5);
  });

  test('a stated misconception from the bank holds the score down and the report corrects it', () => {
    const s = heuristicScore(INDEXES, 'An index makes every query faster, so I would index every column to be safe, and a B-tree lets the database find rows without scanning the table.');
    expect(s.score).toBeLessThanOrEqual(2);
    expect(s.improvements.join(' ')).toMatch(/slows every insert/);
  });

  test('length and numbers alone do not raise a score', () => {
    const vague =
      'So basically teamwork is something I really value, and in every team we always tried to work together as closely as possible, in 2019, 2020 and 2021, with 5 or 6 people, 100 percent of the time. We had daily stand-ups and retrospectives and we talked a lot, and when there were problems we discussed them as a group and tried to find solutions together. I think communication and trust matter most, and respecting each other, because everybody brings something different to the table.';
    const concise = 'I shipped a discount change without a flag and 1,200 customers saw an error. I rolled it back in twenty minutes, ran the postmortem and added boundary tests. We have had no pricing incident since; I learned to ask how I would turn a change off.';
    expect(heuristicScore(FAILURE, concise).score).toBeGreaterThan(heuristicScore(FAILURE, vague).score + 1);
  });

  test('a good main answer is not dragged down by a confused reply to a follow-up', () => {
    const main = 'Most indexes are B-trees: a sorted tree of column values pointing to rows, so a lookup walks a few levels instead of scanning the table. I pick them from the real queries, and column order matters in a composite index because the tree sorts by the first column first. Each index slows writes, so I check with EXPLAIN that it is used.';
    const alone = heuristicScore(INDEXES, main).score;
    const withConfusion = heuristicScore(INDEXES, `${main}\nHmm, I think maybe indexes are stored in RAM only, I'm not sure about that part.`).score;
    expect(withConfusion).toBeGreaterThanOrEqual(alone);
  });

  test('the rules and the model path compute the question score with the same weighted mean', () => {
    const answer = 'At my last job I pushed a config change that took checkout down for ten minutes. I rolled it back, wrote the postmortem and added a canary step, and we have had no config outage since.';
    const out = { items: FAILURE.rubric.map((r, i) => ({ id: r.id, score: 1 + i, evidence: answer.slice(0, 60) })), strengths: [], improvements: [] };
    const g = guardScore(FAILURE, answer, out, 'gemini/x');
    expect(g.score).toBe(weightedMean(FAILURE.rubric, g.items));
    const h = heuristicScore(FAILURE, answer);
    expect(h.score).toBe(weightedMean(FAILURE.rubric, h.items));
  });
});

describe('truthful reports', () => {
  test('advice never asks for a part the answer gave, and STAR advice appears only for behavioral questions', () => {
    const full = heuristicScore(
      FAILURE,
      'In my second year at an e-commerce startup I shipped a discount change on a Friday without a flag. About 1,200 customers saw an error, so I rolled it back within twenty minutes and sent support the list of orders. The next week I ran the postmortem and added boundary tests; we have had no pricing incident since. I learned to ask how I would turn a change off before every release.',
    );
    expect(full.improvements.join(' ')).not.toMatch(/outcome|set the scene|what you learned|personally did/i);
    const screening = heuristicScore(WHY_ROLE, 'I want to work closer to users, and this team owns a latency-sensitive public API, which is the performance work I did on our search endpoint, cutting p95 from 900 to 180 ms.');
    const technical = heuristicScore(INDEXES, 'Indexes make lookups faster.');
    for (const s of [screening, technical]) expect(s.improvements.join(' ')).not.toMatch(STAR_TALK);
  });

  test('strengths quote what the candidate did, and no evidence quote is a bare "Sure."', () => {
    const s = heuristicScore(FAILURE, 'Sure. At my last job I pushed a config change that took checkout down for ten minutes. I rolled it back and added a canary step, and we have had no config outage since.');
    expect(s.strengths.length).toBeGreaterThan(0);
    for (const line of s.strengths) expect(line).toMatch(/^You [a-z ]+: ".+"$/);
    expect(s.strengths.join(' ')).not.toMatch(/shows they|Shows /);
    expect(s.evidence).not.toContain('Sure.');
    for (const e of s.evidence) expect(e.split(/\s+/).length).toBeGreaterThanOrEqual(6);
  });

  test('each question says what a strong answer would include, in plain second person', () => {
    expect(toSecondPerson('Describes the specific steps they personally took and compares them with their options')).toBe('describe the specific steps you personally took and compare them with your options');
    expect(toSecondPerson('Is honest about what they do not know yet')).toBe('be honest about what you do not know yet');
    expect(toSecondPerson('Has a plan for the first month')).toBe('have a plan for the first month');
    expect(toSecondPerson('Used clear written updates so work did not stall')).toBe('show that you used clear written updates so work did not stall');
    expect(toSecondPerson('Kept their team informed')).toBe('show that you kept your team informed');
    expect(toSecondPerson('Correctly identifies the bottleneck')).toBe('correctly identify the bottleneck');
    const line = strongAnswerFor(FAILURE);
    expect(line).toMatch(/^For a strong answer, you would /);
    expect(line).not.toMatch(/\bthey\b|\btheir\b|\bshows\b/);
  });

  test('the model path keeps the same rules: caps, truthful advice, real quotes only', () => {
    const offTopic = 'Last year I trained for my first marathon and ran four times a week. I finished in 3 hours 52 minutes and raised money for a children\'s hospital, which felt amazing.';
    const out = {
      items: FAILURE.rubric.map((r) => ({ id: r.id, score: 5, evidence: 'I finished in 3 hours 52 minutes' })),
      strengths: ['Great result.'],
      improvements: ['Close with what you learned.', 'Add a number for the outcome.'],
    };
    const g = guardScore(FAILURE, offTopic, out, 'gemini/x');
    expect(g.score).toBeLessThanOrEqual(2);
    expect(g.cappedBecause).toMatch(/about something else/);
    const tech = guardScore(INDEXES, 'An index is a B-tree sorted by its columns, so lookups walk a few levels instead of scanning the table; every index slows writes, so I add them for real queries.', { items: INDEXES.rubric.map((r) => ({ id: r.id, score: 4, evidence: 'Sure.' })), strengths: [], improvements: ['Close with what you learned.', 'Name a trade-off.'] }, 'gemini/x');
    expect(tech.improvements.join(' ')).not.toMatch(STAR_TALK);
    expect(tech.evidence).toEqual([]);
  });

  test('the Markdown report shows why a score was capped and what a strong answer would include', async () => {
    const { engine } = makeEngine();
    const start = await engine.start({ key: 'r1', userKey: 'u1', type: 'behavioral', seed: 9 });
    await engine.handleSession(start.sessionId, { kind: 'answer', text: 'On weekends I bake sourdough. It took me ten tries to get a starter that rises properly, and now I bake two loaves every weekend and give one to my neighbour.' });
    await engine.handleSession(start.sessionId, { kind: 'answer', text: 'The trick was keeping the starter somewhere warmer, on top of the fridge, and feeding it twice a day.' });
    const end = await engine.handleSession(start.sessionId, { kind: 'command', command: 'end' });
    const md = renderReportMarkdown(end.report!);
    expect(md).toMatch(/Why this score: This answer was about something else/);
    expect(md).toMatch(/For a strong answer, you would /);
  });
});
