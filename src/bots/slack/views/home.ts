// The App Home tab: how to start, then the user's history and trend.
import type { HistoryEntry } from '../../../engine/store/session-store.ts';
import { historyBlocks, historyLanguage, historyWords } from './history.ts';
import type { MessageBlock } from './interview-message.ts';

export interface HomeView {
  type: 'home';
  blocks: MessageBlock[];
}

/** `language`: the labels' language; by default that of the user's latest interview. */
export function homeView(interviewer: string, history: HistoryEntry[], language?: string): HomeView {
  const lang = historyLanguage(history, language);
  const w = historyWords(lang).home;
  const blocks: MessageBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: w?.title(interviewer) ?? `Interview practice with ${interviewer}` } },
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: w?.intro ?? 'Type `/interview behavioral` (or *screening*, *technical*, *customize*, plus a role such as `backend engineer`) in any channel, mention me, or send me a direct message. Each interview runs in its own thread and ends with a scored report.',
      },
    },
    { type: 'divider' },
    ...historyBlocks(history, lang),
    { type: 'context', elements: [{ type: 'mrkdwn', text: w?.forget ?? '`/interview forget` deletes your history, reports and documents.' }] },
  ];
  return { type: 'home', blocks };
}
