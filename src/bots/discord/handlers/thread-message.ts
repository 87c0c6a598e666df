import type { Message } from 'discord.js';
import { isUserError } from '../../../engine/errors.ts';
import { documentErrorMessage, DOCUMENT_EXTENSIONS, kindFromName } from '../../shared/documents.ts';
import type { DiscordDeps } from '../deps.ts';
import { finishInterview } from '../finish.ts';
import { placeKey, userKey } from '../keys.ts';
import { explainSendError, keepTyping, sendReply } from '../thread-send.ts';
import { fetchAttachment } from './attachments.ts';

const AUDIO = /^audio\/(ogg|opus|webm|wav|x-wav|mpeg|mp4|m4a)/;

/**
 * A message in an interview thread. Only the candidate's words count; anyone else gets one
 * short note per interview. Documents feed a customize interview; voice messages are transcribed.
 */
export async function handleThreadMessage(msg: Message, deps: DiscordDeps): Promise<void> {
  if (msg.author.bot || msg.system || !msg.guildId || !msg.channel.isThread()) return;
  const { engine, kv, logger } = deps.runtime;
  const session = await engine.getByKey(placeKey(msg.guildId, msg.channelId));
  if (!session) return;
  const thread = msg.channel;

  if (session.userKey !== userKey(msg.author.id)) {
    const noted = `discord-noted:${session.id}:${msg.author.id}`;
    if (!(await kv.get(noted))) {
      await kv.set(noted, 1, 24 * 3600_000);
      const note = await msg.reply({ content: `This is ${session.userName ?? 'someone else'}'s interview, so only their messages count as answers. Feel free to watch!`, allowedMentions: { parse: [] } }).catch(() => null);
      // Discord has no ephemeral replies to messages: remove the note after a while instead.
      if (note) setTimeout(() => void note.delete().catch(() => undefined), 20_000).unref();
    }
    return;
  }

  let text = msg.content.trim();
  const doc = msg.attachments.find((a) => DOCUMENT_EXTENSIONS.test(a.name));
  const audio = msg.attachments.find((a) => AUDIO.test(a.contentType ?? ''));
  const stopTyping = keepTyping(thread, logger);
  try {
    if (doc) {
      if (!deps.documents) {
        await thread.send('Document upload is not available on this bot.');
      } else if (doc.size > deps.documents.maxBytes) {
        await thread.send(`"${doc.name}" is ${(doc.size / 1048576).toFixed(1)} MB; the limit is ${(deps.documents.maxBytes / 1048576).toFixed(0)} MB. Nothing was changed.`);
      } else {
        try {
          const bytes = await fetchAttachment(doc.url, deps.documents.maxBytes);
          const d = await deps.documents.ingest(session.userKey, { bytes, filename: doc.name, ...(doc.contentType ? { mimeType: doc.contentType } : {}), ...kindFromName(doc.name) });
          const replanned = await engine.attachDocuments(session.id, [d.id]);
          if (replanned) await sendReply(thread, replanned, logger);
          else await thread.send({ content: `Thanks, I read ${doc.name} (${d.summary}). ${session.type === 'customize' ? 'The questions are already under way, so I will use it in your next customize interview.' : 'It will shape your next customize interview.'}`, allowedMentions: { parse: [] } });
        } catch (e) {
          await thread.send(`${documentErrorMessage(e)} Nothing was changed.`);
        }
      }
      if (!text) return;
    }
    if (!text && audio) {
      if (!deps.voice?.transcribeAttachment) {
        await thread.send("I can't listen to voice messages right now (no speech-to-text service). Please type your answer.");
        return;
      }
      try {
        const bytes = await fetchAttachment(audio.url, deps.runtime.config.MAX_UPLOAD_BYTES);
        text = (await deps.voice.transcribeAttachment(Buffer.from(bytes), audio.contentType ?? 'audio/ogg', session.language)).trim();
      } catch (err) {
        logger.warn({ err }, 'voice message transcription failed');
        await thread.send("I couldn't transcribe that voice message. Could you try again, or type your answer?");
        return;
      }
      if (!text) {
        await thread.send("I couldn't hear any words in that voice message. Could you try again?");
        return;
      }
      await thread.send({ content: `> 🎙️ ${text.slice(0, 1900)}`, allowedMentions: { parse: [] } });
    }
    if (!text) return;
    let reply;
    try {
      reply = await engine.handleSession(session.id, { kind: 'answer', text });
    } catch (e) {
      if (isUserError(e)) {
        await thread.send(e.message);
        return;
      }
      throw e;
    }
    await sendReply(thread, reply, logger, { voiceButton: Boolean(deps.voice) && session.mode === 'text' });
    if (!reply.refused) await deps.voice?.speak?.(session.id, reply.messages);
    if (reply.done) await finishInterview(msg.client, deps, reply, thread);
  } catch (e) {
    const explained = explainSendError(e, 'in this thread');
    logger.warn({ err: e, sessionId: session.id }, 'thread turn failed');
    if (explained) await msg.author.send(explained).catch(() => undefined);
  } finally {
    stopTyping();
  }
}
