import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { BANK_TYPES, BankSchema, type Bank, type BankType } from './schema.ts';

export { BANK_TYPES, type BankType };

/** The banks shipped with the project, found relative to this file so any working directory works. */
export const DEFAULT_BANK_DIR = path.resolve(import.meta.dirname, '../../../question-banks');

// Banks are read on every session start; parsing and validating ~200 questions each time is wasted work.
const cache = new Map<string, Bank>();

/** Raised when a bank file is missing, is not YAML, or does not match the schema. */
export class BankLoadError extends Error {
  readonly file: string;
  readonly retryable = false;
  constructor(file: string, message: string, options?: { cause?: unknown }) {
    super(`${file}: ${message}`, options);
    this.name = 'BankLoadError';
    this.file = file;
  }
}

/** Reads, parses and validates one bank. Results are cached per directory and type. */
export function loadBank(type: BankType, dir: string = DEFAULT_BANK_DIR): Bank {
  const file = path.join(path.resolve(dir), `${type}.yaml`);
  const cached = cache.get(file);
  if (cached) return cached;

  let raw: unknown;
  try {
    raw = parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new BankLoadError(file, `cannot read bank: ${(err as Error).message}`, { cause: err });
  }

  const result = BankSchema.safeParse(raw);
  if (!result.success) {
    const issues = result.error.issues
      .slice(0, 5)
      .map((i) => `${describePath(raw, i.path)}: ${i.message}`)
      .join('; ');
    throw new BankLoadError(file, `invalid bank: ${issues}`, { cause: result.error });
  }
  if (result.data.type !== type) {
    throw new BankLoadError(file, `declares type "${result.data.type}" but was loaded as "${type}"`);
  }
  cache.set(file, result.data);
  return result.data;
}

/**
 * Formats a zod issue path, adding the question id when there is one, because
 * "questions.41.rubric" is hard to find in a file of 90 questions.
 */
function describePath(raw: unknown, issuePath: readonly PropertyKey[]): string {
  if (issuePath.length === 0) return '(root)';
  const text = issuePath.map(String).join('.');
  const [head, index] = issuePath;
  if (head !== 'questions' || typeof index !== 'number') return text;
  const questions = (raw as { questions?: unknown }).questions;
  const q = Array.isArray(questions) ? (questions[index] as { id?: unknown } | undefined) : undefined;
  return typeof q?.id === 'string' ? `${text} (${q.id})` : text;
}

/** Loads every bank from one directory (a new bank is one entry in BANK_TYPES and its YAML file). */
export function loadAllBanks(dir: string = DEFAULT_BANK_DIR): Record<BankType, Bank> {
  // fromEntries over the full BANK_TYPES list yields every key; TypeScript cannot see that.
  return Object.fromEntries(BANK_TYPES.map((t) => [t, loadBank(t, dir)])) as Record<BankType, Bank>;
}
