import { looksLikeInstruction } from './injection.ts';
import { DATE_RANGE, hasDateRange, isBullet, stripBullet, stripEmphasis } from './line-text.ts';
import { metricPhrases } from './metrics.ts';
import { resumeSections, type ResumeSection } from './sections.ts';
import { defaultSkillMatcher, type SkillMatcher } from './skill-matcher.ts';
import type { SkillCategory } from './skills-lexicon.ts';
import type { ParsedDocument } from './types.ts';

/** A fact copied from the document: `text` occurs verbatim in line `line` (1-based). */
export interface LineFact {
  text: string;
  line: number;
}

export interface RoleFact {
  title: string;
  company?: string;
  /** e.g. "Mar 2021 – Present", as written. */
  dates?: string;
  line: number;
}

export interface ProjectFact {
  name: string;
  /** Technologies as written in the project's lines (lexicon matches). */
  technologies: string[];
  /** Header line of the project. */
  line: number;
  /** Last line of the project's block (its bullets). */
  lineEnd: number;
}

export interface SkillEvidence {
  /** Canonical lexicon name. */
  skill: string;
  /** The spelling found in the line. */
  text: string;
  line: number;
}

export type FactType = 'name' | 'role' | 'company' | 'project' | 'technology' | 'skill' | 'number' | 'education';

export interface Fact extends LineFact {
  type: FactType;
}

export interface Profile {
  name?: string;
  roles: RoleFact[];
  companies: string[];
  projects: ProjectFact[];
  /** Canonical skill names, most-mentioned first. */
  skills: string[];
  skillMentions: SkillEvidence[];
  numbers: LineFact[];
  education?: string[];
  /** Every fact above with its line, each verified to occur verbatim in that line. */
  facts: Fact[];
  /** Lines written as instructions to an AI reader; no fact is taken from them. */
  ignoredLines: number[];
}

const ROLE_WORD =
  /\b(engineer|developer|programmer|architect|intern|manager|lead|director|scientist|analyst|consultant|designer|administrator|specialist|researcher|founder|co-founder|cto|ceo|cio|vp|head of|sre|technician|officer|fellow|trainee|apprentice|contractor|freelancer?)\b/i;
