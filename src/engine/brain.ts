import type { LanguageCode } from './language.ts';
import type { InterviewType, PlanQuestion, ProviderCall, QuestionScore } from './types.ts';

/** What the interviewer needs to know to react to an answer; deliberately lean. */
export interface ReactContext {
  type: InterviewType;
  role: string;
  level: string;
  userName?: string;
  question: PlanQuestion;
  /** All of the candidate's words for this question so far (follow-up answers included). */
  answer: string;
  /** Just the latest message. */
  latest: string;
  followUpsAsked: number;
  maxFollowUps: number;
  /** The follow-ups already asked on this question, in order (none is asked twice). */
  askedFollowUps?: string[];
  /** Short running notes about the candidate (not the transcript). */
  summary: string;
  /** For varied phrasing; same input gives the same words in tests. */
  seed: number;
  /** The interview's language (default English): Alex replies in it. */
  language?: LanguageCode;
}

export interface Reaction {
  /** A natural acknowledgement of what the candidate said. */
  acknowledgement: string;
  /** A probing question, or undefined to move on. */
  followUp?: string;
  /** True when the candidate declined this question (never re-asked). */
  declined: boolean;
  /** One short line to append to the running candidate notes. */
  note?: string;
  /**
   * The rubric scores of the whole answer, when this reaction moved on and scored the answer in
   * the same call. Absent when scoring is left to a separate call (the scoring scheduler's job).
   */
  score?: QuestionScore;
}

/** What scoring needs besides the question and the answer. */
export interface ScoreContext {
  type: InterviewType;
  level: string;
  role?: string;
  /** Strengths and improvements are written in this language; evidence stays the candidate's own words. */
  language?: LanguageCode;
}

/**
 * A brain could not answer. The calls it made before giving up (billed all the same) and the
 * providers that did not answer travel with it, so the fallback records them.
 */
export class BrainFailure extends Error {
  readonly calls: ProviderCall[];
  readonly from: string[];
  constructor(message: string, calls: ProviderCall[], from: string[], options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'BrainFailure';
    this.calls = calls;
    this.from = from;
  }
}

export interface SummaryInput {
  type: InterviewType;
  role: string;
  userName?: string;
  questions: { question: PlanQuestion; score?: QuestionScore; status: string }[];
  language?: LanguageCode;
}

export interface ReportSummary {
  summary: string;
  strengths: string[];
  improvements: string[];
}

/** Calls made while thinking, reported back so the session can record provider, tokens and cost. */
export interface BrainResult<T> {
  value: T;
  calls: ProviderCall[];
}

/**
 * The interviewer's judgement. The offline rules implement it and never fail; the language-model
 * interviewer implements it on top of the provider chain; FallbackBrain puts the rules behind
 * any other brain, so a failure becomes a rules answer recorded as a fallback.
 */
export interface Brain {
  readonly name: string;
  react(ctx: ReactContext, signal?: AbortSignal): Promise<BrainResult<Reaction>>;
  score(question: PlanQuestion, answer: string, ctx: ScoreContext, signal?: AbortSignal): Promise<BrainResult<QuestionScore>>;
  summarize(input: SummaryInput, signal?: AbortSignal): Promise<BrainResult<ReportSummary>>;
}
