import type { Brain, BrainResult, ReactContext, Reaction, ReportSummary, SummaryInput } from '../brain.ts';
import { createRng, pick } from '../rng.ts';
import type { PlanQuestion, ProviderCall, QuestionScore } from '../types.ts';
import { analyzeAnswer, stripInjection } from './analyze.ts';
import { heuristicScore } from '../scoring/heuristic.ts';

const STAR_FOLLOW_UPS = {
  situation: ['Can you set the scene first? Where were you, and what was at stake?', 'What was the context? Tell me a little about the team and the situation.'],
  action: ['What did you personally do? Walk me through your steps.', 'Zooming in on your part: what actions did you take yourself?'],
  result: ['How did it turn out? Can you put a number on the result?', 'What was the outcome, and how did you know it worked?'],
} as const;

/** The record of an answer the rules gave; `fallbackFrom` names who should have answered and did not. */
export function offlineCall(purpose: ProviderCall['purpose'], fallbackFrom: string[] = [], at = Date.now()): ProviderCall {
  return { at, purpose, provider: 'offline', model: 'rules', inputTokens: 0, outputTokens: 0, costUsd: 0, ms: 0, ...(fallbackFrom.length ? { fallbackFrom } : {}) };
}

function acknowledgement(ctx: ReactContext, a: ReturnType<typeof analyzeAnswer>): string {
  const rand = createRng(ctx.seed + ctx.followUpsAsked * 7 + ctx.answer.length);
  const term = a.namedTerms.find((t) => t.length <= 24);
  if (a.numbers.length > 0 && a.words > 40) return pick(['Thanks, the concrete numbers help.', 'Good, that gives me a clear sense of the impact.', 'Thanks, that is specific.'], rand);
  if (term && a.words > 30) return pick([`Thanks, the detail about ${term} helps.`, `Got it, that's useful context on ${term}.`], rand);
  if (a.words > 60) return pick(['Thanks, that was thorough.', 'Okay, that gives me a good picture.', 'Thank you, that helps.'], rand);
  return pick(['Thanks.', 'Okay, thank you.', 'Got it.', 'Alright.'], rand);
}

/** Whether the candidate said something judgeable on this question before the latest message. */
export function hasEarlierAnswer(ctx: Pick<ReactContext, 'answer' | 'latest' | 'followUpsAsked'>): boolean {
  if (ctx.followUpsAsked === 0) return false;
  const earlier = ctx.answer.endsWith(ctx.latest) ? ctx.answer.slice(0, ctx.answer.length - ctx.latest.length) : ctx.answer;
  const a = analyzeAnswer(stripInjection(earlier).text);
  return a.words >= 8 && !a.gibberish && !a.declined;
}

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

/** The rules' reaction: decline, a STAR or specifics follow-up, or an acknowledgement that moves on. */
export function reactByRules(ctx: ReactContext): Reaction {
  // Attempts to instruct the interviewer are not part of the answer and steer nothing.
  const latest = analyzeAnswer(stripInjection(ctx.latest).text, ctx.question.keywords ?? []);
  const whole = analyzeAnswer(stripInjection(ctx.answer).text, ctx.question.keywords ?? []);
  if (latest.declined) {
    // "Not sure" to a follow-up is not a refusal of the question: keep what was said and move on.
    if (hasEarlierAnswer(ctx)) return { acknowledgement: pick(["That's fine, thank you.", 'Okay, no problem.', 'Understood, thanks.'], createRng(ctx.seed)), declined: false };
    return { acknowledgement: '', declined: true, note: `declined "${ctx.question.competency}"` };
  }
  const ack = acknowledgement(ctx, latest);
  if (ctx.followUpsAsked >= ctx.maxFollowUps) return { acknowledgement: ack, declined: false };
  const rand = createRng(ctx.seed + ctx.followUpsAsked * 13 + ctx.question.id.length);

  if (latest.gibberish || whole.words < 6) {
    return { acknowledgement: '', followUp: "I didn't quite follow that. Could you answer in a few sentences, with an example from your experience?", declined: false };
  }
  if (ctx.type === 'behavioral' || (ctx.type === 'customize' && ctx.question.competency !== 'technical')) {
    const missing = (['situation', 'action', 'result'] as const).find((p) => !whole.star[p]);
    if (missing && (ctx.type === 'behavioral' || whole.words < 60)) {
      return { acknowledgement: ack, followUp: pick(STAR_FOLLOW_UPS[missing], rand), declined: false, note: `answer lacked ${missing}` };
    }
  }
  const thin = whole.words < 40 || (whole.numbers.length === 0 && whole.namedTerms.length === 0 && whole.keywordHits.length === 0 && whole.words < 90);
  if (thin) {
    const used = ctx.followUpsAsked;
    const followUp = ctx.question.followUps[used % ctx.question.followUps.length] ?? 'Could you give me a concrete example?';
    return { acknowledgement: ack, followUp, declined: false, note: 'short answer' };
  }
  return { acknowledgement: ack, declined: false };
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
  let summary = `You answered ${answered} of ${input.questions.length} questions.`;
  if (best && worst && best !== worst) {
    summary += ` Your strongest answer was on ${best.question.competency.replace(/-/g, ' ')}; the weakest on ${worst.question.competency.replace(/-/g, ' ')}.`;
  }
  summary += ' Scores come from the built-in rules (structure, specifics, numbers, length), not a language model.';
  return { summary, strengths, improvements };
}
