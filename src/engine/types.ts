import type { Difficulty, Level, Misconception, RubricItem, RubricSignal, Track } from './bank/schema.ts';
import type { LanguageCode } from './language.ts';

export type { Difficulty, Level, Misconception, RubricItem, RubricSignal, Track };

export const INTERVIEW_TYPES = ['screening', 'behavioral', 'technical', 'customize'] as const;
export type InterviewType = (typeof INTERVIEW_TYPES)[number];

/** Where a question came from; customize questions cite the document lines they are about. */
export interface QuestionSource {
  kind: 'bank' | 'document' | 'gap';
  /** e.g. "resume.pdf lines 12-14" with the quoted text; shown in the report. */
  refs?: { source: string; lineStart: number; lineEnd: number; quote: string }[];
}

/** The kind of answer a question asks for: a story, a reason backed by specifics, or an explanation. */
export type AnswerKind = 'behavioral' | 'screening' | 'technical';

export interface PlanQuestion {
  id: string;
  text: string;
  competency: string;
  difficulty: Difficulty;
  /**
   * The kind of answer it asks for, where the interview type does not say (a customize plan
   * mixes all three). Absent: read from the interview type, competency and wording.
   */
  asks?: AnswerKind;
  category?: string;
  keywords?: string[];
  /** Technical: key concepts a correct answer names. */
  concepts?: string[];
  /** Technical: wrong beliefs the answer is checked against. */
  misconceptions?: Misconception[];
  rubric: RubricItem[];
  followUps: string[];
  source: QuestionSource;
  /** The bank's English wording, when `text` is a translation. */
  english?: string;
  /** What a strong answer includes, in the interview's language (translated with the plan). */
  strongAnswer?: string;
}

export type Speaker = 'interviewer' | 'candidate';

export interface Turn {
  role: Speaker;
  text: string;
  /** Epoch ms. */
  at: number;
  /** Index into the plan this turn belongs to; -1 for greeting/closing. */
  q: number;
  kind: 'greeting' | 'question' | 'follow-up' | 'acknowledgement' | 'nudge' | 'closing' | 'answer' | 'repeat' | 'notice';
}

/** 0-5 per rubric item, with the candidate's own words as evidence. */
export interface RubricScore {
  id: string;
  score: number;
  evidence: string;
}

export interface QuestionScore {
  questionId: string;
  /** 0-5, weighted over rubric items; computed in code. */
  score: number;
  items: RubricScore[];
  /** Short quotes from the candidate's answer backing the score. */
  evidence: string[];
  strengths: string[];
  improvements: string[];
  /** 'heuristic' when the offline rules scored it; otherwise the provider/model. */
  scoredBy: string;
  heuristic: boolean;
  /** Why the score was held down (off topic, no answer, a misconception), when it was. */
  cappedBecause?: string;
}

export interface AnswerRecord {
  questionId: string;
  /** Everything the candidate said for this question, follow-up answers included. */
  parts: string[];
  status: 'pending' | 'answered' | 'skipped' | 'declined' | 'unanswered';
  followUps: number;
  score?: QuestionScore;
}

/** One call to a language model (or the offline interviewer), for cost and transparency. */
export interface ProviderCall {
  at: number;
  purpose: 'react' | 'score' | 'summary' | 'plan' | 'translate';
  provider: string;
  model: string;
  inputTokens: number;
  /** Part of inputTokens served from the provider's prompt cache (a repeated prompt prefix). */
  cachedInputTokens?: number;
  outputTokens: number;
  costUsd: number;
  ms: number;
  fallbackFrom?: string[];
}

export type SessionStatus = 'active' | 'paused' | 'completed' | 'ended';

