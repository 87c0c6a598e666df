// Creating, editing and deleting messages from REST payloads, shared by channel and interaction routes.
// Every change is also dispatched on the gateway (except ephemeral messages, which Discord never dispatches).
import type { APIAttachment, APIMessage } from 'discord.js';
import type { FakeGateway } from './gateway.ts';
import { memberPayload, messageEventPayload, newMessage, threadMemberPayload } from './payloads.ts';
import { Errors } from './router.ts';
import type { ChannelRecord, DiscordState } from './state.ts';
import type { RecordedFile } from './types.ts';
import { validateMessagePayload } from './validate.ts';

export interface FakeCore {
  state: DiscordState;
  gateway: FakeGateway;
  interactionAckDeadlineMs: number;
}

export const MessageFlag = {
  SuppressEmbeds: 1 << 2,
  Ephemeral: 1 << 6,
  Loading: 1 << 7,
  SuppressNotifications: 1 << 12,
  IsVoiceMessage: 1 << 13,
  IsComponentsV2: 1 << 15,
} as const;

/** Flags a sender may set; anything else in the payload is ignored by Discord. */
const SETTABLE_FLAGS = MessageFlag.SuppressEmbeds | MessageFlag.Ephemeral | MessageFlag.SuppressNotifications | MessageFlag.IsVoiceMessage | MessageFlag.IsComponentsV2;

type Obj = Record<string, unknown>;

export function createMessage(
  core: FakeCore,
  channel: ChannelRecord,
  authorId: string,
  payload: Obj,
  files: RecordedFile[],
  extra: Partial<APIMessage> = {},
): APIMessage {
  validateMessagePayload(payload, files.length);
  const flags = Number(payload['flags'] ?? 0) & SETTABLE_FLAGS;
  const reference = payload['message_reference'] as Obj | undefined;
  if (reference?.['message_id'] && !core.state.messageIndex.has(String(reference['message_id'])) && reference['fail_if_not_exists'] !== false) {
    throw Errors.invalidForm('message_reference', 'MESSAGE_REFERENCE_UNKNOWN_MESSAGE', 'Unknown message');
  }
  const message = newMessage(core.state, {
    channel,
    authorId,
    content: typeof payload['content'] === 'string' ? payload['content'] : '',
    type: reference?.['message_id'] ? 19 : 0,
    flags,
    extra: {
      embeds: (payload['embeds'] as APIMessage['embeds'] | undefined) ?? [],
      components: (payload['components'] as APIMessage['components'] | undefined) ?? [],
      attachments: buildAttachments(core.state, channel.id, payload['attachments'], files, []),
      tts: Boolean(payload['tts']),
      ...(payload['nonce'] !== undefined ? { nonce: payload['nonce'] as string } : {}),
      ...(reference?.['message_id'] ? { message_reference: { type: 0, message_id: String(reference['message_id']), channel_id: channel.id, guild_id: channel.guild_id } } : {}),
      ...(payload['poll'] ? { poll: payload['poll'] as APIMessage['poll'] } : {}),
      ...extra,
    },
  });
  const ephemeral = (flags & MessageFlag.Ephemeral) !== 0;
  core.state.addMessage(message, ephemeral);
  if (!ephemeral) core.gateway.dispatch('MESSAGE_CREATE', messageEventPayload(core.state, message));
  // Mentioning someone in a private thread adds them to it, which is how bots usually invite the user.
  if (channel.type === 12 && !ephemeral) {
    const guild = core.state.guildOf(channel);
    for (const user of message.mentions) if (guild.members.has(user.id)) addThreadMember(core, channel, user.id);
  }
  return message;
}

/** Adds a thread member and tells the gateway; a no-op for someone already in the thread. */
export function addThreadMember(core: FakeCore, thread: ChannelRecord, userId: string): void {
  const members = (thread.threadMembers ??= new Map());
  if (members.has(userId)) return;
  const ts = new Date().toISOString();
  members.set(userId, ts);
  core.gateway.dispatch('THREAD_MEMBERS_UPDATE', {
    id: thread.id,
    guild_id: thread.guild_id,
    member_count: Math.min(members.size, 50),
    added_members: [{ ...threadMemberPayload(thread.id, userId, ts), member: memberPayload(core.state, core.state.guildOf(thread), userId) }],
  });
}

