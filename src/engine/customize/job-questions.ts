import type { Candidate } from './candidate.ts';
import { andList, clip, lineKeys, ref, slug, TECH, type DocFacts, type JobFacts } from './facts.ts';
import { personalQuestion } from './rubrics.ts';

// Questions from the job description: motivation, its duties and skills, and the gaps between it and the resume.

const SECTION_WEIGHT: Record<string, number> = { requirements: 2, responsibilities: 1, 'nice-to-have': 0.5, other: 1 };

/**
 * Skills the job asks for that the resume never mentions, weighted by where the job asks for
 * them. A skill offered as an alternative to one the candidate has ("Kafka or Pub/Sub") is not a gap.
 */
export function gapSkills(f: DocFacts, j: JobFacts): { skill: string; text: string; line: number; weight: number; first: number }[] {
  const by = new Map<string, { skill: string; text: string; line: number; weight: number; first: number; best: number }>();
  for (const m of j.req.skillMentions) {
    if (f.resumeSkills.has(m.skill.toLowerCase())) continue;
    const cat = f.matcher.category(m.skill);
    if (!cat || !TECH.has(cat)) continue;
    const raw = j.d.clean.lines[m.line - 1] ?? '';
    const alternative = /\bor\b/i.test(raw) && f.matcher.names(raw).some((s) => f.resumeSkills.has(s.toLowerCase()));
    const w = alternative ? 0 : (SECTION_WEIGHT[j.sections[m.line - 1] ?? 'other'] ?? 1);
    const cur = by.get(m.skill) ?? { skill: m.skill, text: m.text, line: m.line, weight: 0, first: m.line, best: -1 };
    cur.weight += w;
    if (w > cur.best) {
      cur.best = w;
      cur.line = m.line;
      cur.text = m.text;
    }
    by.set(m.skill, cur);
  }
  return [...by.values()]
    .filter((g) => g.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.first - b.first)
    .map(({ best: _b, ...g }) => g);
}

export function gapQuestions(f: DocFacts, j: JobFacts, maxQuestions: number): Candidate[] {
  const top = gapSkills(f, j).slice(0, maxQuestions + 1);
  const groups: { line: number; items: typeof top }[] = [];
  for (const g of top) {
    const same = groups.find((x) => x.line === g.line && x.items.length < 2);
    if (same) same.items.push(g);
    else groups.push({ line: g.line, items: [g] });
  }
  return groups.slice(0, maxQuestions).map((g, rank) => {
    const names = g.items.map((x) => x.text);
    const them = names.length > 1 ? 'them' : 'it';
    const text =
      rank === 0
        ? `The role asks for ${andList(names)}, which I don't see in your resume. How would you get productive with ${them} in your first month?`
        : `The role also asks for ${andList(names)}, which your resume doesn't mention. What's the closest thing you've worked with, and how would you close that gap?`;
    const id = `gap-${g.items.map((x) => slug(x.skill, 20)).join('-')}`;
    return { slot: 'gap', rank, question: personalQuestion('gap', id, text, [ref(j.d, g.line)], g.items.map((x) => x.text)), covers: lineKeys(j.d, g.line) };
  });
}

export function motivationQuestion(j: JobFacts): Candidate[] {
  const { title, company, titleLine, companyLine } = j.req;
  if (!title || titleLine === undefined) return [];
  const text = company ? `What draws you to the ${title} role at ${company}, and why now?` : `What draws you to this ${title} role, and why now?`;
  const refs = [ref(j.d, titleLine)];
  if (company && companyLine !== undefined && companyLine !== titleLine) refs.push(ref(j.d, companyLine));
  return [{ slot: 'motivation', rank: 0, question: personalQuestion('motivation', `jd-motivation-${slug(company ?? title)}`, text, refs, [title, ...(company ? [company] : [])]), covers: lineKeys(j.d, titleLine) }];
}

/** Without a resume: the duties of the job, asked as "tell me about the closest thing you've done". */
export function jobDutyQuestions(j: JobFacts, max: number): Candidate[] {
  return j.req.responsibilityLines
    .filter((r) => r.text.length >= 15)
    .slice(0, max)
    .map((r, rank) => {
      const duty = clip(r.text, 120);
      const text = `The role involves this: "${duty}". Tell me about the closest thing you've done, what you did yourself, and how it turned out.`;
      return { slot: 'jd-duty' as const, rank, question: personalQuestion('jd-duty', `jd-duty-${slug(r.text)}`, text, [ref(j.d, r.line)]), covers: lineKeys(j.d, r.line) };
    });
}

/** Without a resume: the technologies the job asks for most. */
export function jobSkillQuestions(f: DocFacts, j: JobFacts, max: number): Candidate[] {
  const noResume: DocFacts = { ...f, resumeSkills: new Set() };
  return gapSkills(noResume, j)
    .slice(0, max)
    .map((g, rank) => {
      const text = `The role asks for ${g.text}. Tell me about the most demanding thing you've built or run with it, and what you learned.`;
      return { slot: 'jd-skill' as const, rank, question: personalQuestion('jd-skill', `jd-skill-${slug(g.skill)}`, text, [ref(j.d, g.line)], [g.text]), covers: lineKeys(j.d, g.line) };
    });
}
