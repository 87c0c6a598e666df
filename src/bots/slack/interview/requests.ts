// The non-interview requests (help, end, report, history, forget) and starting one: shared by
// the slash command, mentions and DMs so each word means the same everywhere.
import type { WebClient } from '@slack/web-api';
import { slackReportBlocks, slackSummaryLine } from '../../../render/slack-report.ts';
import type { Request } from '../command-text.ts';
import type { SlackDeps } from '../deps.ts';
import { userKey } from '../keys.ts';
import { helpMessage } from '../views/help.ts';
import { historyBlocks } from '../views/history.ts';
import type { SlackMessage } from '../views/interview-message.ts';
import { forgetConfirmMessage } from '../views/forget.ts';
import { parentMessage } from '../views/parent-message.ts';
import { activeInterviewOf } from './active.ts';
import { dashboardMessage } from './dashboard.ts';
import type { SharedFile } from './files.ts';
import { dropPending } from './pending.ts';
import { startInterview } from './start.ts';
import { targetOf } from './target.ts';
import { runTurn } from './turn.ts';

export interface Invocation {
  team: string;
  channel: string;
  userId: string;
  /** Where a started interview runs; absent for slash commands (we post a parent). */
  threadTs?: string;
  files?: SharedFile[];
  /** A private answer to the person who asked. */
  reply(message: string | SlackMessage): Promise<void>;
}

export async function handleRequest(deps: SlackDeps, client: WebClient, inv: Invocation, req: Request): Promise<void> {
  const uk = userKey(inv.team, inv.userId);
  switch (req.kind) {
    case 'help':
      return inv.reply(helpMessage(deps.interviewer));
    case 'history': {
      const history = await deps.conversation.history(uk);
      return inv.reply({ text: history.length ? `Your last ${Math.min(history.length, 10)} interviews` : 'No interviews yet.', blocks: historyBlocks(history) });
    }
    case 'dashboard':
      return inv.reply(await dashboardMessage(deps, uk));
    case 'report': {
      const report = await deps.conversation.lastReport(uk);
      if (!report) return inv.reply('You have no finished interview yet. Start one with `/interview behavioral`.');
      return inv.reply({ text: slackSummaryLine(report), blocks: slackReportBlocks(report) as SlackMessage['blocks'] });
    }
    case 'forget': {
      const history = await deps.conversation.history(uk);
      return inv.reply(forgetConfirmMessage(history.length));
    }
    case 'end':
      return endInterview(deps, client, inv);
    case 'start':
      return startInterview(deps, client, {
        team: inv.team,
        channel: inv.channel,
        userId: inv.userId,
        type: req.type,
        ...(req.role ? { role: req.role } : {}),
        ...(req.level ? { level: req.level } : {}),
        ...(inv.threadTs ? { threadTs: inv.threadTs } : {}),
        ...(inv.files ? { files: inv.files } : {}),
        reply: (m) => inv.reply(m),
      });
  }
}

async function endInterview(deps: SlackDeps, client: WebClient, inv: Invocation): Promise<void> {
  const active = await activeInterviewOf(deps, inv.team, inv.userId);
  if (!active) return inv.reply('You have no interview running.');
  if (active.kind === 'pending') {
    const p = active.pending;
    await dropPending(deps, p);
    await client.chat.postMessage({ channel: p.channel, thread_ts: p.threadTs, text: 'Cancelled before it started. Start another with `/interview`.' });
    if (p.parentTs) {
      const m = parentMessage(p.title, { kind: 'failed', message: 'Cancelled before it started.' });
      await client.chat.update({ channel: p.channel, ts: p.parentTs, text: m.text, blocks: m.blocks as never }).catch(() => undefined);
    }
    return inv.reply('Cancelled your customized interview.');
  }
  const target = targetOf(active.session);
  if (!target) return inv.reply('You have no interview running.');
  const outcome = await runTurn(deps, client, active.session.id, target, { kind: 'command', command: 'end' });
  if (outcome.recorded) await inv.reply(`Ended your interview. The report is in its thread in <#${target.channel}>.`);
}
