import { looksLikeInstruction } from './injection.ts';
import { isBullet, stripBullet, stripEmphasis } from './line-text.ts';
import type { LineFact, Profile, SkillEvidence } from './profile.ts';
import { jobSections } from './sections.ts';
import { defaultSkillMatcher, type SkillMatcher } from './skill-matcher.ts';
import type { ParsedDocument } from './types.ts';

export interface JobRequirements {
  title?: string;
  company?: string;
  /** Required skills first, then nice-to-have; canonical lexicon names, each once. */
  skills: string[];
  requiredSkills: string[];
  niceToHaveSkills: string[];
  responsibilities: string[];
  /** Where each skill and responsibility was found (1-based lines, text verbatim). */
  skillMentions: SkillEvidence[];
  responsibilityLines: LineFact[];
  titleLine?: number;
  companyLine?: number;
  ignoredLines: number[];
}

const ROLE_WORD =
  /\b(engineer|developer|programmer|architect|intern|manager|lead|director|scientist|analyst|consultant|designer|administrator|specialist|researcher|sre|technician|officer)\b/i;
const LABEL = /^(job title|title|position|role)\s*:\s*(.+)$/i;
const COMPANY_LABEL = /^(company|employer|organi[sz]ation)\s*:\s*(.+)$/i;
const ABOUT = /^about\s+(?!us\b|the\b|you\b|this\b|our\b)(.{2,48}?)\s*:?$/i;
const COMPANY_SENTENCE = /^((?:[A-Z][\p{L}\p{N}&.'’-]*)(?:\s+[A-Z][\p{L}\p{N}&.'’-]*){0,3})\s+(?:is|are|builds|helps|makes|was founded|has been)\b/u;
const SEP = /\s+[—–|·•@]\s+|\s+-\s+|\s+at\s+|,\s+/;

function toLines(input: string | ParsedDocument): string[] {
  return typeof input === 'string' ? input.split(/\r\n?|\n/) : input.lines;
}

function findTitle(lines: string[], usable: (n: number) => boolean): { title?: string; company?: string; line?: number } {
  for (let i = 0; i < lines.length; i++) {
    const m = LABEL.exec(stripEmphasis(stripBullet(lines[i]!)));
    if (m && usable(i + 1) && lines[i]!.includes(m[2]!.trim())) return { title: m[2]!.trim(), line: i + 1 };
  }
  for (let i = 0; i < Math.min(lines.length, 6); i++) {
    const raw = lines[i]!;
    const body = stripEmphasis(stripBullet(raw));
    if (!usable(i + 1) || body.length > 100 || /[.!?]$/.test(body) || !ROLE_WORD.test(body)) continue;
    const parts = body.split(SEP).map((p) => p.trim()).filter(Boolean);
    const ti = parts.findIndex((p) => ROLE_WORD.test(p));
    const title = parts[ti]!;
    if (!raw.includes(title)) continue;
    const out: { title?: string; company?: string; line?: number } = { title, line: i + 1 };
    // "Senior Engineer at Acme" / "Acme — Senior Engineer": the other part names the company.
    const other = / at | @ /.test(body) ? parts[ti + 1] : ti > 0 ? parts[ti - 1] : undefined;
    if (other && /^\p{Lu}/u.test(other) && raw.includes(other)) out.company = other;
    return out;
  }
  return {};
}

function findCompany(lines: string[], usable: (n: number) => boolean): { company: string; line: number } | undefined {
  for (let i = 0; i < lines.length; i++) {
    if (!usable(i + 1)) continue;
    const body = stripEmphasis(stripBullet(lines[i]!));
    const label = COMPANY_LABEL.exec(body)?.[2]?.trim();
    if (label && lines[i]!.includes(label)) return { company: label, line: i + 1 };
    const about = ABOUT.exec(body)?.[1]?.trim();
    if (about && /^\p{Lu}/u.test(about) && lines[i]!.includes(about)) return { company: about, line: i + 1 };
  }
  for (let i = 0; i < Math.min(lines.length, 12); i++) {
    if (!usable(i + 1)) continue;
    const m = COMPANY_SENTENCE.exec(stripBullet(lines[i]!));
    if (m && !/^(we|you|our|the|this|it)$/i.test(m[1]!) && !ROLE_WORD.test(m[1]!)) return { company: m[1]!, line: i + 1 };
  }
  return undefined;
}

/**
 * Rule-based job-description facts: title, company, skills (required vs nice-to-have, from the
 * section each appears in) and responsibilities, all copied verbatim with their lines.
 */
export function extractJobRequirements(input: string | ParsedDocument, matcher: SkillMatcher = defaultSkillMatcher()): JobRequirements {
  const lines = toLines(input);
  const { sections, headings } = jobSections(lines);
  const ignored = new Set<number>();
  lines.forEach((l, i) => {
    if (looksLikeInstruction(l)) ignored.add(i + 1);
  });
  const usable = (n: number): boolean => !ignored.has(n) && (lines[n - 1] ?? '').trim() !== '';

  const required = new Set<string>();
  const nice = new Set<string>();
  const skillMentions: SkillEvidence[] = [];
  const responsibilityLines: LineFact[] = [];
  const hasResponsibilitySection = sections.includes('responsibilities');

  lines.forEach((raw, i) => {
    const n = i + 1;
    if (!usable(n) || headings.has(n)) return;
    const section = sections[i]!;
    if (section !== 'benefits' && section !== 'about') {
      for (const m of matcher.find(raw)) {
        skillMentions.push({ skill: m.skill, text: m.text, line: n });
        (section === 'nice-to-have' ? nice : required).add(m.skill);
      }
    }
    const body = stripBullet(raw);
    const isResponsibility = hasResponsibilitySection
      ? section === 'responsibilities'
      : isBullet(raw) && /^(you('|’)?ll|you will|own|build|design|lead|develop|drive|work|partner|maintain|improve|collaborate)\b/i.test(body);
    if (isResponsibility && body.length > 3) responsibilityLines.push({ text: body, line: n });
  });

  for (const s of required) nice.delete(s);
  const titleInfo = findTitle(lines, usable);
  const companyInfo = titleInfo.company ? { company: titleInfo.company, line: titleInfo.line! } : findCompany(lines, usable);

  const out: JobRequirements = {
    skills: [...required, ...nice],
    requiredSkills: [...required],
    niceToHaveSkills: [...nice],
    responsibilities: responsibilityLines.map((r) => r.text),
    skillMentions,
    responsibilityLines,
    ignoredLines: [...ignored].sort((a, b) => a - b),
  };
  if (titleInfo.title) {
    out.title = titleInfo.title;
    out.titleLine = titleInfo.line!;
  }
  if (companyInfo) {
    out.company = companyInfo.company;
    out.companyLine = companyInfo.line;
  }
  return out;
}

/** Job skills the resume never mentions, required ones first (canonical names, case-insensitive). */
export function skillGaps(profile: Pick<Profile, 'skills'>, jd: Pick<JobRequirements, 'skills'> & Partial<JobRequirements>): string[] {
  const have = new Set(profile.skills.map((s) => s.toLowerCase()));
  const ordered = jd.requiredSkills && jd.niceToHaveSkills ? [...jd.requiredSkills, ...jd.niceToHaveSkills] : jd.skills;
  return [...new Set(ordered)].filter((s) => !have.has(s.toLowerCase()));
}
