import { analyzeAnswer } from '../offline/analyze.ts';

/** An item a model scored with no quote from the answer cannot be better than "weak". */
export const NO_EVIDENCE_CAP = 2;
/** For short or suspicious answers, how far above the rules a model's item score may go. */
export const HEURISTIC_MARGIN = 1;
/** Answers shorter than this (in words) are scored by a model with the rules as a ceiling. */
export const SHORT_ANSWER_WORDS = 25;
/** Fewer words than this is no answer a model could judge fairly. */
export const MIN_JUDGEABLE_WORDS = 8;
/** A report needs at least this many judgeable answers ... */
export const MIN_JUDGEABLE_ANSWERS = 2;
/** ... holding at least this many words in all, or it says "not enough to judge". */
export const MIN_JUDGEABLE_TOTAL_WORDS = 60;

/** True when an answer carries enough real language to be judged at all. */
export function judgeable(text: string): boolean {
  const a = analyzeAnswer(text);
  return !a.gibberish && !a.declined && a.words >= MIN_JUDGEABLE_WORDS;
}

/** Whether a set of answers is too thin for any verdict; returns the count of usable ones too. */
export function tooThinToJudge(answers: readonly string[]): { thin: boolean; usable: number } {
  const usable = answers.filter(judgeable);
  const words = usable.reduce((s, a) => s + analyzeAnswer(a).words, 0);
  return { thin: usable.length < MIN_JUDGEABLE_ANSWERS || words < MIN_JUDGEABLE_TOTAL_WORDS, usable: usable.length };
}
