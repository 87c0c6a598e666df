import type { Reaction } from '../brain.ts';
import { analyzeAnswer, quote } from '../offline/analyze.ts';
import { heuristicScore } from '../offline/score.ts';
import type { PlanQuestion, QuestionScore, RubricScore } from '../types.ts';
import type { ReactOutput, ScoreOutput } from './output.ts';

const round1 = (x: number) => Math.round(x * 10) / 10;
const clamp = (x: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, x));

/** An item the model scored with no quote from the answer cannot be better than "weak". */
export const NO_EVIDENCE_CAP = 2;
/** For short or suspicious answers, how far above the rules a model's item score may go. */
export const HEURISTIC_MARGIN = 1;
/** Answers shorter than this (in words) are scored with the rules as a ceiling. */
export const SHORT_ANSWER_WORDS = 25;

const SCORE_TALK = /\b\d(\.\d)?\s*(\/|out of)\s*(5|five|10|ten)\b|\b(scor(e|ed|ing)|rating|rated|grade|graded)\b/i;

function norm(s: string): string {
  return s
    .toLowerCase()
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/\s+/g, ' ')
    .trim();
}

/** True when every piece of the quote (split at ellipses) appears verbatim in the answer. */
export function isQuoteOf(answer: string, evidence: string): boolean {
  const a = norm(answer);
  const pieces = norm(evidence)
    .replace(/^["'\s]+|["'\s]+$/g, '')
    .split(/\s*(?:\.\.\.|…)\s*/)
    .map((p) => p.trim())
    .filter(Boolean);
  if (!pieces.length || pieces.join('').length < 4) return false;
  return pieces.every((p) => a.includes(p));
}

/** One plain line: no markup, no line breaks, bounded length. */
export function cleanLine(s: string, max: number): string {
  const t = s.replace(/[*_`#>]+/g, '').replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max - 1).trimEnd()}…` : t;
}

/**
 * Turns a model's rubric scores into the stored score, with checks in code:
 * item scores clamped to 0-5, evidence kept only if it is a real quote of the (cleaned)
 * answer, unsupported items capped, short answers held near the rules' judgement, and the
 * question score computed here as the weighted mean.
 *
 * `answer` is already free of injection sentences (they never reach the model), so the
 * same words score the same with or without an attempt attached; a cap keyed on "an
 * injection was found" would itself make the attempt change the score.
 */
export function guardScore(question: PlanQuestion, answer: string, out: ScoreOutput, scoredBy: string): QuestionScore {
  const rules = heuristicScore(question, answer);
  const words = analyzeAnswer(answer, question.keywords ?? []).words;
  const holdNearRules = words < SHORT_ANSWER_WORDS;
  const items: RubricScore[] = question.rubric.map((r, i) => {
    const m = out.items.find((x) => x.id === r.id);
    let score = m && Number.isFinite(m.score) ? clamp(m.score, 0, 5) : rules.items[i]!.score;
    const evidence = m && isQuoteOf(answer, m.evidence) ? quote(m.evidence.replace(/^["'\s]+|["'\s]+$/g, '')) : '';
    if (!evidence) score = Math.min(score, NO_EVIDENCE_CAP);
    if (holdNearRules) score = Math.min(score, rules.items[i]!.score + HEURISTIC_MARGIN);
    return { id: r.id, score: round1(score), evidence };
  });
  const weight = question.rubric.reduce((s, r) => s + r.weight, 0) || 1;
  const total = question.rubric.reduce((s, r, i) => s + r.weight * items[i]!.score, 0) / weight;
  const lines = (xs: string[]) => [...new Set(xs.map((x) => cleanLine(x, 220)).filter((x) => x.length > 3 && !SCORE_TALK.test(x)))].slice(0, 3);
  const strengths = lines(out.strengths);
  const improvements = lines(out.improvements);
  return {
    questionId: question.id,
    score: round1(clamp(total, 0, 5)),
    items,
    evidence: [...new Set(items.map((x) => x.evidence).filter(Boolean))].slice(0, 3),
    strengths,
    improvements: improvements.length ? improvements : rules.improvements,
    scoredBy,
    heuristic: false,
  };
}

/**
 * The model proposes; code decides. Follow-ups stop at the limit, an acknowledgement that
 * talks about scores or asks a second question is replaced by the rules' wording, and a
 * "declined" is only believed for a short message before any real answer.
 */
export function guardReaction(out: ReactOutput, ctx: { followUpsAsked: number; maxFollowUps: number; latestWords: number; canDecline: boolean }, rules: Reaction): Reaction {
  // After a real answer, "I can't say more" ends the follow-ups; it does not throw the answer away.
  const declined = out.declined && ctx.latestWords <= 40 && ctx.canDecline;
  const stopProbing = out.declined && !declined;
  const note = cleanLine(out.note, 100);
  const safeNote = note && !SCORE_TALK.test(note) ? note : undefined;
  if (declined) return { acknowledgement: '', declined: true, ...(safeNote ? { note: safeNote } : {}) };
  let ack = cleanLine(out.acknowledgement, 240);
  if (!ack || ack.includes('?') || SCORE_TALK.test(ack)) ack = rules.acknowledgement;
  let followUp: string | undefined;
  if (out.followUp && ctx.followUpsAsked < ctx.maxFollowUps && !stopProbing) {
    const line = cleanLine(out.followUp, 300);
    // One question per message: keep everything up to the first question mark.
    const q = line.includes('?') ? line.slice(0, line.indexOf('?') + 1) : line;
    if (q.length > 8 && !SCORE_TALK.test(q)) followUp = q;
  }
  return { acknowledgement: ack, declined: false, ...(followUp ? { followUp } : {}), ...(safeNote ? { note: safeNote } : {}) };
}
