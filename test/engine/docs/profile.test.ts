import { describe, expect, test } from 'vitest';
import { parsedFromText } from '../../../src/engine/docs/parse.ts';
import { extractProfile, type Profile } from '../../../src/engine/docs/profile.ts';
import { fixtureText, RESUME_TXT } from './make-files.ts';

const resume = parsedFromText(fixtureText(RESUME_TXT), { filename: 'resume.txt', kind: 'resume' });

/** The "never invent" rule: every fact is a verbatim span of the line it cites. */
function expectAllFactsVerbatim(profile: Profile, lines: string[]): void {
  expect(profile.facts.length).toBeGreaterThan(0);
  for (const f of profile.facts) expect(lines[f.line - 1], `${f.type} "${f.text}"`).toContain(f.text);
  for (const r of profile.roles) {
    expect(lines[r.line - 1]).toContain(r.title);
    if (r.company) expect(lines[r.line - 1]).toContain(r.company);
  }
  for (const p of profile.projects) {
    expect(lines[p.line - 1]).toContain(p.name);
    const block = lines.slice(p.line - 1, p.lineEnd).join('\n');
    for (const t of p.technologies) expect(block).toContain(t);
  }
  for (const n of profile.numbers) expect(lines[n.line - 1]).toContain(n.text);
  for (const s of profile.skills) {
    expect(profile.skillMentions.some((m) => m.skill === s && lines[m.line - 1]!.includes(m.text))).toBe(true);
  }
  for (const e of profile.education ?? []) expect(lines.some((l) => l.includes(e))).toBe(true);
}

describe('resume facts by rules', () => {
  const p = extractProfile(resume);

  test('name, roles with companies and dates, and companies', () => {
    expect(p.name).toBe('Priya Raman');
    expect(p.roles).toEqual([
      { title: 'Senior Software Engineer', company: 'Finch Payments', dates: 'Mar 2021 – Present', line: 9 },
      { title: 'Software Engineer', company: 'Tiffinbox', dates: 'Jul 2018 – Feb 2021', line: 16 },
      { title: 'Software Engineering Intern', company: 'Meridian Analytics', dates: 'Jan 2018 – Jun 2018', line: 21 },
    ]);
    expect(p.companies).toEqual(['Finch Payments', 'Tiffinbox', 'Meridian Analytics']);
  });

  test('projects with the technologies named in their own lines', () => {
    expect(p.projects.map((x) => [x.name, x.technologies])).toEqual([
      ['Ledgerline', ['Java', 'Kafka', 'PostgreSQL']],
      ['Shelfwise', ['TypeScript', 'Node.js', 'SQLite']],
      ['Tally CLI', ['Go']],
    ]);
    expect(resume.lines[p.projects[0]!.line - 1]).toMatch(/^Ledgerline —/);
  });

  test('skills are canonical names, with evidence lines', () => {
    for (const s of ['Java', 'Python', 'Go', 'Kafka', 'PostgreSQL', 'Redis', 'Docker', 'AWS', 'Prometheus', 'Mentoring']) {
      expect(p.skills).toContain(s);
    }
    expect(p.skills).not.toContain('Kubernetes');
    expect(p.skills).not.toContain('GitHub'); // "1,200 GitHub stars" is not a skill
  });

  test('quantified achievements are quoted as written', () => {
    const texts = p.numbers.map((n) => n.text);
    expect(texts).toContain('Cut reconciliation latency by 40%');
    expect(texts).toContain('serving 2M monthly active users');
    expect(texts).toContain('Handles $120M in monthly settlement volume with 99.95% match accuracy');
    expect(texts).toContain('Introduced Redis caching that lowered p95 API latency from 800 ms to 220 ms');
    // Dates, phone numbers and years are not achievements.
    expect(texts.some((t) => /2021|98450|2018/.test(t))).toBe(false);
  });

  test('education lines come from the education section', () => {
    expect(p.education).toEqual(['B.Tech. in Computer Science, National Institute of Technology, Tiruchirappalli, 2018', 'AWS Certified Developer – Associate, 2022']);
  });

  test('every extracted fact appears verbatim in the line it cites', () => {
    expectAllFactsVerbatim(p, resume.lines);
  });

  test('other common layouts: "Company | Title | dates", "Title at Company", markdown', () => {
    const text = [
      '# Marcus Oyelaran',
      '',
      '## Work Experience',
      '**Globex Logistics** | Staff Engineer | 2019 - Present',
      '- Scaled the dispatch platform to 10k requests per second on Kubernetes.',
      'Backend Developer at Initech (2015 – 2019)',
      '- Rewrote billing in Scala, halving invoice errors.',
      '',
      '## Projects',
      '- **Routewise**: open-source route optimiser in Rust and PostGIS',
      '  - 3x faster than the previous solver',
    ].join('\n');
    const doc = parsedFromText(text, { filename: 'cv.md', kind: 'resume' });
    const q = extractProfile(doc);
    expect(q.name).toBe('Marcus Oyelaran');
    expect(q.roles.map((r) => [r.title, r.company])).toEqual([
      ['Staff Engineer', 'Globex Logistics'],
      ['Backend Developer', 'Initech'],
    ]);
    expect(q.projects.map((x) => [x.name, x.technologies])).toEqual([['Routewise', ['Rust']]]);
    expect(q.numbers.map((n) => n.text)).toEqual(['Scaled the dispatch platform to 10k requests per second on Kubernetes', 'halving invoice errors', '3x faster than the previous solver']);
    expectAllFactsVerbatim(q, doc.lines);
  });

  test('a resume with no recognisable structure yields no invented facts', () => {
    const q = extractProfile('hello there\nthis is just a note about my weekend');
    expect(q).toMatchObject({ roles: [], projects: [], skills: [], numbers: [], companies: [] });
    expect(q.name).toBeUndefined();
  });
});
