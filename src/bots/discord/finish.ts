import type { Client, GuildTextBasedChannel } from 'discord.js';
import type { Reply, Session } from '../../engine/types.ts';
import type { DiscordDeps } from './deps.ts';
import { guildSettingsKey } from './keys.ts';
import { discordSummaryLine, postReport } from './report-post.ts';
import type { Sendable } from './thread-send.ts';

export interface GuildSettings {
  channelSummary: boolean;
}

export async function guildSettings(deps: DiscordDeps, guildId: string): Promise<GuildSettings> {
  const s = await deps.app.kv.get<GuildSettings>(guildSettingsKey(guildId));
  return { channelSummary: s?.channelSummary ?? deps.app.config.DISCORD_POST_SUMMARY };
}

/**
 * After the last turn: the voice room closed, the report in the thread, and the one-line
 * summary in the channel where the command ran (unless the server turned that off).
 */
export async function finishInterview(client: Client, deps: DiscordDeps, reply: Reply, session: Session | undefined, thread: Sendable | null): Promise<void> {
  const { logger } = deps.app;
  const report = reply.report ?? session?.report;
  const guildId = String(session?.surface?.guildId ?? '');
  const userId = String(session?.surface?.userId ?? '');
  await deps.voice?.stop(reply.sessionId).catch((err: unknown) => logger.warn({ err }, 'voice stop failed'));
  if (!report) return;
  const threadId = String(session?.surface?.threadId ?? '');
  const threadUrl = guildId && threadId ? `https://discord.com/channels/${guildId}/${threadId}` : undefined;
  if (thread) {
    const canAttach = canAttachIn(client, thread.id);
    await postReport(thread, report, logger, { canAttach, ...(threadUrl ? { threadUrl } : {}) }).catch((err: unknown) => logger.warn({ err, sessionId: reply.sessionId }, 'could not post the report'));
  }
  const originId = String(session?.surface?.channelId ?? '');
  if (guildId && originId && (await guildSettings(deps, guildId)).channelSummary) {
    const origin = client.channels.cache.get(originId);
    const line = `<@${userId}> ${discordSummaryLine(report, threadUrl ?? '')}`;
    if (origin?.isSendable()) await origin.send({ content: line, allowedMentions: { parse: [] } }).catch((err: unknown) => logger.warn({ err }, 'could not post the channel summary'));
  }
}

function canAttachIn(client: Client, channelId: string): boolean {
  const ch = client.channels.cache.get(channelId);
  if (!ch || !('permissionsFor' in ch) || !client.user) return true;
  const perms = (ch as GuildTextBasedChannel).permissionsFor(client.user);
  return perms ? perms.has('AttachFiles') : true;
}
