import type { ScoreOutput } from '../llm/output.ts';
import type { LanguageCode } from '../language.ts';
import { analyzeAnswer, quote, wordTokens } from '../offline/analyze.ts';
import type { PlanQuestion, QuestionScore, RubricScore } from '../types.ts';
import { clamp, round1, weightedMean } from './aggregate.ts';
import { heuristicScore } from './heuristic.ts';
import { cleanLine, SCORE_TALK } from './lines.ts';
import { listen } from './record.ts';
import { HEURISTIC_MARGIN, NO_EVIDENCE_CAP, SHORT_ANSWER_WORDS } from './thresholds.ts';
import { truthfulAdvice } from './truthful.ts';

/** A quote shorter than this backs no score ("Sure." is not evidence). */
const MIN_QUOTE_WORDS = 4;

function norm(s: string): string {
  // NFC: a model may send "é" or "नि" composed differently from how the candidate's text arrived.
  return s
    .normalize('NFC')
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
export function guardScore(question: PlanQuestion, answer: string, out: ScoreOutput, scoredBy: string, o: { language?: LanguageCode } = {}): QuestionScore {
  const rules = heuristicScore(question, answer);
  const heard = listen(question, 'customize', answer);
  const words = analyzeAnswer(answer, question.keywords ?? []).words;
  // The rules read English only (their cues, topic words and caps): in another language they
  // would call every answer off topic. There the model judges, held only by the evidence check.
  const english = !o.language || o.language === 'en';
  const holdNearRules = english && words < SHORT_ANSWER_WORDS;
  // The rules' caps (no answer, off topic, named terms with nothing explained, a stated
  // misconception) hold for a model too: it may rank within them, never above.
  const cap = english && rules.cappedBecause ? rules.score : 5;
  const items: RubricScore[] = question.rubric.map((r, i) => {
    const m = out.items.find((x) => x.id === r.id);
    let score = m && Number.isFinite(m.score) ? clamp(m.score, 0, 5) : rules.items[i]!.score;
    const raw = m ? m.evidence.replace(/^["'\s]+|["'\s]+$/g, '') : '';
    // Words of any script: Chinese and Japanese quotes have no spaces between their words.
    const evidence = m && isQuoteOf(answer, m.evidence) && wordTokens(raw).length >= MIN_QUOTE_WORDS ? quote(raw) : '';
    if (!evidence) score = Math.min(score, NO_EVIDENCE_CAP);
    if (holdNearRules) score = Math.min(score, rules.items[i]!.score + HEURISTIC_MARGIN);
    score = Math.min(score, cap);
    return { id: r.id, score: round1(score), evidence };
  });
  const lines = (xs: string[]) => [...new Set(xs.map((x) => cleanLine(x, 220)).filter((x) => x.length > 3 && !SCORE_TALK.test(x)))].slice(0, 3);
  const strengths = lines(out.strengths);
  const improvements = english ? truthfulAdvice(heard, lines(out.improvements)) : lines(out.improvements);
  if (english && rules.cappedBecause) improvements.unshift(rules.cappedBecause);
  return {
    questionId: question.id,
    score: weightedMean(question.rubric, items),
    items,
    evidence: [...new Set(items.map((x) => x.evidence).filter(Boolean))].slice(0, 3),
    strengths,
    improvements: improvements.length ? [...new Set(improvements)].slice(0, 3) : english ? rules.improvements : [],
    scoredBy,
    heuristic: false,
    ...(english && rules.cappedBecause ? { cappedBecause: rules.cappedBecause } : {}),
  };
}
