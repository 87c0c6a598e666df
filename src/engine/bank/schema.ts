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
export type BankQuestion = z.infer<typeof QuestionSchema>;
export type Bank = z.infer<typeof BankSchema>;
