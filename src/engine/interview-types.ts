import { LEVELS, type Level, type Track } from './bank/schema.ts';
import { UserError } from './errors.ts';
import { INTERVIEW_TYPES, type InterviewType } from './types.ts';

export interface InterviewSpec {
  type: InterviewType;
  label: string;
  questions: number;
  minutes: number;
  focus: string;
}

/** The seed's four shapes. */
export const SPECS: Record<InterviewType, InterviewSpec> = {
  screening: { type: 'screening', label: 'screening', questions: 5, minutes: 15, focus: 'basic fit and motivation' },
  behavioral: { type: 'behavioral', label: 'behavioral', questions: 6, minutes: 30, focus: 'past situations, answered with STAR' },
  technical: { type: 'technical', label: 'technical', questions: 8, minutes: 45, focus: 'system design, coding and problem solving' },
  customize: { type: 'customize', label: 'customized', questions: 10, minutes: 45, focus: 'your own experience and the job you want' },
};

export function parseType(input: string): InterviewType {
  const t = input.trim().toLowerCase();
  const alias: Record<string, InterviewType> = { custom: 'customize', customise: 'customize', customized: 'customize', behavioural: 'behavioral', tech: 'technical', screen: 'screening' };
  const found = (INTERVIEW_TYPES as readonly string[]).includes(t) ? (t as InterviewType) : alias[t];
  if (!found) {
    throw new UserError('unknown_type', `There is no "${clip(input)}" interview. Choose one of: ${INTERVIEW_TYPES.join(', ')}.`);
  }
  return found;
}

interface RoleDef {
  name: string;
  track: Track | 'general';
  aliases: string[];
}

/** Roles we know how to interview for; the track decides which technical questions apply. */
export const ROLES: RoleDef[] = [
  { name: 'software engineer', track: 'general', aliases: ['swe', 'software developer', 'developer', 'engineer', 'programmer', 'sde'] },
  { name: 'backend engineer', track: 'backend', aliases: ['backend', 'back-end', 'back end', 'backend developer', 'server engineer', 'api engineer', 'platform engineer', 'devops engineer', 'sre', 'site reliability engineer'] },
  { name: 'frontend engineer', track: 'frontend', aliases: ['frontend', 'front-end', 'front end', 'frontend developer', 'web developer', 'ui engineer', 'react developer'] },
  { name: 'full-stack engineer', track: 'general', aliases: ['fullstack', 'full stack', 'full-stack', 'fullstack developer', 'full stack developer'] },
  { name: 'data scientist', track: 'data-ml', aliases: ['data science', 'ds'] },
  { name: 'data engineer', track: 'data-ml', aliases: ['data', 'analytics engineer'] },
  { name: 'machine learning engineer', track: 'data-ml', aliases: ['ml engineer', 'ml', 'mle', 'ai engineer', 'machine learning', 'ml/ai engineer'] },
  { name: 'data analyst', track: 'data-ml', aliases: ['analyst', 'business analyst', 'bi analyst'] },
  { name: 'product manager', track: 'general', aliases: ['pm', 'product', 'product owner'] },
  { name: 'engineering manager', track: 'general', aliases: ['em', 'manager', 'tech lead', 'team lead'] },
  { name: 'designer', track: 'frontend', aliases: ['product designer', 'ux designer', 'ui designer', 'ux'] },
];

export function parseRole(input: string | undefined): { role: string; track: Track | 'general' } {
  if (!input || !input.trim()) return { role: 'software engineer', track: 'general' };
  const t = input.trim().toLowerCase().replace(/\s+/g, ' ').replace(/[.!]+$/, '');
  for (const r of ROLES) {
    if (r.name === t || r.aliases.includes(t) || r.name + 's' === t) return { role: r.name, track: r.track };
  }
  // Accept longer titles that contain a known role ("senior backend engineer at Acme"); the
  // longest name found wins, so "Staff Backend Engineer" is a backend engineer, not just an engineer.
  const names = ROLES.flatMap((r) => [r.name, ...r.aliases].filter((x) => x.length > 3).map((a) => ({ r, a }))).sort((x, y) => y.a.length - x.a.length);
  for (const { r, a } of names) {
    if (new RegExp(`\\b${a.replace(/[-/]/g, '[-/ ]?')}\\b`).test(t)) return { role: r.name, track: r.track };
  }
  throw new UserError('unknown_role', `I don't know the role "${clip(input)}" yet. Try one of: ${ROLES.map((r) => r.name).join(', ')}.`);
}

export function parseLevel(input: string | undefined): Level {
  if (!input || !input.trim()) return 'mid';
  const t = input.trim().toLowerCase();
  if ((LEVELS as readonly string[]).includes(t)) return t as Level;
  const alias: Record<string, Level> = {
    entry: 'junior', 'entry-level': 'junior', intern: 'junior', graduate: 'junior', grad: 'junior', jr: 'junior', new: 'junior',
    intermediate: 'mid', 'mid-level': 'mid', middle: 'mid', regular: 'mid',
    sr: 'senior', staff: 'senior', lead: 'senior', principal: 'senior', expert: 'senior',
  };
  const found = alias[t];
  if (!found) throw new UserError('unknown_level', `Unknown level "${clip(input)}". Choose junior, mid or senior.`);
  return found;
}

function clip(s: string): string {
  const clean = s.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return clean.length > 40 ? `${clean.slice(0, 40)}…` : clean;
}
