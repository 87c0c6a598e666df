import { beforeAll, describe, expect, test } from 'vitest';
import { buildApp } from '../../../src/app/app.ts';
import { loadConfig } from '../../../src/config.ts';
import { personalQuestion } from '../../../src/engine/customize/rubrics.ts';
import { MISSING_ADVICE } from '../../../src/engine/feedback/advice.ts';
import { heuristicScore } from '../../../src/engine/scoring/heuristic.ts';
import { listen } from '../../../src/engine/scoring/record.ts';
import { truthfulAdvice } from '../../../src/engine/scoring/truthful.ts';
import type { PlanQuestion, Report } from '../../../src/engine/types.ts';
import { JD, RESUME, silent } from './helpers.ts';

const enc = (s: string) => new TextEncoder().encode(s);

/**
 * Detailed answers a prepared candidate would give, one per kind of personal question the
 * plan asks (matched on what the question asks, not on its id).
 */
const STRONG: [RegExp, string][] = [
  [
    /what draws you/i,
    'I want to work on freight payments because the money side of logistics is where small errors cost carriers real cash. At Finch Payments I owned the reconciliation service, so the Northwind role, settling invoices between shippers and carriers, is the same problem at a larger scale. I am also keen to lead design reviews, which I started doing last year, and the timing is right because our payments platform is now stable and I am ready for wider scope.',
  ],
  [
    /you moved from/i,
    'At Tiffinbox I was one of four engineers on a food delivery app and I mostly took tickets from the product manager. I moved to Finch Payments because I wanted to own a system end to end, and payments had the reliability problems I wanted to learn from. In the new role I owned the reconciliation service, I wrote design documents before building anything and I started running the weekly code review. Within a year my scope grew from single features to the whole ledger pipeline. The hardest part was learning to say no to scope, and I learned to write the trade-offs down so the team could decide quickly.',
  ],
  [
    /why did you choose/i,
    'Shelfwise is an inventory tracker for small bookshops, and most of them run it on one old laptop behind the till with no one to administer a database. I chose SQLite because the whole store is a single file: there is no server to install, backups are a file copy, and one shop has at most a few thousand books, so a single writer is never the bottleneck. I chose Node.js with TypeScript because the web front end and the barcode import share the same types, which let volunteers contribute without learning two languages. The trade-off is that SQLite allows only one writer at a time, so when a shop asked for two tills we had to queue the writes and use WAL mode. If I started again I would still pick SQLite, but I would design the sync for chains with several branches earlier, because about 30 shops now use it and two of them have asked for it.',
  ],
  [
    /design decision/i,
    'The main design decision was to publish every ledger change as an event on Kafka and let the reconciliation workers consume them, instead of polling PostgreSQL every minute. Polling meant each run scanned millions of rows and the database locks blocked the payment writes. With events, each worker keeps its own offset, so a crash only replays the messages it had not committed, and PostgreSQL only answers point lookups. The trade-off is operational cost: we had to run Kafka and handle duplicate events, so I made the consumers idempotent by keying on the transaction id. Looking back, I would add a schema registry from day one, because changing the event format later was painful.',
  ],
  [
    /how did you measure|situation before|how do you know/i,
    'Before the change, reconciliation ran as a nightly batch and finance waited until noon for the report, while on-call got paged for every slow query. I measured the baseline with our Grafana dashboards over two weeks: the median run took 50 minutes. First I profiled the job and found most of the time went into one unindexed join, so I added a composite index and split the batch into partitions that ran in parallel. Then I added alerts tied to the service objectives so only real failures paged anyone. As a result the run dropped to 30 minutes, a 40% cut, and pages fell by 65% over the next quarter, which we confirmed by comparing the same weeks before and after the release.',
  ],
  [
    /mentor|design reviews|carry over/i,
    'At Finch I mentored four junior engineers: I paired with each of them weekly, gave them stretch tickets and reviewed their designs before they wrote code. I also ran the weekly code review session, where I introduced a short checklist so reviews focused on failure modes instead of style. Two of them now lead features on their own. That carries over directly to mentoring at Northwind. What would be new for me is leading formal design reviews across several teams in the payments domain, so I would start by sitting in on existing reviews and writing down the questions reviewers ask most.',
  ],
  [
    /tell me about a time you used it/i,
    'I used an event-driven design in the Ledgerline reconciliation service at Finch. Each payment state change was published as an event, and separate consumers updated balances, sent receipts and fed the fraud checks. The part only regular users learn is ordering: events for one account must go to the same partition, otherwise a refund can be applied before its charge, so we keyed partitions by account id. We also had to handle redelivery, so every consumer stored the last processed event id. To be honest, I have only worked with one broker and I have not designed event schemas across many teams yet.',
  ],
  [
    /how would you get productive|close that gap|closest thing/i,
    'I have not run Kubernetes or Terraform in production, but I deployed our services with Docker and wrote the CI pipelines, so containers, health checks and rolling deploys are familiar. In the first week I would read the team runbooks and deploy one small service to a staging cluster with a teammate. Then I would change an existing Terraform module, for example adding an alert, and have it reviewed, because that shows me how state and plans work before I touch anything risky. By the end of the month I would expect to ship a change to production on my own. For gRPC, the closest thing is the REST and protobuf events we used with Kafka, so the schema side carries over.',
  ],
];

