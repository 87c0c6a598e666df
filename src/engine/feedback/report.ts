import type { ReportSummary } from '../brain.ts';
import { PHRASES } from '../i18n/phrases.ts';
import { tooThinToJudge } from '../scoring/thresholds.ts';
import { strongAnswerFor } from './advice.ts';
import type { Band, Report, Session } from '../types.ts';

const round1 = (x: number) => Math.round(x * 10) / 10;

export function bandFor(score: number): Band {
  if (score >= 4) return 'strong';
  if (score >= 3) return 'solid';
  if (score >= 2) return 'developing';
  return 'needs-work';
}

export const BAND_LABEL: Record<Band, string> = {
  strong: 'Strong',
  solid: 'Solid',
  developing: 'Developing',
  'needs-work': 'Needs work',
  'not-enough-to-judge': 'Not enough to judge',
};

/**
 * Assembles the report from stored per-answer scores. Numbers (overall, band,
 * coverage) are computed here in code, never taken from a model.
 */
export function buildReport(session: Session, summary: ReportSummary, finishedAt = Date.now()): Report {
  const english = !session.language || session.language === 'en';
  const questions = session.plan.map((q, i) => {
    const ans = session.answers[i];
    const status = ans?.status === 'pending' || !ans ? 'unanswered' : ans.status;
    const sc = ans?.score;
    return {
      id: q.id,
      question: q.text,
      competency: q.competency,
      status,
      score: status === 'answered' && sc ? sc.score : status === 'skipped' || status === 'declined' ? 0 : null,
      evidence: sc?.evidence ?? [],
      strengths: sc?.strengths ?? [],
      improvements: sc?.improvements ?? [],
      scoredBy: sc?.scoredBy ?? (status === 'answered' ? 'heuristic' : '-'),
      heuristic: sc?.heuristic ?? true,
      // Written from the question's rubric when the report is built, not stored with each score.
      // In another language: the line translated with the plan, or none (never English in a Spanish report).
      ...(status !== 'unanswered' && (english || q.strongAnswer) ? { strongAnswer: english ? strongAnswerFor(q) : q.strongAnswer! } : {}),
      ...(sc?.cappedBecause ? { cappedBecause: sc.cappedBecause } : {}),
      ...(q.source.kind !== 'bank' ? { source: q.source } : {}),
    };
  });

  const asked = questions.filter((q) => q.status !== 'unanswered');
  const answered = questions.filter((q) => q.status === 'answered');
  const thin = tooThinToJudge(session.answers.filter((a) => a.status === 'answered').map((a) => a.parts.join(' ')));
  const notEnough = thin.thin;

  const overallScore = asked.length ? round1(asked.reduce((s, q) => s + (q.score ?? 0), 0) / asked.length) : 0;
  const band: Band = notEnough ? 'not-enough-to-judge' : bandFor(overallScore);

  const byComp = new Map<string, number[]>();
  for (const q of answered) {
    if (q.score === null) continue;
    byComp.set(q.competency, [...(byComp.get(q.competency) ?? []), q.score]);
  }
  const competencies = [...byComp.entries()].map(([competency, xs]) => ({ competency, score: round1(xs.reduce((a, b) => a + b, 0) / xs.length), questions: xs.length }));

  const usage = { calls: 0, inputTokens: 0, outputTokens: 0, costUsd: 0, byProvider: {} as Report['usage']['byProvider'] };
  for (const c of session.calls) {
    const key = `${c.provider}/${c.model}`;
    const p = (usage.byProvider[key] ??= { calls: 0, inputTokens: 0, outputTokens: 0, costUsd: 0 });
    p.calls += 1;
    p.inputTokens += c.inputTokens;
    p.outputTokens += c.outputTokens;
    p.costUsd += c.costUsd;
    usage.calls += 1;
    usage.inputTokens += c.inputTokens;
    usage.outputTokens += c.outputTokens;
    usage.costUsd += c.costUsd;
  }
  usage.costUsd = Math.round(usage.costUsd * 1e6) / 1e6;

  const heuristic = answered.every((q) => q.heuristic);
  const providers = [...new Set(answered.map((q) => q.scoredBy))];
  const activeMs = session.activeMs + (session.activeSince ? finishedAt - session.activeSince : 0);

  return {
    sessionId: session.id,
    type: session.type,
    ...(session.language && session.language !== 'en' ? { language: session.language } : {}),
    ...(session.competencyLabels ? { competencyLabels: session.competencyLabels } : {}),
    role: session.role,
    level: session.level,
    ...(session.userName ? { userName: session.userName } : {}),
    createdAt: session.createdAt,
    finishedAt,
    durationMinutes: round1(activeMs / 60000),
    overall: { score: notEnough ? null : overallScore, band, label: session.language && session.language !== 'en' ? PHRASES[session.language].bands[band] : BAND_LABEL[band] },
    questions,
    competencies,
    strengths: notEnough ? [] : summary.strengths,
    improvements: summary.improvements.length ? summary.improvements : notEnough ? ['Answer a few questions in full sentences with a real example, so there is something to assess.'] : [],
    summary: notEnough
      ? `Not enough to judge: the interview has too few real answers to assess${answered.length ? ` (${thin.usable} usable of ${answered.length} given)` : ''}. Try again and answer at least a couple of questions in full.`
      : summary.summary,
    coverage: round1(answered.length / Math.max(1, session.plan.length) * 100) / 100,
    partial: session.status === 'ended' || questions.some((q) => q.status === 'unanswered'),
    notEnoughToJudge: notEnough,
    scoring: { heuristic, providers },
    usage,
    modeNotes: session.modeNotes,
  };
}
