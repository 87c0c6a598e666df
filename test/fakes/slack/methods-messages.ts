// Fake Web API methods for messages and conversations (chat.*, conversations.*).
// Each mirrors the real method's success shape and its common errors.
import type { StoredMessage } from './state.ts';
import {
  apiMessage,
  bool,
  fail,
  list,
  record,
  str,
  type Args,
  type MethodContext,
  type MethodHandler,
} from './method-context.ts';

/** Posting to a user id lands in the DM with that user, as it does on Slack. */
export function resolveChannel(ctx: MethodContext, channel: string): string {
  if (/^[UW]/.test(channel)) return dmChannelFor(ctx, channel);
  return channel;
}

export function dmChannelFor(ctx: MethodContext, userId: string): string {
  let id = ctx.state.dmChannels.get(userId);
  if (!id) {
    id = ctx.state.nextId('D');
    ctx.state.dmChannels.set(userId, id);
  }
  return id;
}

export function postBotMessage(ctx: MethodContext, channel: string, fields: Partial<StoredMessage>): StoredMessage {
  const message: StoredMessage = {
    type: 'message',
    channel,
    ts: ctx.state.nextTs(),
    user: ctx.identity.botUserId,
    bot_id: ctx.identity.botId,
    reactions: [],
    deleted: false,
    ...fields,
  };
  storeMessage(ctx, message);
  return message;
}

export function storeMessage(ctx: MethodContext, message: StoredMessage): void {
  if (message.thread_ts && message.thread_ts !== message.ts) {
    const parent = ctx.state.findMessage(message.channel, message.thread_ts);
    if (parent) {
      parent.thread_ts = parent.ts;
      parent.reply_count = (parent.reply_count ?? 0) + 1;
    }
  }
  ctx.state.messages.push(message);
}

function messageFields(args: Args): Partial<StoredMessage> {
  const fields: Partial<StoredMessage> = {};
  const text = str(args.text);
  if (text !== undefined) fields.text = text;
  const blocks = list(args.blocks);
  if (blocks) fields.blocks = blocks;
  const attachments = list(args.attachments);
  if (attachments) fields.attachments = attachments;
  const metadata = record(args.metadata);
  if (metadata) fields.metadata = metadata;
  return fields;
}

const postMessage: MethodHandler = (args, ctx) => {
  const target = str(args.channel);
  if (!target) return fail('channel_not_found');
  const fields = messageFields(args);
  if (fields.text === undefined && !fields.blocks && !fields.attachments) return fail('no_text');
  const threadTs = str(args.thread_ts);
  if (threadTs) {
    fields.thread_ts = threadTs;
    if (bool(args.reply_broadcast)) fields.reply_broadcast = true;
  }
  const channel = resolveChannel(ctx, target);
  const message = postBotMessage(ctx, channel, { ...fields, team: ctx.identity.teamId });
  return { ok: true, channel, ts: message.ts, message: apiMessage(message) };
};

const update: MethodHandler = (args, ctx) => {
  const channel = str(args.channel) ?? '';
  const message = ctx.state.findMessage(channel, str(args.ts) ?? '');
  if (!message) return fail('message_not_found');
  if (message.bot_id !== ctx.identity.botId) return fail('cant_update_message');
  Object.assign(message, messageFields(args));
  message.edited = { user: ctx.identity.botUserId, ts: ctx.state.nextTs() };
  return { ok: true, channel, ts: message.ts, text: message.text ?? '', message: apiMessage(message) };
};

const postEphemeral: MethodHandler = (args, ctx) => {
  const channel = str(args.channel);
  const user = str(args.user);
  if (!channel) return fail('channel_not_found');
  if (!user) return fail('user_not_found');
  const fields = messageFields(args);
  if (fields.text === undefined && !fields.blocks) return fail('no_text');
  const message_ts = ctx.state.nextTs();
  const threadTs = str(args.thread_ts);
  ctx.state.ephemerals.push({
    channel,
    user,
    message_ts,
    ...(fields.text !== undefined ? { text: fields.text } : {}),
    ...(fields.blocks ? { blocks: fields.blocks } : {}),
    ...(threadTs ? { thread_ts: threadTs } : {}),
  });
  return { ok: true, message_ts };
};

const deleteMessage: MethodHandler = (args, ctx) => {
  const channel = str(args.channel) ?? '';
  const message = ctx.state.findMessage(channel, str(args.ts) ?? '');
  if (!message) return fail('message_not_found');
  if (message.bot_id !== ctx.identity.botId) return fail('cant_delete_message');
  message.deleted = true;
  return { ok: true, channel, ts: message.ts };
};

const replies: MethodHandler = (args, ctx) => {
  const channel = str(args.channel) ?? '';
  const ts = str(args.ts) ?? '';
  const parent = ctx.state.findMessage(channel, ts);
  if (!parent) return fail('thread_not_found');
  const thread = ctx.state.messages
    .filter((m) => !m.deleted && m.channel === channel && m.thread_ts === ts && m.ts !== ts)
    .sort((a, b) => Number(a.ts) - Number(b.ts));
  const limit = Number(str(args.limit) ?? 0);
  const all = [parent, ...thread];
  const page = limit > 0 ? all.slice(0, limit) : all;
  return { ok: true, messages: page.map(apiMessage), has_more: page.length < all.length };
};

const conversationInfo: MethodHandler = (args, ctx) => {
  const id = str(args.channel);
  if (!id) return fail('channel_not_found');
  const imUser = [...ctx.state.dmChannels].find(([, dm]) => dm === id)?.[0];
  if (imUser || id.startsWith('D')) {
    return { ok: true, channel: { id, is_im: true, is_channel: false, is_private: true, user: imUser, created: 1_700_000_000 } };
  }
  const known = ctx.state.channels.get(id);
  return {
    ok: true,
    channel: {
      id,
      name: known?.name ?? id.toLowerCase(),
      is_channel: !(known?.is_private ?? false),
      is_group: known?.is_private ?? false,
      is_im: false,
      is_private: known?.is_private ?? false,
      is_member: true,
      is_archived: false,
      created: 1_700_000_000,
    },
  };
};

const conversationOpen: MethodHandler = (args, ctx) => {
  const users = (str(args.users) ?? '').split(',').map((u) => u.trim()).filter(Boolean);
  const existing = str(args.channel);
  if (existing) return { ok: true, channel: { id: existing } };
  if (users.length === 0) return fail('users_list_not_supplied');
  const key = users.sort().join(',');
  const alreadyOpen = ctx.state.dmChannels.has(key);
  const id = dmChannelFor(ctx, key);
  return { ok: true, already_open: alreadyOpen, channel: { id } };
};

export const messageMethods: Record<string, MethodHandler> = {
  'chat.postMessage': postMessage,
  'chat.update': update,
  'chat.postEphemeral': postEphemeral,
  'chat.delete': deleteMessage,
  'conversations.replies': replies,
  'conversations.info': conversationInfo,
  'conversations.open': conversationOpen,
};
