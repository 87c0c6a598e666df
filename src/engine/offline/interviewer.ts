import type { Brain, BrainResult, ReactContext, Reaction, ReportSummary, SummaryInput } from '../brain.ts';
import { noticesFor } from '../i18n/notices.ts';
import { createRng, pick } from '../rng.ts';
import { heuristicScore } from '../scoring/heuristic.ts';
import type { PlanQuestion, ProviderCall, QuestionScore } from '../types.ts';
import { hasEarlierRealAnswer, listenReaction } from './listening.ts';

/** The record of an answer the rules gave; `fallbackFrom` names who should have answered and did not. */
export function offlineCall(purpose: ProviderCall['purpose'], fallbackFrom: string[] = [], at = Date.now()): ProviderCall {
  return { at, purpose, provider: 'offline', model: 'rules', inputTokens: 0, outputTokens: 0, costUsd: 0, ms: 0, ...(fallbackFrom.length ? { fallbackFrom } : {}) };
}

/** Whether the candidate said something judgeable on this question before the latest message. */
export const hasEarlierAnswer = hasEarlierRealAnswer;

/** The built-in interviewer: bank questions, rule-chosen follow-ups, heuristic scores. Never fails. */
export class OfflineBrain implements Brain {
  readonly name = 'offline';

  /** When the reaction moves on, the answer is scored in the same step, as the model does. */
  async react(ctx: ReactContext): Promise<BrainResult<Reaction>> {
    const value = reactByRules(ctx);
    if (value.declined || value.followUp) return { value, calls: [offlineCall('react')] };
    return { value: { ...value, score: heuristicScore(ctx.question, ctx.answer) }, calls: [offlineCall('react')] };
  }

  reactSync(ctx: ReactContext): Reaction {
    return reactByRules(ctx);
  }

  async score(question: PlanQuestion, answer: string): Promise<BrainResult<QuestionScore>> {
    return { value: heuristicScore(question, answer), calls: [offlineCall('score')] };
  }

  async summarize(input: SummaryInput): Promise<BrainResult<ReportSummary>> {
    return { value: summarizeHeuristically(input), calls: [offlineCall('summary')] };
  }
}

/**
 * The rules' reaction, from the record of what the candidate said: a lifeline for a
 * non-answer, a redirect for an off-topic answer, a probe for the most valuable missing
 * part, or an acknowledgement that moves on.
 */
export function reactByRules(ctx: ReactContext): Reaction {
  return listenReaction(ctx);
}

/** Strengths and improvements that recur across answers, and a plain summary line. */
export function summarizeHeuristically(input: SummaryInput): ReportSummary {
  const count = (xs: string[]) => {
    const m = new Map<string, number>();
    for (const x of xs) m.set(x, (m.get(x) ?? 0) + 1);
    return [...m.entries()].sort((a, b) => b[1] - a[1]).map(([k]) => k);
  };
  const scored = input.questions.filter((q) => q.score);
  const strengths = count(scored.flatMap((q) => q.score!.strengths)).slice(0, 4);
  const improvements = count(scored.flatMap((q) => q.score!.improvements)).slice(0, 4);
  const answered = input.questions.filter((q) => q.status === 'answered').length;
  const byComp = [...scored].sort((a, b) => b.score!.score - a.score!.score);
  const best = byComp[0];
  const worst = byComp[byComp.length - 1];
  const name = (q: PlanQuestion) => input.competencyLabels?.[q.competency] ?? q.competency.replace(/-/g, ' ');
  const said = noticesFor(input.language);
  if (said) return { summary: said.rulesSummary(answered, input.questions.length, ...(best && worst && best !== worst ? [name(best.question), name(worst.question)] : [])), strengths, improvements };
  let summary = `You answered ${answered} of ${input.questions.length} questions.`;
  if (best && worst && best !== worst) {
    summary += ` Your strongest answer was on ${best.question.competency.replace(/-/g, ' ')}; the weakest on ${worst.question.competency.replace(/-/g, ' ')}.`;
  }
  summary += ' Scores come from the built-in rules (which parts each answer covered, how it explained or backed them, and whether it answered the question), not a language model.';
  return { summary, strengths, improvements };
}
