// REST routes for threads: creating them (with or without a starter message) and managing thread members.
import type { APIMessage } from 'discord.js';
import { botHas, channelOr404, requireBot } from './access.ts';
import { addThreadMember, type FakeCore } from './messages.ts';
import { channelPayload, newMessage, messageEventPayload, threadMemberPayload } from './payloads.ts';
import { DiscordError, Errors, noContent, ok, type Router } from './router.ts';
import type { ChannelRecord } from './state.ts';

type Obj = Record<string, unknown>;

const ARCHIVE_DURATIONS = [60, 1440, 4320, 10080];

export function registerThreadRoutes(router: Router, core: FakeCore): void {
  const { state } = core;

  router.add('POST', '/channels/:channelId/threads', ({ params, body }) => {
    const parent = channelOr404(state, params['channelId']);
    const b = (body ?? {}) as Obj;
    // Discord's documented default for threads without a starter message is a private thread.
    const type = Number(b['type'] ?? 12);
    if (parent.type !== 0 && parent.type !== 5) throw new DiscordError(400, 50024, 'Cannot execute action on this channel type');
    if (type === 12 && parent.type === 5) throw new DiscordError(400, 50024, 'Cannot execute action on this channel type');
    if (![10, 11, 12].includes(type)) throw Errors.invalidForm('type', 'BASE_TYPE_CHOICES', 'Value must be one of {10, 11, 12}.');
    requireBot(state, parent, type === 12 ? 'CreatePrivateThreads' : 'CreatePublicThreads');
    const thread = createThread(core, parent, b, type, state.ids.next());
    if (type !== 12) {
      // Public threads without a starter message leave a "started a thread" system message in the parent.
      const notice = newMessage(state, {
        channel: parent,
        authorId: state.botId,
        content: thread.name,
        type: 18,
        extra: { message_reference: { type: 0, channel_id: thread.id, guild_id: parent.guild_id } } as Partial<APIMessage>,
      });
      state.addMessage(notice);
      core.gateway.dispatch('MESSAGE_CREATE', messageEventPayload(state, notice));
    }
    return ok(threadResponse(core, thread), 201);
  });

  router.add('POST', '/channels/:channelId/messages/:messageId/threads', ({ params, body }) => {
    const parent = channelOr404(state, params['channelId']);
    const message = state.messageIndex.get(params['messageId'] ?? '');
    if (!message || message.channel_id !== parent.id) throw Errors.unknownMessage();
    if (parent.type !== 0 && parent.type !== 5) throw new DiscordError(400, 50024, 'Cannot execute action on this channel type');
    if (state.channels.has(message.id)) throw new DiscordError(400, 160004, 'A thread has already been created for this message');
    requireBot(state, parent, 'CreatePublicThreads', 'ReadMessageHistory');
    const thread = createThread(core, parent, (body ?? {}) as Obj, parent.type === 5 ? 10 : 11, message.id);
    message.thread = channelPayload(state, thread) as unknown as APIMessage['thread'];
    return ok(threadResponse(core, thread), 201);
  });

  router.add('GET', '/channels/:channelId/thread-members', ({ params }) => {
    const thread = threadOr404(core, params['channelId']);
    requireBot(state, thread);
    return ok([...(thread.threadMembers ?? new Map()).entries()].map(([userId, ts]) => threadMemberPayload(thread.id, userId, ts)));
  });

  router.add('GET', '/channels/:channelId/thread-members/:userId', ({ params }) => {
    const thread = threadOr404(core, params['channelId']);
    requireBot(state, thread);
    const userId = params['userId'] === '@me' ? state.botId : params['userId'] ?? '';
    const ts = thread.threadMembers?.get(userId);
    if (!ts) throw Errors.unknownMember();
    return ok(threadMemberPayload(thread.id, userId, ts));
  });

  router.add('PUT', '/channels/:channelId/thread-members/:userId', ({ params }) => {
    const thread = threadOr404(core, params['channelId']);
    const self = params['userId'] === '@me';
    const userId = self ? state.botId : params['userId'] ?? '';
    const guild = state.guildOf(thread);
    if (!guild.members.has(userId)) throw Errors.unknownMember();
    if (self && thread.type === 12 && !thread.threadMembers?.has(userId) && !botHas(state, thread, 'ManageThreads')) throw Errors.missingAccess();
    if (!self) requireBot(state, thread, 'SendMessagesInThreads');
    if (thread.thread_metadata?.archived) throw Errors.archivedThread();
    addThreadMember(core, thread, userId);
    return noContent();
  });

  router.add('DELETE', '/channels/:channelId/thread-members/:userId', ({ params }) => {
    const thread = threadOr404(core, params['channelId']);
    const userId = params['userId'] === '@me' ? state.botId : params['userId'] ?? '';
    if (userId !== state.botId) requireBot(state, thread, 'ManageThreads');
    if (thread.threadMembers?.delete(userId)) {
      core.gateway.dispatch('THREAD_MEMBERS_UPDATE', {
        id: thread.id, guild_id: thread.guild_id, member_count: Math.min(thread.threadMembers.size, 50), removed_member_ids: [userId],
      });
    }
    return noContent();
  });

  router.add('GET', '/guilds/:guildId/threads/active', ({ params }) => {
    if (!state.guilds.has(params['guildId'] ?? '')) throw Errors.unknownGuild();
    const threads = [...state.channels.values()].filter((c) => c.guild_id === params['guildId'] && state.isThread(c) && !c.thread_metadata?.archived);
    const members = threads.filter((t) => t.threadMembers?.has(state.botId)).map((t) => threadMemberPayload(t.id, state.botId, t.threadMembers?.get(state.botId) ?? ''));
    return ok({ threads: threads.map((t) => channelPayload(state, t)), members });
  });
}

