import { describe, expect, test } from 'vitest';
import { createCustomPlanner } from '../../../src/engine/customize/planner.ts';
import { parseDocument } from '../../../src/engine/docs/parse.ts';
import type { ParsedDocument } from '../../../src/engine/docs/types.ts';
import { expectGrounded, expectWellFormed, jdTxt, mentioned, resumeDocxBytes, resumePdfBytes, resumeTxt, sessionFor, silent, staticDocuments } from './helpers.ts';

async function planFor(docs: ParsedDocument[], session = sessionFor()) {
  const planner = createCustomPlanner({ documents: staticDocuments(docs), logger: silent });
  const res = await planner({ session, documentIds: docs.map((d) => d.id), signal: AbortSignal.timeout(10_000) });
  expect(res).not.toBeNull();
  return res!;
}

const JD_ONLY_SKILLS = ['Kubernetes', 'Terraform', 'gRPC', 'GKE', 'Kotlin', 'Spanner', 'OpenTelemetry'];

describe('a personal plan from the built-in rules', () => {
  test('resume and job description (TXT): ten grounded questions about her projects, numbers, moves and gaps', async () => {
    const resume = resumeTxt();
    const jd = jdTxt();
    const { plan, notes, calls } = await planFor([resume, jd]);
    expect(plan).toHaveLength(10);
    expectWellFormed(plan);
    expectGrounded(plan, [resume, jd]);
    const texts = plan.map((q) => q.text);
    expect(texts).toContain("In Ledgerline you used Kafka and PostgreSQL. Walk me through a design decision you made there and what you'd change now.");
    expect(texts).toContain('You wrote that you cut reconciliation latency by 40%. How did you measure it, and what did you try first?');
    expect(texts.some((t) => /^You moved from Software Engineer at Tiffinbox to Senior Software Engineer at Finch Payments\./.test(t))).toBe(true);
    // Every question is personal: nothing had to come from the bank.
    expect(plan.every((q) => q.source.kind !== 'bank')).toBe(true);
    expect(notes).toEqual(['Plan: built by the built-in rules from resume.txt and jd.txt (retrieval: lexical — no embedding model configured).']);
    expect(calls).toEqual([]);
  });

  test('gap questions name job skills the resume does not show, citing the job description', async () => {
    const resume = resumeTxt();
    const jd = jdTxt();
    const { plan } = await planFor([resume, jd]);
    const gaps = plan.filter((q) => q.source.kind === 'gap');
    expect(gaps.length).toBeGreaterThanOrEqual(1);
    expect(gaps[0]!.text).toBe("The role asks for Kubernetes and Terraform, which I don't see in your resume. How would you get productive with them in your first month?");
    for (const g of gaps) {
      expect(g.source.refs!.every((r) => r.source === 'jd.txt')).toBe(true);
      const named = mentioned(g.text).filter((t) => JD_ONLY_SKILLS.includes(t));
      expect(named.length).toBeGreaterThan(0);
      for (const s of named) expect(resume.text).not.toContain(s);
    }
    // "Kafka or Pub/Sub" offers an alternative she has: not a gap.
    expect(gaps.some((g) => /Pub\/Sub|Kotlin/.test(g.text))).toBe(false);
  });

  test('resume only: personal questions first, the rest from the bank for the role, never a job-description fact', async () => {
    const resume = resumeTxt();
    const { plan, notes } = await planFor([resume], sessionFor('u:1', { role: 'backend engineer', track: 'backend' }));
    expect(plan).toHaveLength(10);
    expectWellFormed(plan);
    expectGrounded(plan, [resume]);
    expect(plan.filter((q) => q.source.kind === 'document').length).toBeGreaterThanOrEqual(6);
    expect(plan.some((q) => q.source.kind === 'gap')).toBe(false);
    for (const q of plan) for (const s of JD_ONLY_SKILLS) expect(q.text).not.toContain(s);
    expect(notes[0]).toMatch(/^Plan: built by the built-in rules from resume\.txt(, plus \d role-based questions? from the question bank)? \(retrieval: lexical/);
    expect(plan.map((q) => q.text)).toContain('Your resume says you wrote ETL jobs in Python and SQL that loaded 50 GB of clickstream data into a reporting warehouse each night. What was the hardest problem in that work, and how did you solve it?');
  });

  test('another layout (Markdown, "Title at Company"): still grounded; noun phrases are never read as "you did"', async () => {
    const md = resumeTxt(
      [
        '# Marcus Oyelaran',
        'marcus@example.com | github.com/marcus-example',
        '',
        '## Experience',
        '**Data Engineer** at Brightwave Energy (2020 – Present)',
        '- Built streaming ingestion with Apache Spark and Airflow, processing 3 TB per day.',
        '- Speed of nightly reports improved by 70% after moving jobs to dbt.',
        '- Advanced analytics platform serving 400 analysts.',
        '',
        '**Analyst** at Kestrel Bank (2017 – 2020)',
        '- Automated 25 weekly reports in Python, saving 10 hours a week.',
        '',
        '## Projects',
        '- Gridwatch: open-source dashboard for power outages (React, PostgreSQL)',
        '',
        '## Skills',
        'Python, SQL, Spark, Airflow, dbt, Snowflake, Tableau',
      ].join('\n'),
    );
    const { plan } = await planFor([md], sessionFor('u:1', { role: 'data engineer', track: 'data-ml' }));
    expect(plan).toHaveLength(10);
    expectWellFormed(plan);
    expectGrounded(plan, [md]);
    const texts = plan.map((q) => q.text);
    expect(texts).toContain('You moved from Analyst at Kestrel Bank to Data Engineer at Brightwave Energy. What made you move, and what changed in how you work?');
    expect(texts).toContain('You wrote that you built streaming ingestion with Apache Spark and Airflow. What was the hardest problem in that work, and how did you solve it?');
    expect(texts.join('\n')).not.toMatch(/you (speed|advanced)\b/i);
  });

  test('job description only: questions about its duties and skills', async () => {
    const jd = jdTxt();
    const { plan } = await planFor([jd]);
    expect(plan).toHaveLength(10);
    expectWellFormed(plan);
    expectGrounded(plan, [jd]);
    expect(plan[0]!.text).toBe('What draws you to the Senior Backend Engineer role at Northwind Freight, and why now?');
    expect(plan.filter((q) => q.source.kind === 'document').length).toBeGreaterThanOrEqual(5);
  });

  test('the same plan from the resume as PDF and as DOCX, each citing its own lines', async () => {
    const jd = jdTxt();
    const pdf = await parseDocument({ bytes: await resumePdfBytes(), filename: 'resume.pdf', kind: 'resume' });
    const docx = await parseDocument({ bytes: await resumeDocxBytes(), filename: 'resume.docx', kind: 'resume' });
    const txtPlan = (await planFor([resumeTxt(), jd])).plan;
    for (const doc of [pdf, docx]) {
      const { plan, notes } = await planFor([doc, jd]);
      expect(plan).toHaveLength(10);
      expectWellFormed(plan);
      expectGrounded(plan, [doc, jd]);
      expect(plan.map((q) => q.text)).toEqual(txtPlan.map((q) => q.text));
      expect(plan.some((q) => q.source.refs?.some((r) => r.source === doc.filename))).toBe(true);
      expect(notes[0]).toContain(doc.filename);
    }
  });

  test('no documents, or none of this user, gives no plan (the engine then says so and uses the bank)', async () => {
    const planner = createCustomPlanner({ documents: staticDocuments([resumeTxt()]), logger: silent });
    expect(await planner({ session: sessionFor(), documentIds: [], signal: AbortSignal.timeout(1000) })).toBeNull();
    expect(await planner({ session: sessionFor(), documentIds: ['0123456789abcdef'], signal: AbortSignal.timeout(1000) })).toBeNull();
  });

  test('the same documents and seed give the same plan', async () => {
    const a = await planFor([resumeTxt(), jdTxt()]);
    const b = await planFor([resumeTxt(), jdTxt()]);
    expect(b.plan).toEqual(a.plan);
  });
});
