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
}

export interface SummaryInput {
  type: InterviewType;
  role: string;
  userName?: string;
  questions: { question: PlanQuestion; score?: QuestionScore; status: string }[];
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
 * The interviewer's judgement. The offline rules implement it; the language-model
 * interviewer implements it on top of the provider chain and falls back to the rules.
 */
export interface Brain {
  readonly name: string;
  react(ctx: ReactContext, signal?: AbortSignal): Promise<BrainResult<Reaction>>;
  score(question: PlanQuestion, answer: string, ctx: { type: InterviewType; level: string }, signal?: AbortSignal): Promise<BrainResult<QuestionScore>>;
  summarize(input: SummaryInput, signal?: AbortSignal): Promise<BrainResult<ReportSummary>>;
}
