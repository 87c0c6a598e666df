import { z } from 'zod';

/** Competencies the behavioral bank must cover; other banks may use free-form ones. */
export const BEHAVIORAL_COMPETENCIES = [
  'leadership',
  'conflict',
  'failure',
  'teamwork',
  'ownership',
  'ambiguity',
  'influence',
  'customer-focus',
  'prioritisation',
  'learning',
] as const;

export const TECHNICAL_CATEGORIES = [
  'system-design',
  'coding-algorithms',
  'debugging-problem-solving',
  'fundamentals',
] as const;

export const TRACKS = ['backend', 'frontend', 'data-ml'] as const;

export const RUBRIC_SIGNALS = ['situation', 'task', 'action', 'result', 'reflection', 'motivation', 'specifics', 'evidence', 'concepts', 'mechanism', 'tradeoffs', 'example'] as const;
export type RubricSignal = (typeof RUBRIC_SIGNALS)[number];

/** Documents a question refers to; a plan without them never includes it. */
export const QUESTION_NEEDS = ['resume', 'job-description'] as const;
export const LEVELS = ['junior', 'mid', 'senior'] as const;
export const DIFFICULTIES = ['easy', 'medium', 'hard'] as const;

export type Track = (typeof TRACKS)[number];
export type Level = (typeof LEVELS)[number];
export type Difficulty = (typeof DIFFICULTIES)[number];

export const RubricItemSchema = z.object({
  /** Stable id within the question, e.g. "tradeoffs". */
  id: z.string().regex(/^[a-z0-9-]+$/),
  /** What a strong answer shows, phrased as an observable behaviour. */
  shows: z.string().min(10),
  /** Relative weight; weights of one question sum to 1 (checked below). */
  weight: z.number().positive().max(1),
  /**
   * Which part of an answer this item is about, so scoring reads it from the record of what
   * was said instead of guessing from the id. Behavioral: situation, task, action, result,
   * reflection. Screening: motivation, specifics, evidence. Technical: concepts, mechanism,
   * tradeoffs, example. Absent: judged on the answer as a whole.
   */
  signal: z.enum(RUBRIC_SIGNALS).optional(),
});

/** A wrong belief often stated in answers to a technical question, and how to recognise it. */
export const MisconceptionSchema = z.object({
  /** Case-insensitive regular expression matched against the answer. */
  pattern: z.string().min(3).refine((p) => {
    try {
      new RegExp(p, 'i');
      return true;
    } catch {
      return false;
    }
  }, 'not a valid regular expression'),
  /** The correction, in second person, for the report ("An index does not..."). */
  says: z.string().min(10),
});

export const QuestionSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  text: z.string().min(15),
  competency: z.string().regex(/^[a-z0-9-]+$/),
  difficulty: z.enum(DIFFICULTIES),
  /** Technical only: which of the four technical areas. */
  category: z.enum(TECHNICAL_CATEGORIES).optional(),
  /** Technical only: role tracks this question suits (empty = any). */
  tracks: z.array(z.enum(TRACKS)).optional(),
  /** Levels this question suits (empty = any). */
  levels: z.array(z.enum(LEVELS)).optional(),
  /** Words that signal a substantive answer (named technologies, concepts). */
  keywords: z.array(z.string().min(2)).optional(),
  /** Technical: the key concepts a correct answer names (checked with the keywords). */
  concepts: z.array(z.string().min(2)).optional(),
  /** Technical: wrong beliefs to check the answer against. */
  misconceptions: z.array(MisconceptionSchema).optional(),
  /** Questions sharing a theme are near-duplicates: a plan takes at most one of them. */
  themes: z.array(z.string().regex(/^[a-z0-9-]+$/)).optional(),
  /** Documents the question refers to ("the tools listed for this role", "your CV"). */
  needs: z.array(z.enum(QUESTION_NEEDS)).optional(),
  rubric: z.array(RubricItemSchema).min(2),
  followUps: z.array(z.string().min(10)).min(1),
}).superRefine((q, ctx) => {
  const sum = q.rubric.reduce((s, r) => s + r.weight, 0);
  if (Math.abs(sum - 1) > 0.011) {
    ctx.addIssue({ code: 'custom', message: `rubric weights of ${q.id} sum to ${sum.toFixed(3)}, not 1` });
  }
  const ids = new Set(q.rubric.map((r) => r.id));
  if (ids.size !== q.rubric.length) ctx.addIssue({ code: 'custom', message: `duplicate rubric ids in ${q.id}` });
});

/** The question banks under question-banks/, one YAML file each. */
export const BANK_TYPES = ['screening', 'behavioral', 'technical'] as const;
export type BankType = (typeof BANK_TYPES)[number];

export const BankSchema = z.object({
  type: z.enum(BANK_TYPES),
  version: z.number().int().positive(),
  questions: z.array(QuestionSchema).min(1),
});

export type RubricItem = z.infer<typeof RubricItemSchema>;
export type Misconception = z.infer<typeof MisconceptionSchema>;
export type BankQuestion = z.infer<typeof QuestionSchema>;
export type Bank = z.infer<typeof BankSchema>;
