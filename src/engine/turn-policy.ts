import type { Reaction } from './brain.ts';
import { parseCommand, sanitizeText } from './input.ts';
import type { Action, AnswerRecord, EngineInput, SessionStatus } from './types.ts';

/** An input made ready for a turn: sanitised once, and read as a command at most once. */
export type TurnInput =
  | { kind: 'command'; command: Action; /** Said "next" (or "move on"), not "skip": acknowledged differently. */ saidNext: boolean }
  | { kind: 'answer'; text: string };

/** A message that is only a control word ("skip", "repeat please") acts like that button. */
export function readInput(input: EngineInput): TurnInput {
  if (input.kind === 'command') return { kind: 'command', command: input.command, saidNext: false };
  const text = sanitizeText(input.text);
  const cmd = parseCommand(text);
  if (cmd === 'next') return { kind: 'command', command: 'skip', saidNext: true };
  if (cmd) return { kind: 'command', command: cmd, saidNext: false };
  return { kind: 'answer', text };
}

export interface Refusal {
  code: string;
  message: string;
}

/** Why an answer cannot be taken as it is (nothing is recorded then), or null. */
export function refuseAnswer(text: string, maxChars: number, status: SessionStatus): Refusal | null {
  if (!text) return { code: 'empty', message: "I didn't get an answer there. Type your answer, or say skip to move on." };
  if (text.length > maxChars) {
    return { code: 'too_long', message: `That answer is ${text.length.toLocaleString('en-US')} characters; the limit is ${maxChars.toLocaleString('en-US')}. Nothing was recorded: please shorten it and send it again.` };
  }
  if (status === 'paused') return { code: 'paused', message: 'The interview is paused. Say resume when you are ready, and I will repeat the question.' };
  return null;
}

/**
 * What the reaction to an answer means for the question:
 * - `keep-earlier`: "not sure" after an earlier answer: drop the latest message, keep the answer, move on;
 * - `declined`: the candidate declined the question; never re-asked;
 * - `follow-up`: ask the reaction's follow-up (only while under the limit);
 * - `close`: the answer is complete; move on.
 */
export type AnswerStep = 'keep-earlier' | 'declined' | 'follow-up' | 'close';

export function stepAfter(reaction: Reaction, ans: Pick<AnswerRecord, 'parts' | 'followUps'>, maxFollowUps: number, earlierAnswer = ans.parts.length > 1): AnswerStep {
  if (reaction.declined) return ans.parts.length > 1 && earlierAnswer ? 'keep-earlier' : 'declined';
  if (reaction.followUp && ans.followUps < maxFollowUps) return 'follow-up';
  return 'close';
}

/** Whether the plan is done or the time budget is spent, after moving to question `next`. */
export function shouldClose(next: number, planLength: number, activeMs: number, budgetMinutes: number): { close: boolean; overTime: boolean } {
  const overTime = activeMs > budgetMinutes * 60_000;
  return { close: next >= planLength || overTime, overTime };
}
