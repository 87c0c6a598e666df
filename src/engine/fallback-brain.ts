import type { Logger } from 'pino';
import { type Brain, BrainFailure, type BrainResult, type ReactContext, type Reaction, type ReportSummary, type ScoreContext, type SummaryInput } from './brain.ts';
import { OfflineBrain, offlineCall } from './offline/interviewer.ts';
import type { PlanQuestion, ProviderCall, QuestionScore } from './types.ts';

/**
 * The interviewer's one fallback: the given brain first, the offline rules last. Whatever the
 * first brain throws, the rules answer, and the answer is recorded as an offline call whose
 * `fallbackFrom` names who did not answer: the one place fallbacks are counted (metrics read it
 * from the calls). Never throws.
 */
export class FallbackBrain implements Brain {
  readonly name: string;
  readonly primary: Brain;
  private readonly rules = new OfflineBrain();
  private readonly log: Logger | undefined;
  private readonly now: () => number;

  constructor(primary: Brain, o: { logger?: Logger; now?: () => number } = {}) {
    this.primary = primary;
    this.name = primary.name;
    this.log = o.logger;
    this.now = o.now ?? Date.now;
  }

  react(ctx: ReactContext, signal?: AbortSignal): Promise<BrainResult<Reaction>> {
    // The rules' reaction comes without scores: the question is scored later, by the model if it is back.
    return this.attempt('react', () => this.primary.react(ctx, signal), async () => {
      const r = await this.rules.react(ctx);
      const { score: _later, ...value } = r.value;
      // The rules word their reactions in English only. In an interview in another language they
      // say nothing rather than switch language mid-interview: the next (translated) question follows.
      if (ctx.language && ctx.language !== 'en') return { value: { acknowledgement: '', declined: value.declined, ...(value.note ? { note: value.note } : {}) }, calls: r.calls };
      return { value, calls: r.calls };
    });
  }

  score(question: PlanQuestion, answer: string, ctx: ScoreContext, signal?: AbortSignal): Promise<BrainResult<QuestionScore>> {
    return this.attempt('score', () => this.primary.score(question, answer, ctx, signal), () => this.rules.score(question, answer));
  }

  summarize(input: SummaryInput, signal?: AbortSignal): Promise<BrainResult<ReportSummary>> {
    return this.attempt('summary', () => this.primary.summarize(input, signal), () => this.rules.summarize(input));
  }

  private async attempt<T>(purpose: ProviderCall['purpose'], call: () => Promise<BrainResult<T>>, rules: () => Promise<BrainResult<T>>): Promise<BrainResult<T>> {
    try {
      return await call();
    } catch (err) {
      const failure = err instanceof BrainFailure ? err : undefined;
      const from = failure?.from.length ? failure.from : [this.primary.name];
      this.log?.warn({ err: failure?.cause ?? err, purpose, from }, 'interviewer model failed; offline rules answered');
      const r = await rules();
      return { value: r.value, calls: [...(failure?.calls ?? []), offlineCall(purpose, from, this.now())] };
    }
  }
}
