// REST routes on channels and their messages: fetch, edit, delete, send, typing, reactions.
import type { APIMessage } from 'discord.js';
import { botHas, channelOr404, isTextLike, requireBot } from './access.ts';
import { createMessage, deleteMessage, editMessage, type FakeCore } from './messages.ts';
import { channelPayload } from './payloads.ts';
import { DiscordError, Errors, noContent, ok, type RouteRequest, type Router } from './router.ts';
import type { ChannelRecord } from './state.ts';
import { unarchiveForMessage } from './rest-threads.ts';

type Obj = Record<string, unknown>;

export function registerChannelRoutes(router: Router, core: FakeCore): void {
  const { state } = core;

  const messageOr404 = (channel: ChannelRecord, id: string | undefined): APIMessage => {
    const message = id ? state.messageIndex.get(id) : undefined;
    if (!message || message.channel_id !== channel.id || state.ephemeral.has(message.id)) throw Errors.unknownMessage();
    return message;
  };

  router.add('GET', '/channels/:channelId', ({ params }) => {
    const channel = channelOr404(state, params['channelId']);
    requireBot(state, channel);
    return ok(channelPayload(state, channel));
  });

  router.add('PATCH', '/channels/:channelId', ({ params, body }) => {
    const channel = channelOr404(state, params['channelId']);
    if (state.isThread(channel)) return ok(patchThread(core, channel, (body ?? {}) as Obj));
    requireBot(state, channel, 'ManageChannels');
    const b = (body ?? {}) as Obj;
    if (typeof b['name'] === 'string') channel.name = b['name'];
    if ('topic' in b) channel.topic = (b['topic'] as string | null) ?? null;
    if (typeof b['rate_limit_per_user'] === 'number') channel.rate_limit_per_user = b['rate_limit_per_user'];
    const payload = channelPayload(state, channel);
    core.gateway.dispatch('CHANNEL_UPDATE', payload);
    return ok(payload);
  });

  router.add('DELETE', '/channels/:channelId', ({ params }) => {
    const channel = channelOr404(state, params['channelId']);
    requireBot(state, channel, state.isThread(channel) ? 'ManageThreads' : 'ManageChannels');
    const payload = channelPayload(state, channel);
    state.removeChannel(channel.id);
    if (state.isThread(channel)) {
      core.gateway.dispatch('THREAD_DELETE', { id: channel.id, guild_id: channel.guild_id, parent_id: channel.parent_id, type: channel.type });
    } else {
      core.gateway.dispatch('CHANNEL_DELETE', payload);
    }
    return ok(payload);
  });

  router.add('GET', '/channels/:channelId/messages', ({ params, query }) => {
    const channel = channelOr404(state, params['channelId']);
    requireBot(state, channel);
    if (!botHas(state, channel, 'ReadMessageHistory')) return ok([]);
    const limit = Math.min(Math.max(Number(query.get('limit') ?? 50), 1), 100);
    const visible = (state.messages.get(channel.id) ?? []).filter((m) => !state.ephemeral.has(m.id));
    const newestFirst = [...visible].reverse();
    const before = query.get('before');
    const after = query.get('after');
    const around = query.get('around');
    let picked: APIMessage[];
    if (before) picked = newestFirst.filter((m) => BigInt(m.id) < BigInt(before)).slice(0, limit);
    else if (after) picked = visible.filter((m) => BigInt(m.id) > BigInt(after)).slice(0, limit).reverse();
    else if (around) {
      const index = newestFirst.findIndex((m) => BigInt(m.id) <= BigInt(around));
      const start = Math.max(0, (index < 0 ? newestFirst.length : index) - Math.floor(limit / 2));
      picked = newestFirst.slice(start, start + limit);
    } else picked = newestFirst.slice(0, limit);
    return ok(picked.map((m) => structuredClone(m)));
  });

  router.add('GET', '/channels/:channelId/messages/:messageId', ({ params }) => {
    const channel = channelOr404(state, params['channelId']);
    requireBot(state, channel, 'ReadMessageHistory');
    return ok(structuredClone(messageOr404(channel, params['messageId'])));
  });

  router.add('POST', '/channels/:channelId/messages', ({ params, body, files }) => {
    const channel = channelOr404(state, params['channelId']);
    if (!isTextLike(channel)) throw new DiscordError(400, 50008, 'Cannot send messages in a non-text channel');
    requireBot(state, channel, state.isThread(channel) ? 'SendMessagesInThreads' : 'SendMessages');
    if (files.length > 0) requireBot(state, channel, 'AttachFiles');
    unarchiveForMessage(core, channel);
    return ok(structuredClone(createMessage(core, channel, state.botId, (body ?? {}) as Obj, files)));
  });

  router.add('PATCH', '/channels/:channelId/messages/:messageId', ({ params, body, files }) => {
    const channel = channelOr404(state, params['channelId']);
    requireBot(state, channel);
    const message = messageOr404(channel, params['messageId']);
    if (message.author.id !== state.botId) throw new DiscordError(403, 50005, 'Cannot edit a message authored by another user');
    if (channel.thread_metadata?.archived) throw Errors.archivedThread();
    return ok(structuredClone(editMessage(core, message, (body ?? {}) as Obj, files)));
  });

  router.add('DELETE', '/channels/:channelId/messages/:messageId', ({ params }) => {
    const channel = channelOr404(state, params['channelId']);
    const message = messageOr404(channel, params['messageId']);
    if (message.author.id !== state.botId) requireBot(state, channel, 'ManageMessages');
    deleteMessage(core, message);
    return noContent();
  });

  router.add('POST', '/channels/:channelId/typing', ({ params }) => {
    const channel = channelOr404(state, params['channelId']);
    requireBot(state, channel, state.isThread(channel) ? 'SendMessagesInThreads' : 'SendMessages');
    return noContent();
  });

  const react = (add: boolean) => ({ params }: RouteRequest) => {
    const channel = channelOr404(state, params['channelId']);
    requireBot(state, channel, 'ReadMessageHistory', ...(add ? (['AddReactions'] as const) : []));
    const message = messageOr404(channel, params['messageId']);
    const name = params['emoji'] ?? '';
    const reactions = (message.reactions ??= []);
    let reaction = reactions.find((r) => r.emoji.name === name);
    if (add && !reaction?.me) {
      if (!reaction) reactions.push((reaction = { count: 0, me: false, emoji: { id: null, name }, count_details: { burst: 0, normal: 0 }, burst_colors: [], me_burst: false, burst_me: false, burst_count: 0 } as unknown as NonNullable<APIMessage['reactions']>[number]));
      reaction.count++;
      reaction.me = true;
    } else if (!add && reaction?.me) {
      reaction.count--;
      reaction.me = false;
      if (reaction.count === 0) reactions.splice(reactions.indexOf(reaction), 1);
    }
    core.gateway.dispatch(add ? 'MESSAGE_REACTION_ADD' : 'MESSAGE_REACTION_REMOVE', {
      user_id: state.botId, channel_id: channel.id, message_id: message.id, guild_id: channel.guild_id, emoji: { id: null, name }, type: 0,
    });
    return noContent();
  };
  router.add('PUT', '/channels/:channelId/messages/:messageId/reactions/:emoji/@me', react(true));
  router.add('DELETE', '/channels/:channelId/messages/:messageId/reactions/:emoji/@me', react(false));
}

