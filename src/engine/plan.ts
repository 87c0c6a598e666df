import type { BankQuestion, Level, Track } from './bank/schema.ts';
import { loadBank } from './bank/load.ts';
import { SPECS } from './interview-types.ts';
import { createRng, shuffle } from './rng.ts';
import type { InterviewType, PlanQuestion } from './types.ts';

export interface PlanRequest {
  type: InterviewType;
  track: Track | 'general';
  level: Level;
  seed: number;
  bankDir?: string;
  /** Question ids never to include (e.g. declined in an earlier run). */
  exclude?: ReadonlySet<string>;
  /** Documents this interview has; questions that refer to others are left out. */
  documents?: { resume?: boolean; jobDescription?: boolean };
}

/** Not excluded, and every document the question refers to is there. */
function usable(q: BankQuestion, req: PlanRequest): boolean {
  if (req.exclude?.has(q.id)) return false;
  return (q.needs ?? []).every((d) => (d === 'resume' ? req.documents?.resume : req.documents?.jobDescription));
}

const DIFFICULTY_ORDER = { easy: 0, medium: 1, hard: 2 } as const;

/** Technical mix per level: juniors get less system design, seniors more. */
const TECH_MIX: Record<Level, Record<string, number>> = {
  junior: { 'system-design': 1, 'coding-algorithms': 3, 'debugging-problem-solving': 2, fundamentals: 2 },
  mid: { 'system-design': 2, 'coding-algorithms': 2, 'debugging-problem-solving': 2, fundamentals: 2 },
  senior: { 'system-design': 3, 'coding-algorithms': 2, 'debugging-problem-solving': 1, fundamentals: 2 },
};

export function toPlanQuestion(q: BankQuestion): PlanQuestion {
  const p: PlanQuestion = {
    id: q.id,
    text: q.text,
    competency: q.competency,
    difficulty: q.difficulty,
    rubric: q.rubric,
    followUps: q.followUps,
    source: { kind: 'bank' },
  };
  if (q.category) p.category = q.category;
  if (q.keywords) p.keywords = q.keywords;
  if (q.concepts) p.concepts = q.concepts;
  if (q.misconceptions) p.misconceptions = q.misconceptions;
  return p;
}

function fits(q: BankQuestion, track: Track | 'general', level: Level): boolean {
  const levelOk = !q.levels?.length || q.levels.includes(level);
  const trackOk = track === 'general' || !q.tracks?.length || q.tracks.includes(track);
  return levelOk && trackOk;
}

const STOP = new Set('about after again also and any are ask been being can could did does doing for from had has have how into its just like make more most much not now one our out over some such than that the their them then there these they this those through very was way were what when where which while who why will with would you your yours'.split(' '));

function contentWords(text: string): Set<string> {
  return new Set((text.toLowerCase().match(/[a-z][a-z'-]{2,}/g) ?? []).filter((w) => !STOP.has(w)).map((w) => w.replace(/(ing|ed|es|s)$/, '')));
}

/**
 * Two questions a candidate would hear as the same one: a shared theme in the bank ("why
 * us", "career path"), or mostly the same words.
 */
export function nearDuplicate(a: Pick<BankQuestion, 'text' | 'themes'>, b: Pick<BankQuestion, 'text' | 'themes'>): boolean {
  if (a.themes?.some((t) => b.themes?.includes(t))) return true;
  const x = contentWords(a.text);
  const y = contentWords(b.text);
  const shared = [...x].filter((w) => y.has(w)).length;
  return shared / Math.max(1, Math.min(x.size, y.size)) >= 0.6;
}

/** Picks n questions, preferring distinct competencies, then anything that fits; never two near-duplicates. */
function pickDistinct(pool: BankQuestion[], n: number, rand: () => number, taken: Set<string>, picked: BankQuestion[]): BankQuestion[] {
  const out: BankQuestion[] = [];
  const comps = new Set<string>();
  const clashes = (q: BankQuestion) => [...picked, ...out].some((p) => nearDuplicate(p, q));
  for (const q of shuffle(pool, rand)) {
    if (out.length >= n) break;
    if (taken.has(q.id) || comps.has(q.competency) || clashes(q)) continue;
    out.push(q);
    comps.add(q.competency);
    taken.add(q.id);
  }
  for (const q of shuffle(pool, rand)) {
    if (out.length >= n) break;
    if (taken.has(q.id) || clashes(q)) continue;
    out.push(q);
    taken.add(q.id);
  }
  picked.push(...out);
  return out;
}

function technical(req: PlanRequest, n: number, rand: () => number, taken: Set<string>, picked: BankQuestion[]): BankQuestion[] {
  const all = loadBank('technical', req.bankDir).questions.filter((q) => usable(q, req));
  const pool = all.filter((q) => fits(q, req.track, req.level));
  const mix = TECH_MIX[req.level];
  const out: BankQuestion[] = [];
  const scale = n / 8;
  for (const [cat, count] of Object.entries(mix)) {
    out.push(...pickDistinct(pool.filter((q) => q.category === cat), Math.round(count * scale), rand, taken, picked));
  }
  if (out.length < n) out.push(...pickDistinct(pool, n - out.length, rand, taken, picked));
  if (out.length < n) out.push(...pickDistinct(all, n - out.length, rand, taken, picked));
  return out.slice(0, n);
}

function fromBank(type: 'screening' | 'behavioral', req: PlanRequest, n: number, rand: () => number, taken: Set<string>, picked: BankQuestion[]): BankQuestion[] {
  const all = loadBank(type, req.bankDir).questions.filter((q) => usable(q, req));
  const out = pickDistinct(all.filter((q) => fits(q, req.track, req.level)), n, rand, taken, picked);
  if (out.length < n) out.push(...pickDistinct(all, n - out.length, rand, taken, picked));
  return out;
}

/**
 * A bank plan for any type. Customize uses it as a role-based fallback when no
 * documents (or no model) are available: a mix of screening, behavioral and technical.
 */
export function buildBankPlan(req: PlanRequest): PlanQuestion[] {
  const rand = createRng(req.seed);
  const n = SPECS[req.type].questions;
  const taken = new Set<string>();
  const chosen: BankQuestion[] = [];
  let picked: BankQuestion[];
  switch (req.type) {
    case 'screening':
    case 'behavioral':
      picked = fromBank(req.type, req, n, rand, taken, chosen);
      break;
    case 'technical':
      picked = technical(req, n, rand, taken, chosen);
      break;
    case 'customize':
      picked = [...fromBank('screening', req, 2, rand, taken, chosen), ...fromBank('behavioral', req, 4, rand, taken, chosen), ...technical(req, 4, rand, taken, chosen)];
      break;
  }
  // Easier questions first, as a human interviewer would warm up; stable within a difficulty.
  const ordered = picked.map((q, i) => ({ q, i })).sort((a, b) => DIFFICULTY_ORDER[a.q.difficulty] - DIFFICULTY_ORDER[b.q.difficulty] || a.i - b.i);
  return ordered.map(({ q }) => toPlanQuestion(q));
}