const WEAK = 'I think it went fine, we did some stuff there.';

function answerFor(question: string): string {
  const hit = STRONG.find(([re]) => re.test(question));
  if (!hit) throw new Error(`no prepared answer for: ${question}`);
  return hit[1];
}

async function runInterview(pick: (question: string) => string, followUpReply: string): Promise<Report> {
  const rt = await buildApp(loadConfig({ STORE_URL: 'memory://' }), silent, { speech: false });
  try {
    const resume = await rt.customize!.documents.ingest('cli:me', { bytes: enc(RESUME), filename: 'resume.txt' });
    const jd = await rt.customize!.documents.ingest('cli:me', { bytes: enc(JD), filename: 'jd.txt' });
    const start = await rt.engine.start({ key: 'cli:scoring', userKey: 'cli:me', type: 'customize', seed: 3, documentIds: [resume.id, jd.id] });
    const session = (await rt.engine.getById(start.sessionId))!;
    expect(session.plan).toHaveLength(10);
    let reply = await rt.engine.handleSession(start.sessionId, { kind: 'answer', text: pick(session.plan[0]!.text) });
    for (let turns = 0; !reply.done && turns < 40; turns++) {
      const now = (await rt.engine.getById(start.sessionId))!;
      const q = now.plan[now.current] ?? now.plan[now.plan.length - 1]!;
      // A follow-up gets a short, relevant reply; a new question gets its prepared answer.
      const followUp = now.answers[now.current]?.parts.length;
      const text = followUp ? followUpReply : pick(q.text);
      reply = await rt.engine.handleSession(start.sessionId, { kind: 'answer', text });
    }
    expect(reply.done).toBe(true);
    return reply.report!;
  } finally {
    await rt.close();
  }
}

