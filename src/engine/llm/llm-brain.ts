import type { z } from 'zod';
import type { Brain, BrainResult, ReactContext, Reaction, ReportSummary, SummaryInput } from '../brain.ts';
import { analyzeAnswer, stripInjection } from '../offline/analyze.ts';
import { hasEarlierAnswer, OfflineBrain, summarizeHeuristically } from '../offline/interviewer.ts';
import { isNonAnswerTurn } from '../offline/listening.ts';
import { heuristicScore } from '../scoring/heuristic.ts';
import { guardScore } from '../scoring/model.ts';
import { MIN_JUDGEABLE_WORDS } from '../scoring/thresholds.ts';
import type { InterviewType, PlanQuestion, ProviderCall, QuestionScore } from '../types.ts';
import type { ProviderChain } from './chain.ts';
import { AllProvidersFailed } from './errors.ts';
import { cleanLine, guardReaction } from './guard.ts';
import { parseModelJson, ReactOutput, ScoreOutput, SummaryOutput } from './output.ts';
import { buildReactMessages, REACT_OUTPUT } from './prompts/react.ts';
import { buildScoreMessages, scoreOutput } from './prompts/score.ts';
import { buildSummaryMessages, SUMMARY_OUTPUT } from './prompts/summary.ts';
import type { ChatMessage, GenerateOptions } from './types.ts';

export interface LlmBrainOptions {
  chain: ProviderChain;
  /** Time for one reaction, the repair attempt included (LLM_TURN_DEADLINE_MS). */
  turnDeadlineMs?: number;
  now?: () => number;
}

/** The model's output failed validation twice; the calls were made (and billed) all the same. */
class InvalidOutput extends Error {
  readonly calls: ProviderCall[];
  readonly answeredBy: string[];
  constructor(message: string, calls: ProviderCall[]) {
    super(message);
    this.name = 'InvalidOutput';
    this.calls = calls;
    this.answeredBy = [...new Set(calls.map((c) => `${c.provider}/${c.model}`))];
  }
}

const NUMBER_SCORE = /\b\d(\.\d)?\s*(\/|out of)\s*(5|five|10|ten)\b/i;

/**
 * The interviewer on a language model: Alex's reactions, rubric scores and the closing
 * summary come from the provider chain, every output is validated and checked in code,
 * and whenever the chain cannot answer, the offline rules do (recorded as such).
 */
export class LlmBrain implements Brain {
  readonly name = 'llm';
  private readonly chain: ProviderChain;
  private readonly offline = new OfflineBrain();
  private readonly turnDeadlineMs: number;
  private readonly now: () => number;

  constructor(o: LlmBrainOptions) {
    this.chain = o.chain;
    this.turnDeadlineMs = o.turnDeadlineMs ?? 8000;
    this.now = o.now ?? Date.now;
  }

  async react(ctx: ReactContext, signal?: AbortSignal): Promise<BrainResult<Reaction>> {
    const rules = this.offline.reactSync(ctx);
    const latest = stripInjection(ctx.latest).text;
    const answer = stripInjection(ctx.answer).text;
    const a = analyzeAnswer(latest, ctx.question.keywords ?? []);
    // Some turns need no model: a plain "I don't know" (to the question or to a follow-up),
    // or nothing left once injections are removed.
    if (rules.declined || a.declined || isNonAnswerTurn(ctx) || !latest) return { value: rules, calls: [this.offlineCall('react')] };
    try {
      const out = await this.ask('react', buildReactMessages(ctx, answer, latest), { temperature: 0.6, maxOutputTokens: 300, json: REACT_OUTPUT }, ReactOutput, this.turnDeadlineMs, signal);
      const value = guardReaction(out.value, { followUpsAsked: ctx.followUpsAsked, maxFollowUps: ctx.maxFollowUps, latestWords: a.words, canDecline: !hasEarlierAnswer(ctx) }, rules);
      return { value, calls: out.calls };
    } catch (err) {
      return this.fallback(err, 'react', rules);
    }
  }

