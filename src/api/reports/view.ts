import type { Report, Session } from '../../engine/types.ts';
import { reportJson, userIdOf } from '../present.ts';

/** One finished interview's report as the panel and the report page show it. */
export interface ReportViewJson {
  report: Report & { report_markdown: string };
  /** Per question id: what a strong answer shows (the question's rubric). */
  strong_answers: Record<string, string[]>;
  user_id: string;
  chart_url: string;
  report_url: string;
  dashboard_url: string;
}

/** Undefined while the interview has no report yet. */
export function reportView(s: Session): ReportViewJson | undefined {
  if (!s.report) return undefined;
  const strong: Record<string, string[]> = {};
  for (const q of s.plan) if (q.rubric.length) strong[q.id] = q.rubric.map((r) => r.shows);
  const id = encodeURIComponent(s.id);
  const userId = userIdOf(s.userKey);
  return {
    report: { ...s.report, report_markdown: reportJson(s.report).report_markdown },
    strong_answers: strong,
    user_id: userId,
    chart_url: `/reports/${id}/chart.svg`,
    report_url: `/reports/${id}`,
    dashboard_url: `/dashboard/${encodeURIComponent(userId)}`,
  };
}
