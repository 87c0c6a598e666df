// Discord as a ChatAdapter: replies become thread messages (with the buttons on the last one and,
// in a voice interview, spoken too), private notes go where the candidate will see them, and the
// end of an interview posts the report and the channel summary.
import type { Client } from 'discord.js';
import type { ChatAdapter } from '../../chat/adapter.ts';
import type { Reply } from '../../engine/types.ts';
import type { DiscordDeps } from './deps.ts';
import { finishInterview } from './finish.ts';
import { fetchAttachment } from './handlers/attachments.ts';
import { explainSendError, keepTyping, sendReply, type Sendable } from './thread-send.ts';

/** Where a Discord interview turn happens. */
export interface DiscordPlace {
  /** The interview thread; null once it is gone (deleted, archived). */
  thread: Sendable | null;
  /** Only the candidate should see this (an ephemeral follow-up, a message in the thread, a DM). */
  tell(text: string): Promise<void>;
  /** Offer the Voice button (a text interview on a bot with voice channels). */
  voiceButton: boolean;
  /** Show "Alex is typing…" while the turn runs (typed answers; buttons answer at once). */
  typing: boolean;
}

export function discordAdapter(client: Client, deps: DiscordDeps): ChatAdapter<DiscordPlace> {
  const log = deps.app.logger;
  return {
    async render(place: DiscordPlace, reply: Reply) {
      if (place.thread) await sendReply(place.thread, reply, log, { voiceButton: place.voiceButton });
      if (!reply.refused) await deps.voice?.speak(reply.sessionId, reply.messages);
    },
    notify: (place, text) => place.tell(text),
    typing(place) {
      const stop = place.typing && place.thread ? keepTyping(place.thread, log) : () => undefined;
      return { stop: async () => stop() };
    },
    finish: (place, reply, session) => finishInterview(client, deps, reply, session, place.thread),
    explain: (err) => explainSendError(err, 'in this thread') ?? undefined,
    // Discord's attachment reference is its CDN URL.
    fetchFile: (file, maxBytes) => fetchAttachment(file.ref, maxBytes),
  };
}

/** A place whose private notes go into the thread itself (Discord has no ephemeral thread messages). */
export function threadPlace(thread: Sendable | null, opts: { voiceButton?: boolean; typing?: boolean } = {}): DiscordPlace {
  return {
    thread,
    tell: async (text) => void (await thread?.send({ content: text, allowedMentions: { parse: [] } })),
    voiceButton: opts.voiceButton ?? false,
    typing: opts.typing ?? false,
  };
}
