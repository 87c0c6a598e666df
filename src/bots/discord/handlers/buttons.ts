import { MessageFlags, type ButtonInteraction, type ThreadChannel } from 'discord.js';
import { isUserError } from '../../../engine/errors.ts';
import type { DiscordDeps } from '../deps.ts';
import { finishInterview } from '../finish.ts';
import { parseButtonId, userKey } from '../keys.ts';
import { sendReply } from '../thread-send.ts';

/** Skip / Repeat / End / Voice under a question. Only the candidate may press them. */
export async function handleInterviewButton(i: ButtonInteraction, deps: DiscordDeps): Promise<void> {
  const parsed = parseButtonId(i.customId);
  if (!parsed) return;
  const { engine, logger } = deps.runtime;
  const session = await engine.getById(parsed.sessionId);
  if (!session || session.status === 'completed' || session.status === 'ended') {
    await i.reply({ content: 'This interview has already finished.', flags: MessageFlags.Ephemeral });
    return;
  }
  if (session.userKey !== userKey(i.user.id)) {
    await i.reply({ content: `Only ${session.userName ?? 'the candidate'} can use these buttons.`, flags: MessageFlags.Ephemeral });
    return;
  }
  // Acknowledge at once by removing the buttons, so an old question can't be pressed twice.
  await i.update({ components: [] });
  const thread = i.channel as ThreadChannel;
  if (parsed.action === 'voice') {
    const res = deps.voice ? await deps.voice.start({ client: i.client, guildId: i.guildId!, userId: i.user.id, threadId: thread.id, sessionId: session.id }) : { ok: false as const, message: 'Voice interviews are not available on this bot.' };
    await thread.send({ content: res.ok ? 'Switching to voice: I have joined your voice channel.' : res.message, allowedMentions: { parse: [] } });
    return;
  }
  try {
    const reply = await engine.handleSession(session.id, { kind: 'command', command: parsed.action });
    await sendReply(thread, reply, logger, { voiceButton: Boolean(deps.voice) && session.mode === 'text' });
    if (!reply.refused) await deps.voice?.speak?.(session.id, reply.messages);
    if (reply.done) await finishInterview(i.client, deps, reply, thread);
  } catch (e) {
    if (isUserError(e)) await i.followUp({ content: e.message, flags: MessageFlags.Ephemeral });
    else throw e;
  }
}