function patchThread(core: FakeCore, channel: ChannelRecord, b: Obj): Obj {
  const { state } = core;
  const meta = channel.thread_metadata;
  if (!meta) throw Errors.unknownChannel();
  const manage = botHas(state, channel, 'ManageThreads');
  const isOwner = channel.owner_id === state.botId;
  requireBot(state, channel);
  if (('locked' in b || 'invitable' in b) && !manage) throw Errors.missingPermissions();
  if (!manage && !isOwner && ('name' in b || 'auto_archive_duration' in b || 'rate_limit_per_user' in b)) throw Errors.missingPermissions();
  if (meta.archived && meta.locked && !manage) throw Errors.archivedThread();
  if (typeof b['name'] === 'string') channel.name = b['name'];
  if (typeof b['auto_archive_duration'] === 'number') meta.auto_archive_duration = b['auto_archive_duration'];
  if (typeof b['rate_limit_per_user'] === 'number') channel.rate_limit_per_user = b['rate_limit_per_user'];
  if (typeof b['locked'] === 'boolean') meta.locked = b['locked'];
  if (typeof b['invitable'] === 'boolean' && channel.type === 12) meta.invitable = b['invitable'];
  if (typeof b['archived'] === 'boolean' && b['archived'] !== meta.archived) {
    meta.archived = b['archived'];
    meta.archive_timestamp = new Date().toISOString();
  }
  const payload = channelPayload(state, channel);
  core.gateway.dispatch('THREAD_UPDATE', payload);
  return payload;
}
