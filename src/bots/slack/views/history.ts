// A user's past interviews as blocks: used by `/interview history` and the App Home tab.
import type { HistoryEntry } from '../../../engine/store/session-store.ts';
import { BAND_LABEL } from '../../../engine/feedback/report.ts';
import type { MessageBlock } from './interview-message.ts';
import { summarizeTrend, trendLines } from './trend.ts';

export const HISTORY_LIMIT = 10;

/** Slack renders this date in the reader's own time zone; the fallback is UTC. */
function slackDate(ms: number): string {
  const iso = new Date(ms).toISOString().slice(0, 10);
  return `<!date^${Math.floor(ms / 1000)}^{date_short}|${iso}>`;
}

function entryLine(e: HistoryEntry): string {
  const when = slackDate(e.finishedAt ?? e.startedAt);
  const what = `${e.type} · ${e.role}${e.level ? ` (${e.level})` : ''}`;
  let result: string;
  if (e.status === 'active' || e.status === 'paused') result = '_in progress_';
  else if (e.score === null) result = e.band ? BAND_LABEL[e.band] : '_no score_';
  else result = `*${e.score.toFixed(1)}/5* · ${e.band ? BAND_LABEL[e.band] : ''}${e.partial ? ' (partial)' : ''}`;
  return `${when} · ${what} · ${result}`;
}

/** Latest interviews first, a text trend, and averages. */
export function historyBlocks(history: HistoryEntry[]): MessageBlock[] {
  if (!history.length) {
    return [{ type: 'section', text: { type: 'mrkdwn', text: 'No interviews yet. Start one with `/interview behavioral` (or screening, technical, customize).' } }];
  }
  const latest = [...history].sort((a, b) => (b.finishedAt ?? b.startedAt) - (a.finishedAt ?? a.startedAt)).slice(0, HISTORY_LIMIT);
  const blocks: MessageBlock[] = [];
  const trend = trendLines(summarizeTrend(history));
  if (trend.length) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: trend.join('\n') } });
  blocks.push({ type: 'section', text: { type: 'mrkdwn', text: `*Latest ${latest.length === 1 ? 'interview' : `${latest.length} interviews`}*\n${latest.map(entryLine).join('\n')}` } });
  return blocks;
}
