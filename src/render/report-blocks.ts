import { PHRASES } from '../engine/i18n/phrases.ts';
import { scoringNote } from '../engine/feedback/method.ts';
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
const MAX_REASON = 300;
const MAX_STRONG = 600;

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
  /** Why the score was held down (off topic, a non-answer, buzzwords without a mechanism...). */
  cappedBecause?: string;
  /** "For a strong answer, you would ...": what the question was looking for, in second person. */
  strongAnswer?: string;
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
    if (q.cappedBecause) v.cappedBecause = truncate(oneLine(q.cappedBecause), MAX_REASON);
    // The capped reason is often also the first improvement; say it once, as the reason.
    const tip = q.improvements.find((x) => x !== q.cappedBecause);
    if (tip) v.improvement = truncate(oneLine(tip), MAX_ITEM);
    if (q.strongAnswer && q.status !== 'unanswered') v.strongAnswer = shortenStrongAnswer(oneLine(q.strongAnswer), MAX_STRONG);
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
    scoringNote: scoringNote(r.scoring),
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

const STRONG_LEAD = 'For a strong answer, you would ';

/**
 * The strong-answer line within `max` characters. It lists what the answer should do, most
 * important first ("..., you would A; B; and C."), so a line too long keeps its first items
 * whole and marks the rest as left out, rather than stopping mid-word.
 */
export function shortenStrongAnswer(line: string, max: number): string {
  if (line.length <= max) return line;
  if (line.startsWith(STRONG_LEAD)) {
    const items = line.slice(STRONG_LEAD.length).replace(/\.$/, '').split(/;\s+(?:and\s+)?/);
    for (let k = items.length - 1; k >= 1; k--) {
      const out = `${STRONG_LEAD}${items.slice(0, k).join('; ')}; …`;
      if (out.length <= max) return out;
    }
  }
  return truncate(line, max);
}

/**
 * Smaller and smaller versions of one question, for a surface with a hard size limit: each
 * step drops or shortens what the candidate needs least (a second quote, extra document
 * references, a long question text) before touching the reason for the score, the tip or
 * the strong-answer line. `render` gives the text the view becomes; the first version that
 * fits within `max` is returned, else the smallest (the caller splits that on line breaks).
 */
export function fitQuestion(q: QuestionView, render: (q: QuestionView) => string, max: number): QuestionView {
  const steps: ((v: QuestionView) => QuestionView)[] = [
    (v) => ({ ...v, evidence: v.evidence.slice(0, 1) }),
    (v) => ({ ...v, refs: v.refs.slice(0, 1) }),
    (v) => ({ ...v, question: truncate(v.question, 200) }),
    (v) => ({ ...v, evidence: v.evidence.map((e) => truncate(e, 150)) }),
    (v) => (v.strongAnswer ? { ...v, strongAnswer: shortenStrongAnswer(v.strongAnswer, 250) } : v),
    (v) => (v.improvement ? { ...v, improvement: truncate(v.improvement, 150) } : v),
    (v) => ({ ...v, refs: [] }),
    (v) => ({ ...v, evidence: [] }),
    (v) => (v.cappedBecause ? { ...v, cappedBecause: truncate(v.cappedBecause, 150) } : v),
  ];
  let cur = q;
  if (render(cur).length <= max) return cur;
  for (const step of steps) {
    cur = step(cur);
    if (render(cur).length <= max) return cur;
  }
  return cur;
}
