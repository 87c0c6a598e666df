import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { DEFAULT_BANK_DIR } from '../bank/load.ts';

const SignalsSchema = z.object({
  version: z.number().int().positive(),
  competencies: z.record(z.string(), z.array(z.string().min(2))),
  categories: z.record(z.string(), z.array(z.string().min(2))),
});

let cached: z.infer<typeof SignalsSchema> | null = null;

/** The cue signals of question-banks/signals.yaml, read once (a broken file is a start-up error). */
export function loadSignals(dir = DEFAULT_BANK_DIR): z.infer<typeof SignalsSchema> {
  if (cached && dir === DEFAULT_BANK_DIR) return cached;
  const file = path.join(dir, 'signals.yaml');
  const parsed = SignalsSchema.parse(parse(readFileSync(file, 'utf8')));
  if (dir === DEFAULT_BANK_DIR) cached = parsed;
  return parsed;
}

/** Word stems an answer about this competency (and technical category) tends to use. */
export function competencyCues(competency: string, category?: string): string[] {
  const s = loadSignals();
  return [...(s.competencies[competency] ?? []), ...(category ? (s.categories[category] ?? []) : [])].map((c) => c.toLowerCase());
}
