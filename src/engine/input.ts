import type { Action } from './types.ts';

export const DEFAULT_MAX_ANSWER_CHARS = 8000;

/** Removes control characters (keeping newlines and tabs) and normalises whitespace at the ends. */
export function sanitizeText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g, '')
    .trim();
}

const COMMANDS: Record<string, Action | 'next'> = {
  skip: 'skip', pass: 'skip', next: 'next', 'next question': 'next', 'move on': 'next',
  repeat: 'repeat', 'say that again': 'repeat', 'repeat the question': 'repeat', 'can you repeat that': 'repeat', again: 'repeat',
  pause: 'pause', 'hold on': 'pause', resume: 'resume', continue: 'resume', "i'm back": 'resume',
  end: 'end', stop: 'end', quit: 'end', 'end interview': 'end', 'end the interview': 'end', 'stop the interview': 'end',
};

/**
 * A message that is only a control word ("skip", "repeat please", "end.") acts like the
 * button of that name, so typed and spoken commands work the same everywhere.
 */
export function parseCommand(text: string): Action | 'next' | null {
  const t = text.toLowerCase().replace(/[.!?,]+/g, '').replace(/\b(please|alex|ok|okay)\b/g, '').replace(/\s+/g, ' ').trim();
  return COMMANDS[t] ?? null;
}
