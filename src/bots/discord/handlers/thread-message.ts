import type { Message } from 'discord.js';
import { DOCUMENT_EXTENSIONS, kindFromName } from '../../../chat/documents.ts';
import { noticesFor } from '../../../engine/i18n/notices.ts';
import type { DiscordDeps } from '../deps.ts';
import { discordAdapter, type DiscordPlace } from '../adapter.ts';
import { placeKey, userKey } from '../keys.ts';
import { fetchAttachment } from './attachments.ts';

const AUDIO = /^audio\/(ogg|opus|webm|wav|x-wav|mpeg|mp4|m4a)/;
const NOTE_TTL_MS = 24 * 3600_000;

/**
 * A message in an interview thread. Only the candidate's words count; anyone else gets one
 * short note per interview. Documents feed a customize interview; voice messages are transcribed.
 */
export async function handleThreadMessage(msg: Message, deps: DiscordDeps): Promise<void> {
  if (msg.author.bot || msg.system || !msg.guildId || !msg.channel.isThread()) return;
  const { conversation, logger } = deps.app;
  const session = await conversation.sessionAt(placeKey(msg.guildId, msg.channelId));
  if (!session) return;
  const thread = msg.channel;

  if (session.userKey !== userKey(msg.author.id)) {
    if (await conversation.firstTime(`discord-noted:${session.id}:${msg.author.id}`, NOTE_TTL_MS)) {
      const note = await msg.reply({ content: `This is ${session.userName ?? 'someone else'}'s interview, so only their messages count as answers. Feel free to watch!`, allowedMentions: { parse: [] } }).catch(() => null);
      // Discord has no ephemeral replies to messages: remove the note after a while instead.
      if (note) setTimeout(() => void note.delete().catch(() => undefined), 20_000).unref();
    }
    return;
  }
  // discord.js does not redeliver, but two shards or a restart mid-turn could see a message twice.
  if (!(await conversation.claimOnce(`discord:${msg.id}`))) return;

  const adapter = discordAdapter(msg.client, deps);
  // A failure to post in the thread is explained in a DM: the thread is what is failing.
  const place: DiscordPlace = {
    thread,
    tell: async (text) => {
      await thread.send({ content: text, allowedMentions: { parse: [] } }).catch(() => msg.author.send(text));
    },
    voiceButton: Boolean(deps.voice) && session.mode === 'text',
    typing: true,
  };
  const say = (text: string) => thread.send({ content: text, allowedMentions: { parse: [] } });
  let text = msg.content.trim();
  const doc = msg.attachments.find((a) => DOCUMENT_EXTENSIONS.test(a.name));
  const audio = msg.attachments.find((a) => AUDIO.test(a.contentType ?? ''));
  try {
    if (doc) {
      const file = { ref: doc.url, name: doc.name, size: doc.size, ...(doc.contentType ? { contentType: doc.contentType } : {}), ...kindFromName(doc.name) };
      const got = await conversation.attachDocument(adapter, session, file);
      if (!got.ok) await say(`${got.message} Nothing was changed.`);
      else if (got.replanned) await adapter.render(place, got.replanned);
      else await say(noticesFor(session.language)?.docRead(doc.name, got.summary, session.type === 'customize') ?? `Thanks, I read ${doc.name} (${got.summary}). ${session.type === 'customize' ? 'The questions are already under way, so I will use it in your next customize interview.' : 'It will shape your next customize interview.'}`);
      if (!text) return;
    }
    if (!text && audio) {
      if (!deps.voice) {
        await say(noticesFor(session.language)?.cannotHearVoiceMessages ?? "I can't listen to voice messages right now (no speech-to-text service). Please type your answer.");
        return;
      }
      try {
        const bytes = await fetchAttachment(audio.url, deps.app.config.MAX_UPLOAD_BYTES);
        text = (await deps.voice.transcribeAttachment(Buffer.from(bytes), audio.contentType ?? 'audio/ogg', session.language)).trim();
      } catch (err) {
        logger.warn({ err }, 'voice message transcription failed');
        await say("I couldn't transcribe that voice message. Could you try again, or type your answer?");
        return;
      }
      if (!text) {
        await say("I couldn't hear any words in that voice message. Could you try again?");
        return;
      }
      await say(`> 🎙️ ${text.slice(0, 1900)}`);
    }
    if (!text) return;
    await conversation.turn(adapter, place, session.id, { kind: 'answer', text });
  } catch (e) {
    logger.warn({ err: e, sessionId: session.id }, 'thread message failed');
    const explained = adapter.explain?.(e);
    if (explained) await msg.author.send(explained).catch(() => undefined);
  }
}
