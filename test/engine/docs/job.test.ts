import { describe, expect, test } from 'vitest';
import { extractJobRequirements, skillGaps } from '../../../src/engine/docs/job.ts';
import { parsedFromText } from '../../../src/engine/docs/parse.ts';
import { extractProfile } from '../../../src/engine/docs/profile.ts';
import { fixtureText, JD_TXT, RESUME_TXT } from './make-files.ts';

const jdDoc = parsedFromText(fixtureText(JD_TXT), { filename: 'jd.txt', kind: 'job-description' });
const jd = extractJobRequirements(jdDoc);

describe('job description facts by rules', () => {
  test('title and company', () => {
    expect(jd.title).toBe('Senior Backend Engineer');
    expect(jd.company).toBe('Northwind Freight');
    expect(jdDoc.lines[jd.titleLine! - 1]).toContain(jd.title);
    expect(jdDoc.lines[jd.companyLine! - 1]).toContain(jd.company);
  });

  test('skills are split into required and nice-to-have by the section they appear in', () => {
    for (const s of ['Go', 'gRPC', 'Kubernetes', 'Terraform', 'PostgreSQL', 'Kafka', 'Distributed systems']) expect(jd.requiredSkills).toContain(s);
    for (const s of ['Protocol Buffers', 'Google Cloud', 'Spanner', 'OpenTelemetry']) expect(jd.niceToHaveSkills).toContain(s);
    // Mentioned in both kinds of section: counted once, as required.
    expect(jd.niceToHaveSkills).not.toContain('gRPC');
    expect(jd.skills).toEqual([...jd.requiredSkills, ...jd.niceToHaveSkills]);
    // The company blurb mentions its payments platform; the blurb is not a requirement.
    expect(jdDoc.lines[4]).toMatch(/^Northwind Freight builds .*payments platform/);
    expect(jd.skillMentions.some((m) => m.line === 5)).toBe(false);
    for (const m of jd.skillMentions) expect(jdDoc.lines[m.line - 1]).toContain(m.text);
  });

  test('responsibilities are the lines under the responsibilities heading, without bullets', () => {
    expect(jd.responsibilities).toEqual([
      'Design and build Go services that move money between shippers, carriers and banks.',
      'Own the gRPC APIs used by our driver app and by partner integrations.',
      'Run services on Kubernetes (GKE) and manage infrastructure as code with Terraform.',
      'Improve reliability: define SLOs, tune PostgreSQL queries, and take part in a fair on-call rotation.',
      'Mentor other engineers and lead design reviews for the payments domain.',
    ]);
    for (const r of jd.responsibilityLines) expect(jdDoc.lines[r.line - 1]).toContain(r.text);
  });

  test('skill gaps are the job skills the resume never mentions, required first', () => {
    const profile = extractProfile(fixtureText(RESUME_TXT));
    const gaps = skillGaps(profile, jd);
    expect(gaps.slice(0, 5)).toEqual(['gRPC', 'Kubernetes', 'GKE', 'Infrastructure as code', 'Terraform']);
    for (const have of ['Go', 'PostgreSQL', 'Kafka', 'Java', 'SQL', 'Prometheus', 'Grafana']) expect(gaps).not.toContain(have);
    expect(gaps.indexOf('Protocol Buffers')).toBeGreaterThan(gaps.indexOf('Terraform'));
    // Plain skill lists work too.
    expect(skillGaps({ skills: ['go', 'KAFKA'] }, { skills: ['Go', 'Kafka', 'Rust'] })).toEqual(['Rust']);
  });

  test('"Title at Company" on the first line and labelled fields are understood', () => {
    const a = extractJobRequirements('Staff Data Engineer at Acme Robotics\nYou will build Spark pipelines.\n- Own our Airflow DAGs');
    expect([a.title, a.company]).toEqual(['Staff Data Engineer', 'Acme Robotics']);
    expect(a.responsibilities).toEqual(['Own our Airflow DAGs']);
    const b = extractJobRequirements('Job title: Platform Engineer\nCompany: Umbrella Health\nRequirements:\n- Terraform and AWS');
    expect([b.title, b.company, b.requiredSkills]).toEqual(['Platform Engineer', 'Umbrella Health', ['Terraform', 'AWS']]);
  });
});