  async score(question: PlanQuestion, rawAnswer: string, ctx: { type: InterviewType; level: string }, signal?: AbortSignal): Promise<BrainResult<QuestionScore>> {
    const answer = stripInjection(rawAnswer).text;
    const a = analyzeAnswer(answer, question.keywords ?? []);
    // Nothing a model could judge fairly: let the rules say so, at no cost.
    if (a.gibberish || a.declined || a.words < MIN_JUDGEABLE_WORDS) return { value: heuristicScore(question, answer), calls: [this.offlineCall('score')] };
    const validIds = (v: z.infer<typeof ScoreOutput>) => {
      const missing = question.rubric.map((r) => r.id).filter((id) => !v.items.some((i) => i.id === id));
      return missing.length ? `items is missing rubric ids: ${missing.join(', ')}` : null;
    };
    try {
      const out = await this.ask('score', buildScoreMessages(question, answer, ctx), { temperature: 0.2, maxOutputTokens: 800, json: scoreOutput(question) }, ScoreOutput, this.turnDeadlineMs * 2, signal, validIds);
      const by = out.calls[out.calls.length - 1]!;
      return { value: guardScore(question, answer, out.value, `${by.provider}/${by.model}`), calls: out.calls };
    } catch (err) {
      return this.fallback(err, 'score', heuristicScore(question, answer));
    }
  }

  async summarize(input: SummaryInput, signal?: AbortSignal): Promise<BrainResult<ReportSummary>> {
    try {
      const out = await this.ask('summary', buildSummaryMessages(input), { temperature: 0.5, maxOutputTokens: 600, json: SUMMARY_OUTPUT }, SummaryOutput, this.turnDeadlineMs, signal);
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
    } catch (err) {
      return this.fallback(err, 'summary', summarizeHeuristically(input));
    }
  }

  /** One call, validated; on invalid output one repair request with the error; then give up. */
  private async ask<T>(purpose: ProviderCall['purpose'], messages: ChatMessage[], options: GenerateOptions, schema: z.ZodType<T>, deadlineMs: number, signal?: AbortSignal, extra?: (v: T) => string | null): Promise<{ value: T; calls: ProviderCall[] }> {
    const end = performance.now() + deadlineMs;
    const left = () => Math.max(0, end - performance.now());
    const calls: ProviderCall[] = [];
    const first = await this.chain.generate(messages, options, { purpose, deadlineMs: left(), ...(signal ? { signal } : {}) });
    calls.push(first.call);
    const parsed = parseModelJson(first.text, schema, extra);
    if (parsed.ok) return { value: parsed.value, calls };
    const repair: ChatMessage[] = [
      ...messages,
      { role: 'assistant', content: first.text.slice(0, 4000) },
      { role: 'user', content: `Your reply could not be used: ${parsed.error}. Reply again with only the JSON object, matching the schema exactly.` },
    ];
    let second;
    try {
      second = await this.chain.generate(repair, options, { purpose, deadlineMs: left(), ...(signal ? { signal } : {}) });
    } catch (err) {
      if (err instanceof AllProvidersFailed) throw new InvalidOutput(parsed.error, calls);
      throw err;
    }
    calls.push(second.call);
    const again = parseModelJson(second.text, schema, extra);
    if (again.ok) return { value: again.value, calls };
    throw new InvalidOutput(again.error, calls);
  }

  private fallback<T>(err: unknown, purpose: ProviderCall['purpose'], value: T): BrainResult<T> {
    const calls = err instanceof InvalidOutput ? [...err.calls] : [];
    const from = err instanceof AllProvidersFailed ? err.passedOver : err instanceof InvalidOutput ? err.answeredBy : [];
    calls.push(this.offlineCall(purpose, from));
    return { value, calls };
  }

  private offlineCall(purpose: ProviderCall['purpose'], fallbackFrom: string[] = []): ProviderCall {
    return { at: this.now(), purpose, provider: 'offline', model: 'rules', inputTokens: 0, outputTokens: 0, costUsd: 0, ms: 0, ...(fallbackFrom.length ? { fallbackFrom } : {}) };
  }
}
