import { DiscordAPIError, type Message, type MessageCreateOptions } from 'discord.js';
import type { Reply } from '../../engine/types.ts';
import type { Logger } from '../../logger.ts';
import { replyMessages } from './interview-view.ts';
import { permissionMessage } from './permissions.ts';

export interface Sendable {
  id: string;
  send(options: MessageCreateOptions | string): Promise<Message>;
  sendTyping?(): Promise<unknown>;
}

/** Discord error codes for missing access or permissions. */
export const MISSING_ACCESS = 50001;
export const MISSING_PERMISSIONS = 50013;
export const UNKNOWN_CHANNEL = 10003;

export function isDiscordCode(err: unknown, ...codes: number[]): boolean {
  return err instanceof DiscordAPIError && codes.includes(Number(err.code));
}

/** Posts a turn's reply in the thread, removing the buttons of the previous question. */
export async function sendReply(channel: Sendable, reply: Reply, log: Logger, opts: { voiceButton?: boolean } = {}): Promise<Message | undefined> {
  let last: Message | undefined;
  for (const m of replyMessages(reply, opts)) last = await channel.send(m);
  return last;
}

/**
 * Keeps "Alex is typing…" visible while a slow turn runs (Discord shows it ~10 s per call).
 * Returns a stop function; failures to type are never fatal.
 */
export function keepTyping(channel: Sendable, log: Logger): () => void {
  if (!channel.sendTyping) return () => undefined;
  const once = () => channel.sendTyping!().catch((err: unknown) => log.debug({ err }, 'typing failed'));
  void once();
  const timer = setInterval(once, 8000);
  timer.unref();
  return () => clearInterval(timer);
}

/** A message naming the missing permission, for errors Discord returns while posting. */
export function explainSendError(err: unknown, where: string): string | null {
  if (isDiscordCode(err, MISSING_PERMISSIONS, MISSING_ACCESS)) return permissionMessage(['Send Messages in Threads'], where);
  return null;
}
