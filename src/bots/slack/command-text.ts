// What a person asks for, from `/interview …`, a mention of the app, or a DM. One parser for all
// three so the words mean the same everywhere.
import { parseLevel, parseRole, parseType } from '../../engine/interview-types.ts';
import type { InterviewType, Level } from '../../engine/types.ts';

export type Request =
  | { kind: 'help' }
  | { kind: 'end' }
  | { kind: 'report' }
  | { kind: 'history' }
  | { kind: 'dashboard' }
  | { kind: 'forget' }
  | { kind: 'start'; type: InterviewType; role?: string; level?: Level };

const WORDS: Record<string, Request['kind']> = {
  help: 'help', '?': 'help', commands: 'help',
  end: 'end', stop: 'end', quit: 'end', cancel: 'end',
  report: 'report', feedback: 'report', results: 'report',
  history: 'history', stats: 'history', progress: 'history',
  dashboard: 'dashboard', web: 'dashboard', link: 'dashboard',
  forget: 'forget', 'delete-my-data': 'forget',
};

/**
 * Parses the words after the command. Throws the engine's UserError (safe to show) for an unknown
 * interview type, role or level, so nothing is posted for a request that cannot start.
 */
export function parseRequest(text: string): Request {
  const words = text.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return { kind: 'help' };
  const first = words[0]!.toLowerCase();
  const fixed = WORDS[first];
  if (fixed && words.length === 1) return { kind: fixed } as Request;
  const type = parseType(first);
  let rest = words.slice(1);
  let level: Level | undefined;
  // "senior backend engineer": a level word may lead the role words.
  if (rest.length > 0) {
    try {
      level = parseLevel(rest[0]!);
      rest = rest.slice(1);
    } catch {
      level = undefined;
    }
  }
  const roleWords = rest.join(' ');
  const role = roleWords ? parseRole(roleWords).role : undefined;
  return { kind: 'start', type, ...(role ? { role } : {}), ...(level ? { level } : {}) };
}
