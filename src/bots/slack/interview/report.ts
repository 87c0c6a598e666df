// The end of an interview on Slack: the report in the thread, the chart under it, a one-line
// summary "also sent to the channel", the parent message updated and the App Home refreshed.
import type { WebClient } from '@slack/web-api';
import type { Report } from '../../../engine/types.ts';
import { REPORT_CHART_NAME, renderReportChartPng } from '../../../render/chart.ts';
import { slackReportBlocks, slackSummaryLine } from '../../../render/slack-report.ts';
import type { SlackDeps } from '../deps.ts';
import { isDirectChannel, userKey } from '../keys.ts';
import { homeView } from '../views/home.ts';
import { interviewTitle, parentMessage } from '../views/parent-message.ts';
import type { ThreadTarget } from './target.ts';

/** Each step is independent: a failed chart upload must not hide the report or the summary. */
export async function postReport(deps: SlackDeps, client: WebClient, report: Report, t: ThreadTarget): Promise<void> {
  const step = async (what: string, fn: () => Promise<unknown>) => {
    try {
      await fn();
    } catch (err) {
      deps.log.warn({ err, sessionId: report.sessionId }, `slack report: ${what} failed`);
    }
  };
  const summary = slackSummaryLine(report);
  await step('report message', () => client.chat.postMessage({ channel: t.channel, thread_ts: t.threadTs, text: summary, blocks: slackReportBlocks(report) as never, unfurl_links: false }));
  await step('chart upload', async () => {
    const png = renderReportChartPng(report);
    await client.files.uploadV2({ channel_id: t.channel, thread_ts: t.threadTs, file: png, filename: REPORT_CHART_NAME, title: 'Scores by competency' });
  });
  if (deps.config.SLACK_BROADCAST_SUMMARY && !isDirectChannel(t.channel)) {
    await step('channel summary', () => client.chat.postMessage({ channel: t.channel, thread_ts: t.threadTs, reply_broadcast: true, text: summary }));
  }
  if (t.parentTs) {
    const title = interviewTitle(report.userName, report.type, report.questions.length, report.role);
    const m = parentMessage(title, { kind: 'finished', report });
    await step('parent update', () => client.chat.update({ channel: t.channel, ts: t.parentTs!, text: m.text, blocks: m.blocks as never }));
  }
  await step('home refresh', () => publishHome(deps, client, t.team, t.userId, report.language ?? 'en'));
}

/** `language`: the interview just finished; otherwise the home speaks the latest interview's language. */
export async function publishHome(deps: SlackDeps, client: WebClient, team: string, userId: string, language?: string): Promise<void> {
  const history = await deps.conversation.history(userKey(team, userId));
  await client.views.publish({ user_id: userId, view: homeView(deps.interviewer, history, language) as never });
}
