import { MessageFlags, type ButtonInteraction } from 'discord.js';
import { isRunning } from '../../../chat/conversation.ts';
import { noticesFor } from '../../../engine/i18n/notices.ts';
import { discordAdapter } from '../adapter.ts';
import type { DiscordDeps } from '../deps.ts';
import { parseButtonId, userKey } from '../keys.ts';
import type { Sendable } from '../thread-send.ts';

/** Skip / Repeat / End / Voice under a question. Only the candidate may press them. */
export async function handleInterviewButton(i: ButtonInteraction, deps: DiscordDeps): Promise<void> {
  const parsed = parseButtonId(i.customId);
  if (!parsed) return;
  const { conversation } = deps.app;
  const session = await conversation.sessionById(parsed.sessionId);
  if (!isRunning(session)) {
    await i.reply({ content: 'This interview has already finished.', flags: MessageFlags.Ephemeral });
    return;
  }
  if (session.userKey !== userKey(i.user.id)) {
    await i.reply({ content: `Only ${session.userName ?? 'the candidate'} can use these buttons.`, flags: MessageFlags.Ephemeral });
    return;
  }
  // Acknowledge at once by removing the buttons, so an old question can't be pressed twice.
  await i.update({ components: [] });
  const thread: Sendable | null = i.channel?.isSendable() ? i.channel : null;
  if (parsed.action === 'voice') {
    const res = deps.voice && i.guildId && thread ? await deps.voice.start({ client: i.client, guildId: i.guildId, userId: i.user.id, threadId: thread.id, sessionId: session.id }) : { ok: false as const, message: 'Voice interviews are not available on this bot.' };
    await thread?.send({ content: res.ok ? (noticesFor(session.language)?.switchedToVoice ?? 'Switching to voice: I have joined your voice channel.') : res.message, allowedMentions: { parse: [] } });
    return;
  }
  await conversation.turn(
    discordAdapter(i.client, deps),
    {
      thread,
      tell: async (text) => void (await i.followUp({ content: text, flags: MessageFlags.Ephemeral })),
      voiceButton: Boolean(deps.voice) && session.mode === 'text',
      typing: false,
    },
    session.id,
    { kind: 'command', command: parsed.action },
  );
}