describe('customize interviews are judged by the kind of question each one is', () => {
  let strong: Report;
  let weak: Report;
  beforeAll(async () => {
    strong = await runInterview(answerFor, 'To add one thing: I checked the numbers before and after the change, and I wrote the lesson down for the team.');
    weak = await runInterview(() => WEAK, 'Not much more to say really, it was fine.');
  }, 60_000);

  test('detailed, on-topic answers to personal questions score high', () => {
    for (const q of strong.questions) expect(q.score, `${q.question}\n${q.improvements.join('\n')}`).toBeGreaterThanOrEqual(3.5);
    expect(strong.overall.score!).toBeGreaterThanOrEqual(3.8);
  });

  test('only the motivation question can be advised to say why the candidate wants the role', () => {
    for (const q of strong.questions) {
      if (/what draws you|why now/i.test(q.question)) continue;
      expect(q.improvements, q.question).not.toContain(MISSING_ADVICE.motivation);
    }
  });

  test('advice fits the question: stories and explanations are never told to add a reason, a specific or an example claim', () => {
    const screeningAdvice = [MISSING_ADVICE.motivation, MISSING_ADVICE.specifics, MISSING_ADVICE.evidence];
    const personal = strong.questions.filter((q) =>
      /design decision|why did you choose|you moved from|how did you measure|situation before|tell me about a time|first month|close that gap/i.test(q.question),
    );
    expect(personal.length).toBeGreaterThanOrEqual(6);
    for (const q of personal) for (const tip of screeningAdvice) expect(q.improvements, q.question).not.toContain(tip);
  });

  test('a design answer that never says what the candidate would change now is told to', async () => {
    const design = STRONG.find(([re]) => re.source === 'design decision')![1];
    const noHindsight = design.slice(0, design.indexOf(' Looking back'));
    const report = await runInterview((q) => (/design decision/i.test(q) ? noHindsight : answerFor(q)), 'That is all I have on it.');
    const q = report.questions.find((x) => /design decision/i.test(x.question))!;
    expect(q.improvements).toContain(MISSING_ADVICE.reflection);
    expect(q.improvements).not.toContain(MISSING_ADVICE.motivation);
    expect(q.score!).toBeLessThan(strong.questions.find((x) => x.id === q.id)!.score!);
  });

  test('vague answers still score low', () => {
    for (const q of weak.questions) if (q.score !== null) expect(q.score, q.question).toBeLessThanOrEqual(2);
  });
});

describe('a personal question that does not say what it asks for (one a model wrote)', () => {
  // Free-form competency, rubric items with no part named: as a model's plan gives them.
  const asked = (text: string): PlanQuestion => ({
    id: 'llm-1-x',
    text,
    competency: 'payments-systems',
    difficulty: 'medium',
    rubric: [
      { id: 'decision', shows: 'Explains the design decision and the constraints behind it', weight: 0.5 },
      { id: 'alternatives', shows: 'Names the alternatives considered and what the choice cost', weight: 0.5 },
    ],
    followUps: ['What would break first at ten times the load?'],
    keywords: ['Kafka', 'PostgreSQL'],
    source: { kind: 'document', refs: [{ source: 'resume.txt', lineStart: 24, lineEnd: 26, quote: 'Ledgerline' }] },
  });

  test('is judged as the explanation or story it asks for, not as a screening answer', () => {
    const design = STRONG.find(([re]) => re.source === 'design decision')![1];
    const q = asked('Ledgerline runs on Kafka and PostgreSQL. Walk me through the design of its reconciliation pipeline and the trade-offs you accepted.');
    const score = heuristicScore(q, design, 'customize');
    expect(score.score).toBeGreaterThanOrEqual(3.5);
    for (const tip of [MISSING_ADVICE.motivation, MISSING_ADVICE.specifics, MISSING_ADVICE.evidence]) expect(score.improvements).not.toContain(tip);
    expect(heuristicScore(q, WEAK, 'customize').score).toBeLessThanOrEqual(2);
  });
});

test("a model's advice to say what the candidate would change is kept for a project question that asks it", () => {
  const q = personalQuestion(
    'project',
    'doc-project-ledgerline',
    'In Ledgerline you used Kafka and PostgreSQL. Walk me through a design decision you made there and what you would change now.',
    [],
    ['Ledgerline', 'Kafka', 'PostgreSQL'],
  );
  const design = STRONG.find(([re]) => re.source === 'design decision')![1];
  const noHindsight = design.slice(0, design.indexOf(' Looking back'));
  const advice = ['Close with what you would do differently now, and why.'];
  expect(truthfulAdvice(listen(q, 'customize', noHindsight), advice)).toEqual(advice);
  // Given, it is not asked for again.
  expect(truthfulAdvice(listen(q, 'customize', design), advice)).toEqual([]);
});
