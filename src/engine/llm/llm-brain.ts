import type { LanguageCode } from '../language.ts';
import type { Logger } from 'pino';
import type { z } from 'zod';
import { type Brain, BrainFailure, type BrainResult, type ReactContext, type Reaction, type ReportSummary, type ScoreContext, type SummaryInput } from '../brain.ts';
import { FallbackBrain } from '../fallback-brain.ts';
import { analyzeAnswer, stripInjection } from '../offline/analyze.ts';
import { hasEarlierAnswer, offlineCall, reactByRules } from '../offline/interviewer.ts';
import { isNonAnswerTurn } from '../offline/listening.ts';
import { heuristicScore } from '../scoring/heuristic.ts';
import { guardScore } from '../scoring/model.ts';
import { MIN_JUDGEABLE_WORDS } from '../scoring/thresholds.ts';
import type { PlanQuestion, ProviderCall, QuestionScore } from '../types.ts';
import type { ProviderChain } from './chain.ts';
import { AllProvidersFailed } from './errors.ts';
import { cleanLine, guardReaction } from './guard.ts';
import { parseModelJson, ReactOutput, ScoreOutput, SummaryOutput } from './output.ts';
import { buildReactMessages, REACT_OUTPUT, reactOutput } from './prompts/react.ts';
import { buildScoreMessages, scoreOutput } from './prompts/score.ts';
import { buildSummaryMessages, SUMMARY_OUTPUT } from './prompts/summary.ts';
import type { ChatMessage, GenerateOptions } from './types.ts';

export interface LlmBrainOptions {
  chain: ProviderChain;
  /** Time for one reaction, the repair attempt included (LLM_TURN_DEADLINE_MS). */
  turnDeadlineMs?: number;
  /**
   * The reaction that closes a question also returns its rubric scores (one call instead of
   * two). Off: every closed question gets its own scoring call (the earlier design).
   */
  scoreWithReaction?: boolean;
  logger?: Logger;
  now?: () => number;
}

/** The model's output failed validation twice; the calls were made (and billed) all the same. */
class InvalidOutput extends BrainFailure {
  constructor(message: string, calls: ProviderCall[]) {
    super(message, calls, [...new Set(calls.map((c) => `${c.provider}/${c.model}`))]);
    this.name = 'InvalidOutput';
  }
}

const NUMBER_SCORE = /\b\d(\.\d)?\s*(\/|out of)\s*(5|five|10|ten)\b/i;

/** Nothing a model could judge fairly: the rules say so, at no cost. */
function tooThinToScore(question: PlanQuestion, answer: string): boolean {
  const a = analyzeAnswer(answer, question.keywords ?? []);
  return a.gibberish || a.declined || a.words < MIN_JUDGEABLE_WORDS;
}

function missingRubricIds(question: PlanQuestion, v: z.infer<typeof ScoreOutput>): string | null {
  const missing = question.rubric.map((r) => r.id).filter((id) => !v.items.some((i) => i.id === id));
  return missing.length ? `items is missing rubric ids: ${missing.join(', ')}` : null;
}

/**
 * The interviewer on a language model: Alex's reactions (with the rubric scores when a
 * reaction closes a question), separate scores when those are missing, and the closing
 * summary, all from the provider chain. Every output is validated and checked in code.
 * When the chain cannot answer it throws a BrainFailure carrying the calls made; LlmBrain
 * puts the offline rules behind it.
 */
export class ModelBrain implements Brain {
  readonly name = 'llm';
  private readonly chain: ProviderChain;
  private readonly turnDeadlineMs: number;
  private readonly scoreWithReaction: boolean;
  private readonly log: Logger | undefined;
  private readonly now: () => number;

  constructor(o: LlmBrainOptions) {
    this.chain = o.chain;
    this.turnDeadlineMs = o.turnDeadlineMs ?? 8000;
    this.scoreWithReaction = o.scoreWithReaction ?? true;
    this.log = o.logger;
    this.now = o.now ?? Date.now;
  }

  async react(ctx: ReactContext, signal?: AbortSignal): Promise<BrainResult<Reaction>> {
    const rules = reactByRules(ctx);
    const latest = stripInjection(ctx.latest).text;
    const answer = stripInjection(ctx.answer).text;
    const a = analyzeAnswer(latest, ctx.question.keywords ?? []);
    // Some turns need no model: a plain "I don't know" (to the question or to a follow-up),
    // or nothing left once injections are removed.
    // A non-answer ("I don't have an example") gets the rules' one lifeline: no model needed.
    if (rules.declined || a.declined || isNonAnswerTurn(ctx) || !latest) return { value: rules, calls: [offlineCall('react', [], this.now())] };
    const fused = this.scoreWithReaction;
    const options: GenerateOptions = { temperature: 0.6, maxOutputTokens: fused ? 1100 : 300, json: fused ? reactOutput(ctx.question) : REACT_OUTPUT };
    const out = await this.ask('react', buildReactMessages(ctx, answer, latest, { withScores: fused }), options, ReactOutput, this.turnDeadlineMs, signal);
    const value = guardReaction(out.value, { followUpsAsked: ctx.followUpsAsked, maxFollowUps: ctx.maxFollowUps, latestWords: a.words, canDecline: !hasEarlierAnswer(ctx) }, rules);
    if (!fused || value.declined || value.followUp) return { value, calls: out.calls };
    // The reaction moves on: the question is closed, and its scores came in the same call.
    const closing = this.closingScore(ctx.question, answer, out.value.scores, out.calls, ctx.language);
    return { value: closing ? { ...value, score: closing.value } : value, calls: [...out.calls, ...(closing?.calls ?? [])] };
  }

