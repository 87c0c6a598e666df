import { renderReportMarkdown } from '../engine/feedback/markdown.ts';
import type { InterviewType, Progress as EngineProgress, Reply, Report, Session } from '../engine/types.ts';
import type { ReportJsonT, SessionViewJson, TurnResponseJson } from './schemas.ts';

// Engine objects -> the API's snake_case JSON. Only what a client needs: no seed, no rubric
// internals, no provider bookkeeping, no surface data.

const iso = (ms: number) => new Date(ms).toISOString();

export function progressJson(p: EngineProgress, done: boolean): TurnResponseJson['progress'] {
  const percent = done ? 100 : p.total ? Math.round(((p.current - 1) / p.total) * 100) : 0;
  return { current: p.current, total: p.total, label: p.label, percent };
}

export function reportJson(r: Report): ReportJsonT {
  return { ...r, report_markdown: renderReportMarkdown(r) };
}

export function turnJson(reply: Reply, type: InterviewType): TurnResponseJson {
  return {
    session_id: reply.sessionId,
    interview_type: type,
    message: reply.messages.join('\n\n'),
    messages: reply.messages,
    progress: progressJson(reply.progress, reply.done),
    question_number: reply.progress.current,
    total_questions: reply.progress.total,
    status: reply.status,
    is_complete: reply.done,
    actions: reply.actions,
    ...(reply.report ? { report: reportJson(reply.report) } : {}),
  };
}

/** The HTTP user id back from a `http:<user_id>` user key. */
export function userIdOf(userKey: string): string {
  return userKey.startsWith('http:') ? userKey.slice(5) : userKey;
}

export function sessionJson(s: Session): SessionViewJson {
  const total = s.plan.length;
  const done = s.status === 'completed' || s.status === 'ended';
  const current = Math.min(s.current + 1, total);
  const progress: EngineProgress = { current, total, label: done ? `Finished · ${total} questions` : `Question ${current} of ${total}` };
  return {
    session_id: s.id,
    interview_type: s.type,
    user_id: userIdOf(s.userKey),
    ...(s.userName ? { user_name: s.userName } : {}),
    role: s.role,
    level: s.level,
    language: s.language ?? 'en',
    ...(s.requestedLanguage ? { requested_language: s.requestedLanguage } : {}),
    status: s.status,
    is_complete: done,
    progress: progressJson(progress, done),
    question_number: current,
    total_questions: total,
    created_at: iso(s.createdAt),
    updated_at: iso(s.updatedAt),
    transcript: s.transcript.map((t) => ({ role: t.role, text: t.text, at: iso(t.at), kind: t.kind, question: t.q >= 0 ? t.q + 1 : null })),
    ...(s.report ? { report: reportJson(s.report) } : {}),
  };
}
