import type { HistoryEntry } from '../../engine/store/session-store.ts';
import type { DashboardJson } from '../schemas.ts';

const iso = (ms: number) => new Date(ms).toISOString();
const round2 = (x: number) => Math.round(x * 100) / 100;
const mean = (xs: number[]) => (xs.length ? round2(xs.reduce((a, b) => a + b, 0) / xs.length) : null);

/**
 * A user's history as the dashboard shows it: newest interview first, averages over scored
 * interviews, and each competency's scores in the order the interviews finished.
 */
export function dashboardSummary(userId: string, history: HistoryEntry[]): DashboardJson {
  // Reversed first so that interviews started in the same millisecond still list newest first (the sort is stable).
  const newest = [...history].reverse().sort((a, b) => b.startedAt - a.startedAt);
  const finished = history.filter((e) => e.finishedAt !== undefined).sort((a, b) => a.finishedAt! - b.finishedAt!);
  const scored = finished.filter((e): e is HistoryEntry & { score: number } => typeof e.score === 'number');

  const byType: DashboardJson['averages']['by_type'] = {};
  for (const e of finished) {
    const t = (byType[e.type] ??= { interviews: 0, average: null });
    t.interviews += 1;
  }
  for (const t of Object.keys(byType)) byType[t]!.average = mean(scored.filter((e) => e.type === t).map((e) => e.score));

  const series = new Map<string, { session_id: string; at: string; score: number }[]>();
  for (const e of finished) {
    for (const c of e.competencies ?? []) {
      const list = series.get(c.competency) ?? [];
      list.push({ session_id: e.sessionId, at: iso(e.finishedAt!), score: round2(c.score) });
      series.set(c.competency, list);
    }
  }
  const competencies = [...series.entries()]
    .map(([competency, points]) => ({
      competency,
      points,
      average: mean(points.map((p) => p.score)) ?? 0,
      latest: points[points.length - 1]!.score,
      change: points.length > 1 ? round2(points[points.length - 1]!.score - points[0]!.score) : null,
    }))
    .sort((a, b) => b.points.length - a.points.length || a.competency.localeCompare(b.competency));

  return {
    user_id: userId,
    totals: { interviews: history.length, completed: finished.length, in_progress: history.filter((e) => e.status === 'active' || e.status === 'paused').length },
    averages: { overall: mean(scored.map((e) => e.score)), by_type: byType },
    interviews: newest.map((e) => ({
      session_id: e.sessionId,
      type: e.type,
      role: e.role,
      level: e.level,
      status: e.status,
      started_at: iso(e.startedAt),
      finished_at: e.finishedAt !== undefined ? iso(e.finishedAt) : null,
      score: e.score,
      band: e.band ?? null,
      partial: e.partial ?? false,
    })),
    competencies,
  };
}
