import { languageFromLocale } from '../../../engine/language.ts';
import { ChannelType, MessageFlags, PermissionFlagsBits, type ChatInputCommandInteraction, type GuildTextBasedChannel, type ThreadChannel } from 'discord.js';
import { DOCUMENT_EXTENSIONS, kindFromName } from '../../../chat/documents.ts';
import { isUserError } from '../../../engine/errors.ts';
import { parseType, SPECS } from '../../../engine/interview-types.ts';
import { discordAdapter } from '../adapter.ts';
import type { DiscordDeps } from '../deps.ts';
import { placeKey, scopeOf, userKey } from '../keys.ts';
import { missingPermissions, permissionMessage } from '../permissions.ts';
import { isDiscordCode, MISSING_ACCESS, MISSING_PERMISSIONS } from '../thread-send.ts';

/** /interview start: a private thread (public with a note when private is not allowed), Alex's greeting, question 1. */
export async function handleStart(i: ChatInputCommandInteraction, deps: DiscordDeps): Promise<void> {
  const { conversation, logger } = deps.app;
  await i.deferReply({ flags: MessageFlags.Ephemeral });
  const guildId = i.guildId;
  const channel = i.channel as GuildTextBasedChannel | null;
  if (!guildId || !channel) {
    await i.editReply('Interviews run in a server text channel. Try the command in one.');
    return;
  }
  let type;
  try {
    type = parseType(i.options.getString('type', true));
  } catch (e) {
    await i.editReply(isUserError(e) ? e.message : 'Unknown interview type.');
    return;
  }
  const mode = (i.options.getString('mode') ?? 'text') as 'text' | 'voice';

  // One running interview per candidate per server.
  const existing = await conversation.activeOf(userKey(i.user.id), scopeOf(guildId));
  if (existing) {
    await i.editReply(`You already have an interview running in <#${String(existing.surface?.threadId ?? '')}>. Finish it there, or use \`/interview end\` first.`);
    return;
  }

  if (channel.isThread()) {
    await i.editReply('Start interviews from a text channel, not inside a thread.');
    return;
  }
  const perms = i.appPermissions;
  const missingBase = missingPermissions(perms, [PermissionFlagsBits.ViewChannel, PermissionFlagsBits.SendMessagesInThreads]);
  const canPrivate = !perms || perms.has(PermissionFlagsBits.CreatePrivateThreads);
  const canPublic = !perms || perms.has(PermissionFlagsBits.CreatePublicThreads);
  if (missingBase.length || (!canPrivate && !canPublic)) {
    const missing = [...missingBase, ...(!canPrivate && !canPublic ? ['Create Private Threads', 'Create Public Threads'] : [])];
    await i.editReply(permissionMessage(missing, `in <#${channel.id}>`));
    return;
  }

  // A resume attached to the command: read it before anything is created, so a bad file changes nothing.
  const documentIds: string[] = [];
  const notes: string[] = [];
  const file = i.options.getAttachment('resume');
  const adapter = discordAdapter(i.client, deps);
  if (file) {
    if (!conversation.documents) {
      notes.push('Document upload is not available on this server, so the resume was not used.');
    } else if (!DOCUMENT_EXTENSIONS.test(file.name)) {
      await i.editReply(`I can read PDF, DOCX, TXT or Markdown files; "${file.name}" is none of those. Nothing was started.`);
      return;
    } else {
      const read = await conversation.readDocument(adapter, userKey(i.user.id), { ref: file.url, name: file.name, size: file.size, ...(file.contentType ? { contentType: file.contentType } : {}), ...kindFromName(file.name) });
      if (!read.ok) {
        await i.editReply(`${read.message} Nothing was started.`);
        return;
      }
      documentIds.push(read.id);
      notes.push(`Read ${file.name}: ${read.summary}`);
      if (type !== 'customize') notes.push('Documents shape customize interviews; this one uses the question bank.');
    }
  }

  const displayName = i.member && 'displayName' in i.member ? (i.member.displayName as string) : i.user.displayName;
  const name = `${displayName} · ${SPECS[type].label} interview`.slice(0, 100);
  let thread: ThreadChannel;
  let publicNote = '';
  try {
    thread = await createThread(channel, name, canPrivate);
  } catch (e) {
    if (canPrivate && canPublic && isDiscordCode(e, MISSING_PERMISSIONS, MISSING_ACCESS, 20035, 50024)) {
      try {
        thread = await createThread(channel, name, false);
        publicNote = 'Private threads are not allowed here, so this is a public thread: others in the channel can read it.';
      } catch (e2) {
        logger.warn({ err: e2 }, 'thread creation failed');
        await i.editReply(permissionMessage(['Create Public Threads'], `in <#${channel.id}>`));
        return;
      }
    } else {
      logger.warn({ err: e }, 'thread creation failed');
      await i.editReply(permissionMessage([canPrivate ? 'Create Private Threads' : 'Create Public Threads'], `in <#${channel.id}>`));
      return;
    }
  }
  try {
    await thread.members.add(i.user.id);
  } catch (err) {
    logger.warn({ err, threadId: thread.id }, 'could not add the candidate to the thread');
  }

  const started = await conversation.start({
    scope: scopeOf(guildId),
    key: placeKey(guildId, thread.id),
    userKey: userKey(i.user.id),
    userName: displayName,
    type,
    ...(i.options.getString('role') ? { role: i.options.getString('role')! } : {}),
    ...(i.options.getString('level') ? { level: i.options.getString('level')! } : {}),
    mode,
    // The option when given, otherwise the language the candidate uses Discord in.
    language: i.options.getString('language') ?? languageFromLocale(i.locale),
    surface: { platform: 'discord', guildId, channelId: channel.id, threadId: thread.id, userId: i.user.id },
    ...(documentIds.length ? { documentIds } : {}),
  });
  if (!started.ok) {
    await thread.delete().catch(() => undefined);
    await i.editReply(started.message);
    return;
  }
  const reply = started.reply;
  const intro = [`<@${i.user.id}>`, publicNote, ...notes].filter(Boolean).join('\n');
  try {
    await thread.send({ content: intro, allowedMentions: { users: [i.user.id] } });
    await adapter.render({ thread, tell: async () => undefined, voiceButton: mode === 'text' && Boolean(deps.voice), typing: false }, reply);
  } catch (e) {
    if (isDiscordCode(e, MISSING_PERMISSIONS, MISSING_ACCESS)) {
      // Nobody can answer in a thread the bot cannot post in: end it at once, quietly.
      await conversation.handle(reply.sessionId, { kind: 'command', command: 'end' }).catch(() => undefined);
      await i.editReply(permissionMessage(['Send Messages in Threads'], `in <#${channel.id}>`));
      return;
    }
    throw e;
  }
  if (mode === 'voice') {
    const res = deps.voice ? await deps.voice.start({ client: i.client, guildId, userId: i.user.id, threadId: thread.id, sessionId: reply.sessionId }) : { ok: false as const, message: 'Voice interviews are not available on this bot; the interview continues in text.' };
    if (!res.ok) await thread.send({ content: res.message, allowedMentions: { parse: [] } });
  }
  await i.editReply(`Your ${SPECS[type].label} interview is ready in <#${thread.id}>. Good luck!`);
}

async function createThread(channel: GuildTextBasedChannel, name: string, priv: boolean): Promise<ThreadChannel> {
  // Announcement channels only have public threads; other channel kinds have none.
  if (channel.type === ChannelType.GuildAnnouncement) return channel.threads.create({ name, autoArchiveDuration: 1440, reason: 'Mock interview' });
  if (channel.type !== ChannelType.GuildText) throw new Error('channel has no threads');
  return channel.threads.create({
    name,
    autoArchiveDuration: 1440,
    type: priv ? ChannelType.PrivateThread : ChannelType.PublicThread,
    ...(priv ? { invitable: false } : {}),
    reason: 'Mock interview',
  });
}
