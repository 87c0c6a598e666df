import type { AnyThreadChannel, Client } from 'discord.js';
import type { DiscordDeps } from '../deps.ts';
import { finishInterview } from '../finish.ts';
import { placeKey } from '../keys.ts';

/**
 * A deleted or archived interview thread ends the interview cleanly: a partial report is
 * kept in history, and the channel summary says where it went.
 */
export async function handleThreadGone(client: Client, thread: AnyThreadChannel, deps: DiscordDeps, why: 'deleted' | 'archived'): Promise<void> {
  const { engine, logger } = deps.runtime;
  const session = await engine.getByKey(placeKey(thread.guildId, thread.id));
  if (!session || (session.status !== 'active' && session.status !== 'paused')) return;
  logger.info({ sessionId: session.id, why }, 'interview thread gone; ending interview');
  const reply = await engine.handleSession(session.id, { kind: 'command', command: 'end' });
  await finishInterview(client, deps, reply, null);
}