export function editMessage(core: FakeCore, message: APIMessage, payload: Obj, files: RecordedFile[]): APIMessage {
  validateMessagePayload(payload, files.length, message as unknown as Obj);
  if ('content' in payload) message.content = typeof payload['content'] === 'string' ? payload['content'] : '';
  if ('embeds' in payload) message.embeds = (payload['embeds'] as APIMessage['embeds'] | null) ?? [];
  if ('components' in payload) message.components = (payload['components'] as APIMessage['components'] | null) ?? [];
  if ('attachments' in payload || files.length > 0) {
    message.attachments = buildAttachments(core.state, message.channel_id, payload['attachments'], files, message.attachments);
  }
  const wasLoading = ((message.flags ?? 0) & MessageFlag.Loading) !== 0;
  if ('flags' in payload) {
    const keep = (message.flags ?? 0) & MessageFlag.Ephemeral;
    message.flags = keep | (Number(payload['flags'] ?? 0) & (MessageFlag.SuppressEmbeds | MessageFlag.IsComponentsV2));
  }
  message.flags = (message.flags ?? 0) & ~MessageFlag.Loading;
  // Filling in a deferred "is thinking..." response is not shown as an edit.
  if (!wasLoading) message.edited_timestamp = new Date().toISOString();
  if (!core.state.ephemeral.has(message.id)) core.gateway.dispatch('MESSAGE_UPDATE', messageEventPayload(core.state, message));
  return message;
}

export function deleteMessage(core: FakeCore, message: APIMessage): void {
  core.state.removeMessage(message.id);
  if (core.state.ephemeral.has(message.id)) return;
  const channel = core.state.channels.get(message.channel_id);
  core.gateway.dispatch('MESSAGE_DELETE', { id: message.id, channel_id: message.channel_id, ...(channel ? { guild_id: channel.guild_id } : {}) });
}

/**
 * Discord's attachment rules: entries in `attachments` either name an existing attachment id (kept) or a new
 * upload by index (`files[n]`); uploads not listed are added; with no `attachments` field existing ones stay.
 */
function buildAttachments(state: DiscordState, channelId: string, field: unknown, files: RecordedFile[], existing: APIAttachment[]): APIAttachment[] {
  const byIndex = new Map<string, RecordedFile>();
  files.forEach((f, i) => byIndex.set(/^files\[(\d+)\]$/.exec(f.field)?.[1] ?? String(i), f));
  const used = new Set<RecordedFile>();
  const result: APIAttachment[] = [];
  if (Array.isArray(field)) {
    for (const entry of field as Obj[]) {
      const id = String(entry['id']);
      const kept = existing.find((a) => a.id === id);
      if (kept) {
        result.push(kept);
        continue;
      }
      const file = byIndex.get(id);
      if (!file) throw Errors.invalidForm(`attachments.${id}`, 'ATTACHMENT_NOT_FOUND', 'Attachment data not found');
      used.add(file);
      result.push(store(state, channelId, file, entry['filename'], entry['description']));
    }
  } else {
    result.push(...existing);
  }
  for (const file of files) if (!used.has(file)) result.push(store(state, channelId, file, undefined, undefined));
  return result;
}

function store(state: DiscordState, channelId: string, file: RecordedFile, filename: unknown, description: unknown): APIAttachment {
  const name = typeof filename === 'string' && filename ? filename : file.filename;
  const contentType = file.contentType && file.contentType !== 'application/octet-stream' ? file.contentType : guessType(name);
  return state.storeFile(channelId, { filename: name, contentType, data: file.bytes }, typeof description === 'string' ? description : undefined);
}

const TYPES: Record<string, string> = {
  png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', gif: 'image/gif', webp: 'image/webp', pdf: 'application/pdf',
  txt: 'text/plain; charset=utf-8', md: 'text/markdown; charset=utf-8', json: 'application/json; charset=utf-8',
  ogg: 'audio/ogg', mp3: 'audio/mpeg', wav: 'audio/wav', svg: 'image/svg+xml',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

function guessType(filename: string): string {
  return TYPES[filename.split('.').pop()?.toLowerCase() ?? ''] ?? 'application/octet-stream';
}
