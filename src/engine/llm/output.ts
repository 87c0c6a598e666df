import { z } from 'zod';

/** What the model must send back, checked in code whatever the provider promised. */
export const ReactOutput = z.object({
  acknowledgement: z.string().max(600),
  followUp: z.string().max(600).nullable(),
  declined: z.boolean(),
  note: z.string().max(300).default(''),
  /** Rubric scores asked for in the same call; checked on their own, so bad scores never cost the reaction. */
  scores: z.unknown().optional(),
});
export type ReactOutput = z.infer<typeof ReactOutput>;

export const ScoreOutput = z.object({
  items: z.array(z.object({ id: z.string(), score: z.number(), evidence: z.string().max(2000) })).min(1).max(20),
  strengths: z.array(z.string().max(600)).max(10),
  improvements: z.array(z.string().max(600)).max(10),
});
export type ScoreOutput = z.infer<typeof ScoreOutput>;

export const SummaryOutput = z.object({
  summary: z.string().min(10).max(3000),
  strengths: z.array(z.string().max(600)).max(10),
  improvements: z.array(z.string().max(600)).max(10),
});
export type SummaryOutput = z.infer<typeof SummaryOutput>;

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

/**
 * Reads a JSON object out of model text (tolerating a ```json fence or chatter around it)
 * and validates it. The error is short and specific: it is sent back in the repair request.
 */
export function parseModelJson<T>(text: string, schema: z.ZodType<T>, extra?: (v: T) => string | null): Parsed<T> {
  const fenced = /```(?:json)?\s*([\s\S]*?)```/i.exec(text)?.[1];
  const body = fenced ?? text;
  const start = body.indexOf('{');
  const end = body.lastIndexOf('}');
  if (start < 0 || end <= start) return { ok: false, error: 'the reply was not a JSON object' };
  let raw: unknown;
  try {
    raw = JSON.parse(body.slice(start, end + 1));
  } catch (err) {
    return { ok: false, error: `the reply was not valid JSON (${(err as Error).message.slice(0, 80)})` };
  }
  const r = schema.safeParse(raw);
  if (!r.success) {
    const issues = r.error.issues.slice(0, 4).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    return { ok: false, error: `the JSON did not match the schema (${issues.join('; ')})` };
  }
  const problem = extra?.(r.data);
  return problem ? { ok: false, error: problem } : { ok: true, value: r.data };
}
