import { isBullet, stripBullet } from '../docs/line-text.ts';
import type { ProjectFact, RoleFact } from '../docs/profile.ts';
import type { PlanQuestion } from '../types.ts';
import { andList, clip, lineKeys, ref, slug, TECH, type DocFacts, type JobFacts, type ResumeFacts } from './facts.ts';
import { personalQuestion, type Template } from './rubrics.ts';

/**
 * Personal questions built by rules from facts copied out of the documents. Every name, skill
 * and number a question mentions is a verbatim span of the line(s) it cites; the wording
 * around them is fixed. Ids come from the facts (never from line numbers or document hashes),
 * so the same facts give the same ids wherever they sit in the file.
 */
export interface Candidate {
  slot: Template;
  /** Position among candidates of the same slot (0 = best). */
  rank: number;
  question: PlanQuestion;
  /** Original lines ("docId#line") the question is about. */
  covers: string[];
}

const PAST_IRREGULAR = /^(cut|built|led|ran|wrote|grew|made|won|drove|brought|set|rebuilt|taught|sold|spent|kept|took|found|gave|held|shipped|rewrote|oversaw|began|chose)$/i;

/** Words ending in -ed that usually open a noun phrase, not an action ("Advanced analytics ..."). */
const NOT_VERBS = /^(advanced|distributed|dedicated|integrated|embedded|detailed|experienced|skilled|seasoned|motivated|accomplished|certified|based|related|unified|specialized|specialised|centralized|centralised|\w*eed)$/i;

function startsWithPastVerb(phrase: string): boolean {
  const w = /^\p{L}+/u.exec(phrase)?.[0] ?? '';
  if (NOT_VERBS.test(w)) return false;
  return PAST_IRREGULAR.test(w) || (w.length >= 5 && /ed$/i.test(w) && /^\p{Lu}\p{Ll}/u.test(w));
}

/** "You wrote that you cut ...", but never "you wrote that you wrote ...". */
function youDid(phrase: string): string {
  const body = lowerFirst(phrase);
  return /^wrote\b/i.test(phrase) ? `Your resume says you ${body}` : `You wrote that you ${body}`;
}

/** "Cut latency" -> "cut latency"; "AWS spend" stays. */
function lowerFirst(s: string): string {
  return /^\p{Lu}\p{Ll}/u.test(s) ? s[0]!.toLowerCase() + s.slice(1) : s;
}

// ---------------------------------------------------------------- resume

export function projectQuestions(f: DocFacts, r: ResumeFacts, max: number): Candidate[] {
  const techOf = (p: ProjectFact) => {
    const scored = p.technologies.map((t, i) => {
      const m = f.matcher.find(t)[0];
      const asked = m && f.jobSkills.has(m.skill.toLowerCase()) ? 2 : 0;
      const notLanguage = m && m.category !== 'language' ? 1 : 0;
      return { t, i, score: asked + notLanguage };
    });
    return scored
      .sort((a, b) => b.score - a.score || a.i - b.i)
      .slice(0, 2)
      .sort((a, b) => a.i - b.i)
      .map((x) => x.t);
  };
  const overlap = (p: ProjectFact) => p.technologies.filter((t) => f.matcher.names(t).some((s) => f.jobSkills.has(s.toLowerCase()))).length;
  const projects = r.profile.projects.map((p, i) => ({ p, i, o: overlap(p) })).sort((a, b) => b.o - a.o || a.i - b.i);
  return projects.slice(0, max).map(({ p }, rank) => {
    const techs = techOf(p);
    let text: string;
    if (!techs.length) text = `Tell me about ${p.name}: what problem did it solve, what part was yours, and what would you change now?`;
    else if (rank % 2 === 0) text = `In ${p.name} you used ${andList(techs)}. Walk me through a design decision you made there and what you'd change now.`;
    else text = `Tell me about ${p.name}. Why did you choose ${andList(techs)} for it, and what trade-offs came with that choice?`;
    return {
      slot: 'project',
      rank,
      question: personalQuestion('project', `doc-project-${slug(p.name)}`, text, [ref(r.d, p.line)], [p.name, ...techs]),
      covers: lineKeys(r.d, p.line, p.lineEnd),
    };
  });
}

/** Experience bullets that say what the candidate built or did with a named technology. */
export function achievementQuestions(f: DocFacts, r: ResumeFacts, max: number): Candidate[] {
  const headers = new Set(r.profile.projects.map((p) => p.line));
  const found = r.d.clean.lines
    .map((raw, i) => ({ raw, n: i + 1 }))
    .filter(({ raw, n }) => isBullet(raw) && !headers.has(n) && (r.sections[n - 1] === 'experience' || r.sections[n - 1] === 'projects'))
    .map(({ raw, n }) => {
      const phrase = stripBullet(raw).split(/,\s+(?=\p{Ll})|\s+[—–]\s+|;\s*/u)[0]!.trim().replace(/[.;,:]+$/, '');
      const tech = f.matcher.find(phrase).filter((m) => TECH.has(m.category));
      const asked = tech.filter((m) => f.jobSkills.has(m.skill.toLowerCase())).length;
      return { n, phrase, tech, score: asked * 2 + Math.min(tech.length, 3) };
    })
    .filter((x) => x.tech.length > 0 && startsWithPastVerb(x.phrase) && x.phrase.length >= 15 && x.phrase.length <= 110)
    .sort((a, b) => b.score - a.score || a.n - b.n);
  return found.slice(0, max).map((x, rank) => {
    const text = `${youDid(x.phrase)}. What was the hardest problem in that work, and how did you solve it?`;
    return { slot: 'achievement' as const, rank, question: personalQuestion('achievement', `doc-work-${slug(x.phrase)}`, text, [ref(r.d, x.n)], x.tech.map((m) => m.text)), covers: lineKeys(r.d, x.n) };
  });
}

