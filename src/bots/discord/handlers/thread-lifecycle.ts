import type { AnyThreadChannel, Client } from 'discord.js';
import { discordAdapter } from '../adapter.ts';
import type { DiscordDeps } from '../deps.ts';
import { placeKey } from '../keys.ts';

/**
 * A deleted or archived interview thread ends the interview cleanly: a partial report is
 * kept in history, and the channel summary says where it went.
 */
export async function handleThreadGone(client: Client, thread: AnyThreadChannel, deps: DiscordDeps, why: 'deleted' | 'archived'): Promise<void> {
  const place = { thread: null, tell: async () => undefined, voiceButton: false, typing: false };
  const ended = await deps.app.conversation.endAt(discordAdapter(client, deps), place, placeKey(thread.guildId, thread.id));
  if (ended) deps.app.logger.info({ threadId: thread.id, why }, 'interview thread gone; interview ended');
}
