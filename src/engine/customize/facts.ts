import { extractJobRequirements, type JobRequirements } from '../docs/job.ts';
import { stripBullet } from '../docs/line-text.ts';
import { extractProfile, type Profile } from '../docs/profile.ts';
import { jobSections, resumeSections, type JobSection, type ResumeSection } from '../docs/sections.ts';
import { defaultSkillMatcher, type SkillMatcher } from '../docs/skill-matcher.ts';
import type { SkillCategory } from '../docs/skills-lexicon.ts';
import type { QuestionSource } from '../types.ts';
import { cleanDocument, lineText, originalLine, type CleanDoc } from './clean-doc.ts';
import type { ParsedDocument } from '../docs/types.ts';

export type Ref = NonNullable<QuestionSource['refs']>[number];

/** Technologies (not practices or soft skills): what "you used X" questions may name. */
export const TECH = new Set<SkillCategory>(['language', 'frontend', 'backend', 'mobile', 'data', 'ml', 'database', 'cloud', 'devops', 'tool']);

export interface ResumeFacts {
  d: CleanDoc;
  profile: Profile;
  /** Section of each clean line (index = clean line - 1). */
  sections: ResumeSection[];
}

export interface JobFacts {
  d: CleanDoc;
  req: JobRequirements;
  sections: JobSection[];
}

/**
 * Everything the rules know about the user's documents. Facts are read from the clean
 * documents (instruction lines removed), so their line numbers are clean ones: `ref()` maps
 * them back to the original lines for citations.
 */
export interface DocFacts {
  docs: CleanDoc[];
  resume?: ResumeFacts;
  job?: JobFacts;
  matcher: SkillMatcher;
  /** Canonical names (lower case) of the skills the resume shows. */
  resumeSkills: Set<string>;
  /** Canonical names (lower case) the job description asks for. */
  jobSkills: Set<string>;
}

export function gatherFacts(documents: ParsedDocument[], matcher: SkillMatcher = defaultSkillMatcher()): DocFacts {
  const docs = documents.map(cleanDocument);
  const r = docs.find((d) => d.original.kind === 'resume');
  const j = docs.find((d) => d.original.kind === 'job-description');
  const facts: DocFacts = { docs, matcher, resumeSkills: new Set(), jobSkills: new Set() };
  if (r) {
    const profile = extractProfile(r.clean, matcher);
    facts.resume = { d: r, profile, sections: resumeSections(r.clean.lines).sections };
    for (const s of profile.skills) facts.resumeSkills.add(s.toLowerCase());
  }
  if (j) {
    const req = extractJobRequirements(j.clean, matcher);
    facts.job = { d: j, req, sections: jobSections(j.clean.lines).sections };
    for (const s of req.skills) facts.jobSkills.add(s.toLowerCase());
  }
  return facts;
}

/** A citation of clean lines [from, to] of a document, quoting the original text without its bullet. */
export function ref(d: CleanDoc, cleanFrom: number, cleanTo = cleanFrom): Ref {
  const start = originalLine(d, cleanFrom);
  const end = originalLine(d, cleanTo);
  const quote = [];
  for (let n = start; n <= end; n++) {
    if (d.flagged.includes(n)) continue;
    const t = stripBullet(lineText(d.original, n));
    if (t) quote.push(t);
  }
  return { source: d.original.filename, lineStart: start, lineEnd: end, quote: quote.join(' ') };
}

/** "source#line" keys of the original lines a question is about, to keep two questions off one topic. */
export function lineKeys(d: CleanDoc, cleanFrom: number, cleanTo = cleanFrom): string[] {
  const out: string[] = [];
  for (let n = cleanFrom; n <= cleanTo; n++) out.push(`${d.original.id}#${originalLine(d, n)}`);
  return out;
}

/** Clean line text without bullet/heading marker. */
export function cleanText(d: CleanDoc, cleanLine: number): string {
  return stripBullet(d.clean.lines[cleanLine - 1] ?? '');
}

export function slug(s: string, max = 40): string {
  const t = s
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return (t.length > max ? t.slice(0, max).replace(/-[^-]*$/, '') : t) || 'item';
}

/** "A", "A and B", "A, B and C". */
export function andList(items: string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** Cuts at a word boundary and marks the cut; the kept part stays a verbatim span of the source. */
export function clip(s: string, max: number): string {
  const t = s.trim().replace(/[.;,:]+$/, '');
  if (t.length <= max) return t;
  const cut = t.lastIndexOf(' ', max);
  return `${t.slice(0, cut > max * 0.5 ? cut : max).replace(/[\s,;:]+$/, '')}…`;
}