export function metricQuestions(r: ResumeFacts, max: number, avoid: Set<string>): Candidate[] {
  const seenLines = new Set<number>();
  const scored = r.profile.numbers
    .map((n, i) => {
      const phrase = n.text.trim().replace(/[.;,]+$/, '');
      let score = startsWithPastVerb(phrase) ? 3 : 0;
      if (/%/.test(phrase)) score += 2;
      if (/\bfrom\b.+\bto\b/i.test(phrase)) score += 2;
      if (/\bby\b/i.test(phrase)) score += 1;
      if (phrase.length > 110) score -= 3;
      return { n, phrase, i, score };
    })
    .filter((x) => x.phrase.length >= 8 && x.phrase.length <= 140 && !avoid.has(lineKeys(r.d, x.n.line)[0]!))
    .sort((a, b) => b.score - a.score || a.i - b.i);
  const out: Candidate[] = [];
  for (const x of scored) {
    if (out.length >= max) break;
    if (seenLines.has(x.n.line)) continue;
    seenLines.add(x.n.line);
    const rank = out.length;
    let text: string;
    if (startsWithPastVerb(x.phrase)) {
      text =
        rank % 2 === 0
          ? `${youDid(x.phrase)}. How did you measure it, and what did you try first?`
          : `${youDid(x.phrase)}. What was the situation before, what exactly did you do, and how do you know your change made the difference?`;
    } else {
      text = `Your resume mentions "${x.phrase}". What was your own part in that, and how was it measured?`;
    }
    out.push({ slot: 'metric', rank, question: personalQuestion('metric', `doc-metric-${slug(x.phrase)}`, text, [ref(r.d, x.n.line)]), covers: lineKeys(r.d, x.n.line) });
  }
  return out;
}

function endYear(role: RoleFact): number {
  if (!role.dates) return Number.NaN;
  if (/present|current|now|today/i.test(role.dates)) return 9999;
  const years = role.dates.match(/(19|20)\d{2}/g)?.map(Number) ?? [];
  return years.length ? Math.max(...years) : Number.NaN;
}

export function transitionQuestion(r: ResumeFacts): Candidate[] {
  // Resumes are usually newest first; dates, when present, decide.
  const roles = r.profile.roles.map((role, i) => ({ role, i, y: endYear(role) }));
  const dated = roles.every((x) => !Number.isNaN(x.y));
  const ordered = dated ? [...roles].sort((a, b) => b.y - a.y || a.i - b.i) : roles;
  const recent = ordered[0]?.role;
  const before = ordered[1]?.role;
  if (!recent || !before || recent.line === before.line) return [];
  const sameCompany = recent.company && before.company && recent.company.toLowerCase() === before.company.toLowerCase();
  let text: string;
  if (sameCompany) {
    if (recent.title === before.title) return [];
    text = `You went from ${before.title} to ${recent.title} at ${recent.company}. What changed in what you owned, and what do you think earned you the move?`;
  } else {
    const from = before.company ? `${before.title} at ${before.company}` : before.title;
    const to = recent.company ? `${recent.title} at ${recent.company}` : recent.title;
    text = `You moved from ${from} to ${to}. What made you move, and what changed in how you work?`;
  }
  const id = `doc-transition-${slug(before.company ?? before.title, 20)}-${slug(recent.company ?? recent.title, 20)}`;
  const q = personalQuestion('transition', id, text, [ref(r.d, recent.line), ref(r.d, before.line)], [recent.title, before.title]);
  return [{ slot: 'transition', rank: 0, question: q, covers: [...lineKeys(r.d, recent.line), ...lineKeys(r.d, before.line)] }];
}

/** A skill the resume lists but never shows in experience or projects. */
export function unprovenSkillQuestion(f: DocFacts, r: ResumeFacts): Candidate[] {
  const evidence = new Set<string>();
  for (const m of r.profile.skillMentions) {
    const s = r.sections[m.line - 1];
    if (s === 'experience' || s === 'projects') evidence.add(m.skill);
  }
  const listed = r.profile.skillMentions
    .map((m, i) => ({ m, i, cat: f.matcher.category(m.skill) }))
    .filter(({ m, cat }) => r.sections[m.line - 1] === 'skills' && !evidence.has(m.skill) && cat !== undefined && (TECH.has(cat) || cat === 'architecture'))
    .sort((a, b) => Number(f.jobSkills.has(b.m.skill.toLowerCase())) - Number(f.jobSkills.has(a.m.skill.toLowerCase())) || a.i - b.i);
  const pick = listed[0]?.m;
  if (!pick) return [];
  const text = `You list ${pick.text} among your skills, but I don't see it in your experience or projects. Tell me about a time you used it in practice, and how deep that use went.`;
  return [{ slot: 'unproven-skill', rank: 0, question: personalQuestion('unproven-skill', `doc-skill-${slug(pick.skill)}`, text, [ref(r.d, pick.line)], [pick.text]), covers: lineKeys(r.d, pick.line) }];
}

// ---------------------------------------------------------------- job description

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

