// A user's past interviews as blocks: used by `/interview history` and the App Home tab.
import type { HistoryEntry } from '../../../engine/store/session-store.ts';
import { BAND_LABEL } from '../../../engine/feedback/report.ts';
import { noticesFor, type NoticeSet } from '../../../engine/i18n/notices.ts';
import { PHRASES } from '../../../engine/i18n/phrases.ts';
import type { LanguageCode } from '../../../engine/language.ts';
import type { MessageBlock } from './interview-message.ts';
import { summarizeTrend, trendLines } from './trend.ts';

export const HISTORY_LIMIT = 10;

/** Slack renders this date in the reader's own time zone; the fallback is UTC. */
function slackDate(ms: number): string {
  const iso = new Date(ms).toISOString().slice(0, 10);
  return `<!date^${Math.floor(ms / 1000)}^{date_short}|${iso}>`;
}

/** The words of the history list in one language: English, or the hand-written table. */
interface HistoryWords {
  home: NoticeSet['home'] | undefined;
  band: Record<NonNullable<HistoryEntry['band']>, string>;
}

/** A language's words; English (or a code outside the table) is undefined, keeping the English lines. */
export function historyWords(language: string | undefined): HistoryWords {
  const t = noticesFor(language);
  return { home: t?.home, band: t ? PHRASES[language as Exclude<LanguageCode, 'en'>].bands : BAND_LABEL };
}

/** The language the lists speak: the one asked for, else the user's latest interview's. */
export function historyLanguage(history: HistoryEntry[], language?: string): string | undefined {
  if (language) return language;
  const latest = [...history].sort((a, b) => (b.finishedAt ?? b.startedAt) - (a.finishedAt ?? a.startedAt))[0];
  return latest?.language;
}

function entryLine(e: HistoryEntry, w: HistoryWords): string {
  const when = slackDate(e.finishedAt ?? e.startedAt);
  const what = `${e.type} · ${e.role}${e.level ? ` (${e.level})` : ''}`;
  let result: string;
  if (e.status === 'active' || e.status === 'paused') result = `_${w.home?.inProgress ?? 'in progress'}_`;
  else if (e.score === null) result = e.band ? w.band[e.band] : `_${w.home?.noScore ?? 'no score'}_`;
  else result = `*${e.score.toFixed(1)}/5* · ${e.band ? w.band[e.band] : ''}${e.partial ? ` (${w.home?.partial ?? 'partial'})` : ''}`;
  return `${when} · ${what} · ${result}`;
}

/** Latest interviews first, a text trend, and averages. */
export function historyBlocks(history: HistoryEntry[], language?: string): MessageBlock[] {
  const w = historyWords(historyLanguage(history, language));
  if (!history.length) {
    return [{ type: 'section', text: { type: 'mrkdwn', text: w.home?.empty ?? 'No interviews yet. Start one with `/interview behavioral` (or screening, technical, customize).' } }];
  }
  const latest = [...history].sort((a, b) => (b.finishedAt ?? b.startedAt) - (a.finishedAt ?? a.startedAt)).slice(0, HISTORY_LIMIT);
  const blocks: MessageBlock[] = [];
  const trend = trendLines(summarizeTrend(history), w.home);
  if (trend.length) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: trend.join('\n') } });
  const title = w.home?.latest(latest.length) ?? `Latest ${latest.length === 1 ? 'interview' : `${latest.length} interviews`}`;
  blocks.push({ type: 'section', text: { type: 'mrkdwn', text: `*${title}*\n${latest.map((e) => entryLine(e, w)).join('\n')}` } });
  return blocks;
}