const SEPARATOR = /\s+[—–|·•@]\s+|\s+-\s+|\s+at\s+|,\s+/;
const NAME_WORD = /^(?:[A-Z][\p{L}'’-]*\.?|[A-Z]\.)$/u;
const NOT_NAME = /^(resume|résumé|curriculum vitae|cv|portfolio|contact)$/i;

function toLines(input: string | ParsedDocument): string[] {
  return typeof input === 'string' ? input.split(/\r\n?|\n/) : input.lines;
}

function findName(lines: string[], headings: Set<number>): LineFact | undefined {
  for (let i = 0; i < Math.min(lines.length, 6); i++) {
    const raw = lines[i]!;
    if (headings.has(i + 1) || looksLikeInstruction(raw)) continue;
    const t = stripEmphasis(stripBullet(raw)).replace(/^name\s*:\s*/i, '').trim();
    if (t === '') continue;
    const words = t.split(/\s+/);
    if (
      words.length >= 2 &&
      words.length <= 4 &&
      words.every((w) => NAME_WORD.test(w)) &&
      !/[\d@/|:]/.test(t) &&
      !ROLE_WORD.test(t) &&
      !NOT_NAME.test(t) &&
      raw.includes(t)
    ) {
      return { text: t, line: i + 1 };
    }
  }
  return undefined;
}

function parseRole(raw: string, lineNo: number): RoleFact | undefined {
  const body = stripEmphasis(stripBullet(raw));
  const dates = DATE_RANGE.exec(body)?.[0]?.replace(/^[\s(]+|[\s)]+$/g, '');
  const withoutDates = body.replace(DATE_RANGE, ' ').replace(/[\s,|·–—-]+$/, '').trim();
  const parts = withoutDates.split(SEPARATOR).map((p) => p.trim()).filter((p) => p !== '');
  const ti = parts.findIndex((p) => ROLE_WORD.test(p));
  if (ti === -1) return undefined;
  const title = parts[ti]!;
  let company = ti > 0 ? parts[ti - 1] : parts[ti + 1];
  if (company !== undefined && (ROLE_WORD.test(company) || !/\p{Lu}/u.test(company))) company = undefined;
  const role: RoleFact = { title, line: lineNo };
  if (company && raw.includes(company)) role.company = company;
  if (dates && raw.includes(dates)) role.dates = dates;
  return raw.includes(title) ? role : undefined;
}

function isRoleLine(raw: string, section: ResumeSection): boolean {
  if (isBullet(raw) || raw.length > 140) return false;
  const body = stripBullet(raw);
  if (!ROLE_WORD.test(body) || body.split(/\s+/).length > 18) return false;
  if (/[.!?]$/.test(body) && !hasDateRange(body)) return false;
  return section === 'experience' || hasDateRange(body);
}

/** Lexicon categories that count as a project's technologies (not practices or soft skills). */
const TECH = new Set<SkillCategory>(['language', 'frontend', 'backend', 'mobile', 'data', 'ml', 'database', 'cloud', 'devops', 'tool']);

const PROJECT_HEADER = /^(.{2,60}?)\s*(?:\s[—–-]\s|:\s|\s\||\s\()/;

function projectName(raw: string): string | undefined {
  const body = stripEmphasis(stripBullet(raw));
  const m = PROJECT_HEADER.exec(body);
  const name = (m ? m[1]! : body).trim();
  if (name === '' || name.split(/\s+/).length > 6 || /[.!?]$/.test(name) || !raw.includes(name)) return undefined;
  return name;
}

/**
 * Rule-based resume facts for when no language model is available. Only copies spans of the text
 * (names, titles, lexicon skills, figures); never composes new wording, and drops anything that
 * fails a final "occurs verbatim in its line" check.
 */
export function extractProfile(input: string | ParsedDocument, matcher: SkillMatcher = defaultSkillMatcher()): Profile {
  const lines = toLines(input);
  const { sections, headings } = resumeSections(lines);
  const ignored = new Set<number>();
  lines.forEach((l, i) => {
    if (looksLikeInstruction(l)) ignored.add(i + 1);
  });
  const usable = (n: number): boolean => !ignored.has(n) && (lines[n - 1] ?? '').trim() !== '';

  const name = findName(lines, headings);
  const roles: RoleFact[] = [];
  const projects: ProjectFact[] = [];
  const skillMentions: SkillEvidence[] = [];
  const numbers: LineFact[] = [];
  const education: LineFact[] = [];
  let project: ProjectFact | undefined;

  lines.forEach((raw, i) => {
    const n = i + 1;
    const section = sections[i]!;
    if (!usable(n) || headings.has(n) || n === name?.line) return;

    if (section === 'projects') {
      // A bulleted line opens a project only when it reads "Name: ..." / "Name — ...".
      const header = !isBullet(raw) || /^\S.{0,40}?(?:\s[—–-]\s|:\s|\s\|\s)/.test(stripEmphasis(stripBullet(raw))) ? projectName(raw) : undefined;
      if (header) {
        project = { name: header, technologies: [], line: n, lineEnd: n };
        projects.push(project);
      } else if (project) {
        project.lineEnd = n;
      }
    } else {
      project = undefined;
    }

    if (isRoleLine(raw, section)) {
      const role = parseRole(raw, n);
      if (role) roles.push(role);
    }

    for (const m of matcher.find(raw)) {
      skillMentions.push({ skill: m.skill, text: m.text, line: n });
      if (project && TECH.has(m.category) && !project.technologies.some((t) => t.toLowerCase() === m.text.toLowerCase())) {
        project.technologies.push(m.text);
      }
    }

    if (section !== 'education') {
      for (const text of metricPhrases(raw)) numbers.push({ text, line: n });
    } else {
      education.push({ text: stripBullet(raw), line: n });
    }
  });

  const counts = new Map<string, number>();
  for (const m of skillMentions) counts.set(m.skill, (counts.get(m.skill) ?? 0) + 1);
  const skills = [...counts.keys()].sort((a, b) => counts.get(b)! - counts.get(a)!);
  const companies = [...new Set(roles.flatMap((r) => (r.company ? [r.company] : [])))];

  const facts: Fact[] = [];
  const add = (type: FactType, text: string, line: number): void => {
    if ((lines[line - 1] ?? '').includes(text)) facts.push({ type, text, line });
  };
  if (name) add('name', name.text, name.line);
  for (const r of roles) {
    add('role', r.title, r.line);
    if (r.company) add('company', r.company, r.line);
  }
  for (const p of projects) {
    add('project', p.name, p.line);
    for (const t of p.technologies) {
      const at = skillMentions.find((m) => m.text === t && m.line >= p.line && m.line <= p.lineEnd);
      if (at) add('technology', t, at.line);
    }
  }
  for (const m of skillMentions) add('skill', m.text, m.line);
  for (const x of numbers) add('number', x.text, x.line);
  for (const e of education) add('education', e.text, e.line);

  const profile: Profile = {
    roles,
    companies,
    projects,
    skills,
    skillMentions,
    numbers,
    facts,
    ignoredLines: [...ignored].sort((a, b) => a - b),
  };
  if (name) profile.name = name.text;
  if (education.length) profile.education = education.map((e) => e.text);
  return profile;
}
