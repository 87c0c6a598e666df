import { PHRASES } from '../engine/i18n/phrases.ts';
import { bandFor } from '../engine/feedback/report.ts';
import type { Band, Report } from '../engine/types.ts';
import { REPORT_CHART_NAME } from './chart-names.ts';
import { competencyName, overallText, TYPE_LABEL } from './labels.ts';
import { truncate } from './split-text.ts';

export { splitText, truncate } from './split-text.ts';

/**
 * Chat is for the gist: quotes, tips and list items are short by design, so a runaway one
 * (a model that rambles, a pasted essay) is cut here once, for every surface. The full report
 * stays available from the API and dashboard.
 */
const MAX_QUOTE = 300;
const MAX_QUOTES_PER_QUESTION = 2;
const MAX_QUESTION = 400;
const MAX_ITEM = 300;
const MAX_ITEMS = 8;
const MAX_NOTE = 200;

const items = (xs: string[]) => xs.map((x) => truncate(oneLine(x), MAX_ITEM)).filter(Boolean).slice(0, MAX_ITEMS);

export interface QuestionView {
  /** 1-based position in the interview. */
  n: number;
  question: string;
  competency: string;
  status: Report['questions'][number]['status'];
  score: number | null;
  /** "3.5/5", or what happened instead: "skipped", "declined", "not reached". */
  statusText: string;
  band?: Band;
  /** Up to two quotes of the candidate's own words, single-line, each at most 300 characters. */
  evidence: string[];
  improvement?: string;
  /** For customize questions: which document lines the question is about. */
  refs: string[];
  /** The model that scored it, when not the heuristic rules. */
  scoredBy?: string;
}

/** Everything a chat surface shows for a report, as plain (unescaped) text. */
export interface ReportView {
  title: string;
  /** Section headings in the report's language. */
  headings: { strengths: string; improve: string; questions: string; byCompetency: string };
  overallLine: string;
  band: Band;
  metaLine: string;
  scoringNote: string;
  summary: string;
  questions: QuestionView[];
  strengths: string[];
  improvements: string[];
  competencies: { name: string; score: number; scoreText: string; questions: number }[];
  modeNotes: string[];
  usageLine?: string;
  chartFilename: string;
  partial: boolean;
  notEnoughToJudge: boolean;
}

const STATUS_TEXT: Record<Report['questions'][number]['status'], string> = {
  answered: 'answered',
  skipped: 'skipped',
  declined: 'declined',
  unanswered: 'not reached',
  pending: 'not reached',
};

/** Collapses whitespace: quotes and list items are shown on one line everywhere. */
export function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

export function reportView(r: Report): ReportView {
  const who = r.userName ? ` for ${truncate(oneLine(r.userName), 80)}` : '';
  const questions: QuestionView[] = r.questions.map((q, i) => {
    const scored = q.status === 'answered' && q.score !== null;
    const v: QuestionView = {
      n: i + 1,
      question: truncate(oneLine(q.question), MAX_QUESTION),
      competency: competencyName(q.competency, r.competencyLabels),
      status: q.status,
      score: q.score,
      statusText: scored ? `${q.score!.toFixed(1)}/5` : STATUS_TEXT[q.status],
      evidence: q.evidence
        .map((e) => truncate(oneLine(e), MAX_QUOTE))
        .filter(Boolean)
        .slice(0, MAX_QUOTES_PER_QUESTION),
      refs: (q.source?.refs ?? []).map((ref) => `${ref.source} lines ${ref.lineStart}-${ref.lineEnd}: "${truncate(oneLine(ref.quote), 160)}"`),
    };
    if (scored) v.band = bandFor(q.score!);
    if (q.improvements[0]) v.improvement = truncate(oneLine(q.improvements[0]), MAX_ITEM);
    if (scored && !q.heuristic && q.scoredBy) v.scoredBy = q.scoredBy;
    return v;
  });
  const lang = r.language && r.language !== 'en' ? PHRASES[r.language] : undefined;
  const view: ReportView = {
    title: lang ? lang.report.title(lang.types[r.type], r.userName ? truncate(oneLine(r.userName), 80) : undefined) : `${TYPE_LABEL[r.type]} interview feedback${who}`,
    headings: lang ? lang.report : { strengths: 'Strengths', improve: 'To improve', questions: 'Questions', byCompetency: 'By competency' },
    overallLine: `${lang?.report.overall ?? 'Overall'}: ${overallText(r)}${r.partial ? ` (${lang?.report.partial ?? 'partial interview'})` : ''}`,
    band: r.overall.band,
    metaLine: `Coverage ${Math.round(r.coverage * 100)}% · ${r.durationMinutes} min · ${oneLine(r.role)} (${r.level})`,
    scoringNote: r.scoring.heuristic
      ? 'Scored by the built-in heuristic rules (structure, specifics, numbers, length), not a language model.'
      : `Scored by: ${r.scoring.providers.join(', ')}.`,
    summary: r.summary.trim(),
    questions,
    strengths: items(r.strengths),
    improvements: items(r.improvements),
    competencies: r.competencies.map((c) => ({ name: competencyName(c.competency, r.competencyLabels), score: c.score, scoreText: `${c.score.toFixed(1)}/5`, questions: c.questions })),
    modeNotes: r.modeNotes.map((n) => truncate(oneLine(n), MAX_NOTE)).filter(Boolean),
    chartFilename: REPORT_CHART_NAME,
    partial: r.partial,
    notEnoughToJudge: r.notEnoughToJudge,
  };
  if (r.usage.calls && r.usage.inputTokens) {
    view.usageLine = `Model usage: ${r.usage.inputTokens} tokens in, ${r.usage.outputTokens} out, about $${r.usage.costUsd.toFixed(4)}.`;
  }
  return view;
}
