import { isBullet, stripBullet } from '../docs/line-text.ts';
import type { ProjectFact, RoleFact } from '../docs/profile.ts';
import type { Candidate } from './candidate.ts';
import { andList, lineKeys, ref, slug, TECH, type DocFacts, type ResumeFacts } from './facts.ts';
import { personalQuestion } from './rubrics.ts';

// Questions about the candidate's own resume: projects, achievements, numbers, role moves, listed skills.

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

const SCALE: Record<string, number> = { k: 1e3, thousand: 1e3, m: 1e6, million: 1e6, b: 1e9, bn: 1e9, billion: 1e9 };

/** The size of the largest measured result in a text: "4M transactions" > "1,200 stars" > "30 shops". */
export function measuredSize(text: string): number {
  let best = 0;
  for (const m of text.matchAll(/([$€£]?)(\d[\d,]*(?:\.\d+)?)\s*(k|m|b|bn|thousand|million|billion|%)?(?![\w])/gi)) {
    const value = Number(m[2]!.replace(/,/g, ''));
    if (!Number.isFinite(value)) continue;
    // Years and version-like numbers are not results.
    if (/^(19|20)\d\d$/.test(m[2]!) && !m[3]) continue;
    const unit = (m[3] ?? '').toLowerCase();
    const size = unit === '%' ? value * 100 : value * (SCALE[unit] ?? 1);
    best = Math.max(best, size);
  }
  return best;
}

/** How much of a headline a project is: a measured result (the bigger the better) on its lines or wherever the resume names it. */
function headlineWeight(r: ResumeFacts, p: ProjectFact): number {
  const lines = r.d.clean.lines;
  const own = lines.slice(p.line - 1, p.lineEnd).join(' ');
  const mentions = p.name.length >= 3 ? lines.filter((l, k) => (k + 1 < p.line || k + 1 > p.lineEnd) && l.includes(p.name)).join(' ') : '';
  const size = measuredSize(`${own} ${mentions}`);
  return size > 0 ? 1 + Math.log10(1 + size) : 0;
}

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
  // Headline achievements first: the named project with the biggest measured result leads,
  // then projects that match the job's skills.
  const projects = r.profile.projects
    .map((p, i) => ({ p, i, o: overlap(p), h: headlineWeight(r, p) }))
    .sort((a, b) => b.h - a.h || b.o - a.o || a.i - b.i);
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
