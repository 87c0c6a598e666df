// A text trend for places that cannot show our chart image (App Home needs a public image URL,
// which this server may not have): a sparkline and a few averages.
import type { HistoryEntry } from '../../../engine/store/session-store.ts';
import type { NoticeSet } from '../../../engine/i18n/notices.ts';
import type { InterviewType } from '../../../engine/types.ts';

const BARS = '▁▂▃▄▅▆▇█';

/** Scores 0-5 as block characters, oldest first. */
export function sparkline(scores: number[]): string {
  return scores.map((s) => BARS[Math.max(0, Math.min(BARS.length - 1, Math.round((Math.max(0, Math.min(5, s)) / 5) * (BARS.length - 1))))]).join('');
}

export interface TrendSummary {
  /** Finished interviews with a score, oldest first. */
  scored: HistoryEntry[];
  average: number | null;
  /** Average of the last three minus the average of the first three (null under four interviews). */
  change: number | null;
  best: number | null;
  byType: { type: InterviewType; average: number; count: number }[];
}

const avg = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);

export function summarizeTrend(history: HistoryEntry[]): TrendSummary {
  const scored = history.filter((e) => typeof e.score === 'number' && e.finishedAt !== undefined).sort((a, b) => a.finishedAt! - b.finishedAt!);
  const scores = scored.map((e) => e.score!);
  const byTypeMap = new Map<InterviewType, number[]>();
  for (const e of scored) byTypeMap.set(e.type, [...(byTypeMap.get(e.type) ?? []), e.score!]);
  return {
    scored,
    average: avg(scores),
    change: scores.length >= 4 ? avg(scores.slice(-3))! - avg(scores.slice(0, 3))! : null,
    best: scores.length ? Math.max(...scores) : null,
    byType: [...byTypeMap.entries()].map(([type, xs]) => ({ type, average: avg(xs)!, count: xs.length })),
  };
}

/** `words`: another language's labels; without them the lines are English. */
export function trendLines(t: TrendSummary, words?: NoticeSet['home']): string[] {
  if (!t.scored.length) return [];
  const lines = [`*${words?.trend ?? 'Trend'}* \`${sparkline(t.scored.slice(-20).map((e) => e.score!))}\` (${words?.oldestNewest ?? 'oldest → newest'}, 0-5)`];
  const average = t.average!.toFixed(1);
  const parts = [words?.average(average, t.scored.length) ?? `average *${average}/5* over ${t.scored.length} interview${t.scored.length === 1 ? '' : 's'}`, `${words?.best ?? 'best'} ${t.best!.toFixed(1)}`];
  if (t.change !== null) {
    const delta = `${t.change >= 0 ? '+' : '−'}${Math.abs(t.change).toFixed(1)}`;
    parts.push(words?.change(delta) ?? `${delta} from your first three to your last three`);
  }
  lines.push(parts.join(' · '));
  if (t.byType.length > 1) lines.push(t.byType.map((b) => `${b.type} ${b.average.toFixed(1)} (${b.count})`).join(' · '));
  return lines;
}