  /**
   * The scores a closing reaction carried, checked like a scoring call's. Scores that fail
   * validation are dropped (the reaction stands) and the engine scores the answer separately.
   */
  private closingScore(question: PlanQuestion, answer: string, raw: unknown, calls: ProviderCall[], language?: LanguageCode): BrainResult<QuestionScore> | null {
    if (tooThinToScore(question, answer)) return { value: heuristicScore(question, answer), calls: [offlineCall('score', [], this.now())] };
    if (raw === undefined || raw === null) return null;
    const parsed = ScoreOutput.safeParse(raw);
    const problem = parsed.success ? missingRubricIds(question, parsed.data) : parsed.error.issues[0]?.message;
    if (!parsed.success || problem) {
      this.log?.info({ question: question.id, problem }, 'scores in the reaction were unusable; scoring separately');
      return null;
    }
    const by = calls[calls.length - 1]!;
    return { value: guardScore(question, answer, parsed.data, `${by.provider}/${by.model}`, language ? { language } : {}), calls: [] };
  }

  async score(question: PlanQuestion, rawAnswer: string, ctx: ScoreContext, signal?: AbortSignal): Promise<BrainResult<QuestionScore>> {
    const answer = stripInjection(rawAnswer).text;
    if (tooThinToScore(question, answer)) return { value: heuristicScore(question, answer), calls: [offlineCall('score', [], this.now())] };
    const out = await this.ask('score', buildScoreMessages(question, answer, ctx), { temperature: 0.2, maxOutputTokens: 800, json: scoreOutput(question) }, ScoreOutput, this.turnDeadlineMs * 2, signal, (v) => missingRubricIds(question, v));
    const by = out.calls[out.calls.length - 1]!;
    return { value: guardScore(question, answer, out.value, `${by.provider}/${by.model}`, ctx.language ? { language: ctx.language } : {}), calls: out.calls };
  }

  async summarize(input: SummaryInput, signal?: AbortSignal): Promise<BrainResult<ReportSummary>> {
    // At most one call for the report's narrative: an unusable one is replaced by the rules' summary, not repaired.
    const out = await this.ask('summary', buildSummaryMessages(input), { temperature: 0.5, maxOutputTokens: 600, json: SUMMARY_OUTPUT }, SummaryOutput, this.turnDeadlineMs, signal, undefined, false);
    const lines = (xs: string[]) => [...new Set(xs.map((x) => cleanLine(x, 220)).filter((x) => x.length > 3 && !NUMBER_SCORE.test(x)))].slice(0, 4);
    // Numbers in the report come from code; sentences quoting a score are dropped.
    const summary = out.value.summary
      .split(/(?<=[.!?])\s+/)
      .filter((s) => !NUMBER_SCORE.test(s))
      .join(' ')
      .replace(/\s+/g, ' ')
      .trim()
      .slice(0, 1200);
    if (summary.length < 10) throw new InvalidOutput('the summary was empty once scores were removed', out.calls);
    return { value: { summary, strengths: lines(out.value.strengths), improvements: lines(out.value.improvements) }, calls: out.calls };
  }

  /** One call, validated; on invalid output one repair request with the error (unless `repair` is off); then give up. */
  private async ask<T>(purpose: ProviderCall['purpose'], messages: ChatMessage[], options: GenerateOptions, schema: z.ZodType<T>, deadlineMs: number, signal?: AbortSignal, extra?: (v: T) => string | null, repair = true): Promise<{ value: T; calls: ProviderCall[] }> {
    const end = performance.now() + deadlineMs;
    const left = () => Math.max(0, end - performance.now());
    const calls: ProviderCall[] = [];
    const generate = async (m: ChatMessage[]) => {
      try {
        return await this.chain.generate(m, options, { purpose, deadlineMs: left(), ...(signal ? { signal } : {}) });
      } catch (err) {
        if (err instanceof AllProvidersFailed) throw new BrainFailure(err.message, calls, err.passedOver, { cause: err });
        throw err;
      }
    };
    const first = await generate(messages);
    calls.push(first.call);
    const parsed = parseModelJson(first.text, schema, extra);
    if (parsed.ok) return { value: parsed.value, calls };
    if (!repair) throw new InvalidOutput(parsed.error, calls);
    const repairMessages: ChatMessage[] = [
      ...messages,
      { role: 'assistant', content: first.text.slice(0, 4000) },
      { role: 'user', content: `Your reply could not be used: ${parsed.error}. Reply again with only the JSON object, matching the schema exactly.` },
    ];
    let second;
    try {
      second = await generate(repairMessages);
    } catch (err) {
      if (err instanceof BrainFailure) throw new InvalidOutput(parsed.error, calls);
      throw err;
    }
    calls.push(second.call);
    const again = parseModelJson(second.text, schema, extra);
    if (again.ok) return { value: again.value, calls };
    throw new InvalidOutput(again.error, calls);
  }
}

/**
 * The language-model interviewer as the engine uses it: the model first, the offline rules
 * last (recorded as a fallback, with the calls the model made and who did not answer).
 */
export class LlmBrain extends FallbackBrain {
  constructor(o: LlmBrainOptions) {
    super(new ModelBrain(o), { ...(o.logger ? { logger: o.logger } : {}), ...(o.now ? { now: o.now } : {}) });
  }
}
