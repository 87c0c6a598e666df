import type { z } from 'zod';
import { ValidationError } from './http-error.ts';

/** Parses `data` with `schema` or throws a ValidationError naming each bad field. */
export function parseOrThrow<S extends z.ZodType>(schema: S, data: unknown, where: 'body' | 'params' | 'query'): z.output<S> {
  const res = schema.safeParse(data ?? (where === 'body' ? undefined : {}));
  if (res.success) return res.data;
  const fields: Record<string, string> = {};
  for (const issue of res.error.issues) {
    const path = issue.path.map(String).join('.') || (where === 'body' ? 'body' : where);
    if (fields[path]) continue;
    fields[path] = describeIssue(issue, valueAt(data, issue.path));
  }
  throw new ValidationError(fields, where);
}

function valueAt(data: unknown, path: PropertyKey[]): unknown {
  let v: unknown = data;
  for (const k of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[k];
  }
  return v;
}

/** Short, human messages ("Required", "Must be at most 128 characters") instead of zod's defaults. */
function describeIssue(issue: z.core.$ZodIssue, value: unknown): string {
  switch (issue.code) {
    case 'invalid_type':
      if (value === undefined) return 'Required';
      if (issue.path.length === 0 && issue.expected === 'object') return 'Expected a JSON object';
      return `Expected ${issue.expected === 'array' ? 'an array' : `a ${issue.expected}`}`;
    case 'too_small':
      if (issue.origin === 'string') return Number(issue.minimum) <= 1 ? 'Must not be empty' : `Must be at least ${issue.minimum} characters`;
      if (issue.origin === 'array') return `Must have at least ${issue.minimum} items`;
      return `Must be at least ${issue.minimum}`;
    case 'too_big':
      if (issue.origin === 'string') return `Must be at most ${issue.maximum} characters`;
      if (issue.origin === 'array') return `Must have at most ${issue.maximum} items`;
      return `Must be at most ${issue.maximum}`;
    case 'invalid_value':
      return `Must be one of: ${issue.values.map(String).join(', ')}`;
    default:
      return issue.message;
  }
}