function threadOr404(core: FakeCore, id: string | undefined): ChannelRecord {
  const channel = channelOr404(core.state, id);
  if (!core.state.isThread(channel)) throw new DiscordError(400, 50024, 'Cannot execute action on this channel type');
  return channel;
}

function createThread(core: FakeCore, parent: ChannelRecord, b: Obj, type: number, id: string): ChannelRecord {
  const { state } = core;
  const name = typeof b['name'] === 'string' ? b['name'] : '';
  if (name.length < 1 || name.length > 100) throw Errors.invalidForm('name', 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 100 in length.');
  const duration = Number(b['auto_archive_duration'] ?? 4320);
  if (!ARCHIVE_DURATIONS.includes(duration)) throw Errors.invalidForm('auto_archive_duration', 'BASE_TYPE_CHOICES', 'Value must be one of {60, 1440, 4320, 10080}.');
  const now = new Date().toISOString();
  const thread = state.addChannel({
    id,
    type,
    guild_id: parent.guild_id,
    name,
    position: 0,
    parent_id: parent.id,
    topic: null,
    owner_id: state.botId,
    rate_limit_per_user: Number(b['rate_limit_per_user'] ?? 0),
    thread_metadata: {
      archived: false,
      locked: false,
      auto_archive_duration: duration,
      archive_timestamp: now,
      create_timestamp: now,
      ...(type === 12 ? { invitable: b['invitable'] !== false } : {}),
    },
    message_count: 0,
    total_message_sent: 0,
    threadMembers: new Map([[state.botId, now]]),
  });
  core.gateway.dispatch('THREAD_CREATE', { ...threadResponse(core, thread), newly_created: true });
  return thread;
}

function threadResponse(core: FakeCore, thread: ChannelRecord): Obj {
  const joined = thread.threadMembers?.get(core.state.botId);
  return { ...channelPayload(core.state, thread), ...(joined ? { member: threadMemberPayload(thread.id, core.state.botId, joined) } : {}) };
}

/** Sending into an archived thread reopens it unless it is locked (then only ManageThreads may). */
export function unarchiveForMessage(core: FakeCore, channel: ChannelRecord): void {
  const meta = channel.thread_metadata;
  if (!meta?.archived) return;
  if (meta.locked && !botHas(core.state, channel, 'ManageThreads')) throw Errors.archivedThread();
  meta.archived = false;
  meta.archive_timestamp = new Date().toISOString();
  core.gateway.dispatch('THREAD_UPDATE', channelPayload(core.state, channel));
}