export interface Session {
  /** Stable id (also used by the HTTP API). */
  id: string;
  /** Surface-specific key naming the place, e.g. `discord:<guild>:<thread>`. */
  key: string;
  userKey: string;
  userName?: string;
  type: InterviewType;
  role: string;
  track: Track | 'general';
  level: Level;
  mode: 'text' | 'voice';
  /** The language the interview runs in: questions, Alex's words, the report, speech. */
  language: LanguageCode;
  /**
   * Set while the candidate is asked whether to continue in English (another language was
   * asked for and no language model is available): the language asked for.
   */
  englishOnlyAsked?: LanguageCode;
  /** The language first asked for, when the candidate agreed to continue in English instead. */
  requestedLanguage?: LanguageCode;
  /** Competency ids -> names in the interview's language (translated with the questions). */
  competencyLabels?: Record<string, string>;
  status: SessionStatus;
  seed: number;
  plan: PlanQuestion[];
  answers: AnswerRecord[];
  /** Index of the current question in the plan. */
  current: number;
  transcript: Turn[];
  /** Active (unpaused) time used so far, ms. */
  activeMs: number;
  /** When the current active stretch started (epoch ms), null while paused/finished. */
  activeSince: number | null;
  budgetMinutes: number;
  createdAt: number;
  updatedAt: number;
  /** Running one-line notes about the candidate, kept short for prompts. */
  summary: string;
  calls: ProviderCall[];
  /** Plain statement of the mode this interview runs in (provider, retrieval), shown once. */
  modeNotes: string[];
  /** Extra data surfaces keep with the session (thread ids, channel for summary...). */
  surface?: Record<string, string | number | boolean>;
  wrapUp?: boolean;
  report?: Report;
  version: number;
  /** The last few client turn ids with the reply each got, so a retried request is answered, not applied twice. */
  turns?: { id: string; reply: Omit<Reply, 'report'> }[];
}

export type Band = 'strong' | 'solid' | 'developing' | 'needs-work' | 'not-enough-to-judge';

export interface Report {
  sessionId: string;
  type: InterviewType;
  /** The language the report is written in (absent in reports from before languages existed: English). */
  language?: LanguageCode;
  /** Competency ids -> names in the report's language, for headings and chart labels. */
  competencyLabels?: Record<string, string>;
  role: string;
  level: Level;
  userName?: string;
  createdAt: number;
  finishedAt: number;
  durationMinutes: number;
  overall: { score: number | null; band: Band; label: string };
  questions: {
    id: string;
    question: string;
    competency: string;
    status: AnswerRecord['status'];
    score: number | null;
    evidence: string[];
    strengths: string[];
    improvements: string[];
    scoredBy: string;
    heuristic: boolean;
    /** What a strong answer to this question would include, for the candidate, in second person. */
    strongAnswer?: string;
    cappedBecause?: string;
    source?: QuestionSource;
  }[];
  competencies: { competency: string; score: number; questions: number }[];
  strengths: string[];
  improvements: string[];
  summary: string;
  coverage: number;
  partial: boolean;
  notEnoughToJudge: boolean;
  /** How this report was produced: heuristic rules, or which models. */
  scoring: { heuristic: boolean; providers: string[] };
  usage: { calls: number; inputTokens: number; outputTokens: number; costUsd: number; byProvider: Record<string, { calls: number; inputTokens: number; outputTokens: number; costUsd: number }> };
  modeNotes: string[];
}

export interface Progress {
  current: number;
  total: number;
  label: string;
}

export type Action = 'skip' | 'repeat' | 'end' | 'pause' | 'resume';

/** What an interview turn gives back to any surface. */
export interface Reply {
  sessionId: string;
  key: string;
  /** The interviewer's words, in order (acknowledgement, then next question...). */
  messages: string[];
  progress: Progress;
  actions: Action[];
  status: SessionStatus;
  done: boolean;
  report?: Report;
  /** Set when the input was refused and nothing changed (empty answer, too long...). */
  refused?: { code: string; message: string };
}

/** `turnId`: a client's id for this request; sending the same id again returns the recorded reply. */
export type EngineInput =
  | { kind: 'answer'; text: string; turnId?: string }
  | { kind: 'command'; command: Action; turnId?: string };

export interface StartOptions {
  key: string;
  userKey: string;
  userName?: string;
  type: InterviewType;
  role?: string;
  level?: string;
  mode?: 'text' | 'voice';
  /** A language code ("es"), locale ("pt-BR") or name ("Spanish"); unknown ones are refused. Default English. */
  language?: string;
  seed?: number;
  surface?: Session['surface'];
  /** Customize only: documents already parsed for this user (ids). */
  documentIds?: string[];
}
