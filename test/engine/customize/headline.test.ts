import { describe, expect, test } from 'vitest';
import { loadBank } from '../../../src/engine/bank/load.ts';
import { createCustomPlanner } from '../../../src/engine/customize/planner.ts';
import { measuredSize } from '../../../src/engine/customize/resume-questions.ts';
import { parsedFromText } from '../../../src/engine/docs/parse.ts';
import type { ParsedDocument } from '../../../src/engine/docs/types.ts';
import { sessionFor, silent, staticDocuments } from './helpers.ts';

const tech = new Map(loadBank('technical').questions.map((q) => [q.id, q]));

async function planFor(docs: ParsedDocument[], session = sessionFor()) {
  const planner = createCustomPlanner({ documents: staticDocuments(docs), logger: silent });
  const res = await planner({ session, documentIds: docs.map((d) => d.id), signal: AbortSignal.timeout(10_000) });
  return { ...res!, session };
}

const resume = (text: string) => parsedFromText(text, { filename: 'resume.txt', kind: 'resume' });
const jd = (text: string) => parsedFromText(text, { filename: 'jd.txt', kind: 'job-description' });

const DATA_RESUME = `Sam Okafor
Data Engineer

EXPERIENCE
Data Engineer — Rivet Logistics (2021 – Present)
- Maintained Airflow DAGs and dbt models for the finance team.
- Wrote data quality checks in Python.

PROJECTS
Weekend Notes — a small note-taking app (Python)
- A side project used by a few friends.
Tidewater — streaming ingestion pipeline for shipment events (Kafka, Spark, Python)
- Cut warehouse freshness from 6 hours to 4 minutes for 25M events a day.

SKILLS
Python, SQL, Spark, Airflow, dbt, Kafka, Snowflake
`;

describe('customize plans from the rules', () => {
  test('the quantified flagship project is asked about, whatever its place in the resume', async () => {
    expect(measuredSize('Cut warehouse freshness for 25M events a day')).toBeGreaterThan(measuredSize('used by 30 shops'));
    const { plan } = await planFor([resume(DATA_RESUME)], sessionFor('u:1', { role: 'data engineer', track: 'data-ml' }));
    expect(plan.some((q) => q.text.includes('Tidewater'))).toBe(true);
    const first = plan.findIndex((q) => q.text.includes('Tidewater'));
    const other = plan.findIndex((q) => q.text.includes('Weekend Notes'));
    if (other >= 0) expect(first).toBeLessThan(other);
  });

  test.each([
    ['Data Engineer', 'data-ml', 'We build data pipelines with Spark, Airflow and dbt into a Snowflake warehouse. You will own ETL jobs and data quality.'],
    ['Backend Engineer', 'backend', 'You will design APIs and microservices in Go on PostgreSQL and Kafka, and run them in production.'],
    ['Frontend Engineer', 'frontend', 'You will build our React and TypeScript web app, with a focus on accessibility, CSS and browser performance.'],
  ] as const)('a %s job gets no technical filler from another track', async (title, track, body) => {
    const { plan } = await planFor([jd(`${title}\nAcme Corp · Remote\n\nWhat you'll do\n- ${body}\n`)]);
    for (const q of plan) {
      const bankQ = tech.get(q.id);
      if (bankQ?.tracks?.length) expect(bankQ.tracks, `${q.id} in a ${track} plan`).toContain(track);
    }
  });

  test('role and level come from the job description\'s title', async () => {
    const { session } = await planFor([jd("Staff Backend Engineer\nAcme Corp · Remote\n\nWhat you'll do\n- Design and run Go services on PostgreSQL.\n")]);
    expect(session.role).toBe('backend engineer');
    expect(session.level).toBe('senior');
  });
});
