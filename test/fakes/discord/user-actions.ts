// What users do, turned into gateway dispatches: slash commands, button/select clicks, modal submits and
// messages. Helpers throw when a real user could not do the action (not a member, button absent, ...),
// because such a test would otherwise pass against a situation Discord never produces.
import { randomBytes } from 'node:crypto';
import type { APIAttachment, APIMessage } from 'discord.js';
import { MessageFlag, addThreadMember, type FakeCore } from './messages.ts';
import { channelPayload, memberPayload, messageEventPayload, newMessage } from './payloads.ts';
import { Permission } from './permissions.ts';
import type { ChannelRecord, InteractionRecord } from './state.ts';
import type { FileSpec, InteractionInfo, UserRef } from './types.ts';

type Obj = Record<string, unknown>;

export interface CommandOption {
  name: string;
  type: number;
  value?: string | number | boolean;
  options?: CommandOption[];
  focused?: boolean;
}

export interface SlashCommandInput {
  guildId?: string;
  /** Channel id or name. */
  channelId: string;
  user: UserRef;
  name: string;
  options?: CommandOption[];
  /** Attachment options: each becomes resolved.attachments plus a type-11 option named `name`. */
  attachments?: (FileSpec & { name: string })[];
  locale?: string;
}

export interface ComponentInput {
  messageId: string;
  customId: string;
  user: UserRef;
  channelId?: string;
  /** For select menus. */
  values?: string[];
}

export interface ModalSubmitInput {
  /** Token of the interaction that showed the modal (its channel, custom id and inputs are checked). */
  fromToken: string;
  user?: UserRef;
  fields: Record<string, string>;
}

export interface UserMessageInput {
  channelId: string;
  user: UserRef;
  content?: string;
  attachments?: FileSpec[];
  /** Marks it as a voice message (flag 8192); give duration_secs/waveform through the attachment's `extra`. */
  voice?: boolean;
  replyTo?: string;
}

export function findChannel(core: FakeCore, nameOrId: string, guildId?: string): ChannelRecord {
  const channel = core.state.findChannel(nameOrId, guildId);
  if (!channel) throw new Error(`fake discord: unknown channel ${nameOrId}`);
  return channel;
}

function requireMember(core: FakeCore, channel: ChannelRecord, userId: string): void {
  const guild = core.state.guildOf(channel);
  if (!guild.members.has(userId)) throw new Error(`fake discord: user ${userId} is not a member of guild ${guild.id}`);
  if (!(core.state.permissionsIn(channel, userId) & Permission.ViewChannel)) throw new Error(`fake discord: user ${userId} cannot see channel ${channel.id}`);
  if (channel.type === 12 && !channel.threadMembers?.has(userId) && !(core.state.permissionsIn(channel, userId) & Permission.ManageThreads)) {
    throw new Error(`fake discord: user ${userId} is not in private thread ${channel.id}; the bot must add or mention them first`);
  }
}

function dispatchInteraction(core: FakeCore, channel: ChannelRecord, userId: string, type: number, data: Obj, message?: APIMessage, locale = 'en-US'): InteractionInfo {
  const { state } = core;
  const guild = state.guildOf(channel);
  const id = state.ids.next();
  const token = `aW50ZXJhY3Rpb246${id}:${randomBytes(48).toString('base64url')}`;
  const rec: InteractionRecord = {
    id, token, type, guildId: guild.id, channelId: channel.id, userId, createdAt: Date.now(),
    sourceMessageId: message?.id ?? null, responseType: null, originalMessageId: null, modal: null,
  };
  state.interactions.set(token, rec);
  const payload = {
    id,
    application_id: state.applicationId,
    type,
    token,
    version: 1,
    data,
    guild_id: guild.id,
    guild: { id: guild.id, locale: 'en-US', features: [] },
    channel_id: channel.id,
    channel: channelPayload(state, channel),
    member: { ...memberPayload(state, guild, userId), permissions: state.permissionsIn(channel, userId).toString() },
    app_permissions: state.permissionsIn(channel, state.botId).toString(),
    locale,
    guild_locale: 'en-US',
    entitlements: [],
    authorizing_integration_owners: { '0': guild.id },
    context: 0,
    attachment_size_limit: 10 * 1024 * 1024,
    ...(message ? { message: messageEventPayload(state, message) } : {}),
  };
  const delivered = core.gateway.dispatch('INTERACTION_CREATE', payload) > 0;
  return { id, token, delivered };
}

export function slashCommand(core: FakeCore, input: SlashCommandInput): InteractionInfo {
  const { state } = core;
  const channel = findChannel(core, input.channelId, input.guildId);
  const user = state.resolveUser(input.user);
  requireMember(core, channel, user.id);
  const registered = [...(state.commands.get(channel.guild_id) ?? []), ...(state.commands.get('') ?? [])].find((c) => c.name === input.name && c.type === 1);
  const options = structuredClone(input.options ?? []);
  const attachments: Record<string, APIAttachment> = {};
  for (const file of input.attachments ?? []) {
    const attachment = { ...state.storeFile(channel.id, file), ephemeral: true };
    attachments[attachment.id] = attachment;
    placeOption(options, { name: file.name, type: 11, value: attachment.id });
  }
  const data: Obj = {
    id: registered?.id ?? state.ids.next(),
    name: input.name,
    type: 1,
    ...(options.length ? { options } : {}),
    ...(Object.keys(attachments).length ? { resolved: { attachments } } : {}),
    ...(registered?.json['guild_id'] ? { guild_id: registered.json['guild_id'] } : {}),
  };
  return dispatchInteraction(core, channel, user.id, 2, data, undefined, input.locale);
}

/** Fills an existing attachment option by name, or adds it to the innermost sub-command. */
function placeOption(options: CommandOption[], option: CommandOption): void {
  const existing = findOption(options, option.name);
  if (existing) {
    existing.value = option.value;
    existing.type = option.type;
    return;
  }
  let list = options;
  for (;;) {
    const sub = list.find((o) => o.type === 1 || o.type === 2);
    if (!sub) break;
    list = sub.options ??= [];
  }
  list.push(option);
}

function findOption(options: CommandOption[], name: string): CommandOption | undefined {
  for (const o of options) {
    if ((o.type !== 1 && o.type !== 2) && o.name === name) return o;
    const inner = o.options ? findOption(o.options, name) : undefined;
    if (inner) return inner;
  }
  return undefined;
}

export function clickComponent(core: FakeCore, input: ComponentInput): InteractionInfo {
  const { state } = core;
  const message = state.messageIndex.get(input.messageId);
  if (!message) throw new Error(`fake discord: unknown message ${input.messageId}`);
  const channel = findChannel(core, input.channelId ?? message.channel_id);
  const user = state.resolveUser(input.user);
  requireMember(core, channel, user.id);
  const components = flattenComponents(message.components as unknown as Obj[] | undefined);
  const component = components.find((c) => c['custom_id'] === input.customId);
  if (!component) {
    const ids = components.map((c) => c['custom_id']).filter(Boolean);
    throw new Error(`fake discord: message ${message.id} has no component ${input.customId} (has: ${ids.join(', ') || 'none'})`);
  }
  if (component['disabled']) throw new Error(`fake discord: component ${input.customId} is disabled`);
  const componentType = Number(component['type']);
  const data: Obj = { custom_id: input.customId, component_type: componentType };
  if (componentType !== 2) {
    const values = input.values ?? [];
    if (componentType === 3) {
      const allowed = ((component['options'] as Obj[] | undefined) ?? []).map((o) => o['value']);
      const bad = values.find((v) => !allowed.includes(v));
      if (bad !== undefined) throw new Error(`fake discord: ${bad} is not an option of ${input.customId}`);
    }
    data['values'] = values;
  }
  return dispatchInteraction(core, channel, user.id, 3, data, message);
}

function flattenComponents(list: Obj[] | undefined): Obj[] {
  const out: Obj[] = [];
  for (const c of list ?? []) {
    out.push(c);
    if (Array.isArray(c['components'])) out.push(...flattenComponents(c['components'] as Obj[]));
    if (c['accessory']) out.push(c['accessory'] as Obj);
  }
  return out;
}

export function submitModal(core: FakeCore, input: ModalSubmitInput): InteractionInfo {
  const { state } = core;
  const origin = state.interactions.get(input.fromToken);
  const modal = origin?.modal as Obj | null | undefined;
  if (!origin || !modal) throw new Error('fake discord: that interaction did not answer with a modal');
  const channel = findChannel(core, origin.channelId);
  const userId = input.user ? state.resolveUser(input.user).id : origin.userId;
  const inputs = flattenComponents(modal['components'] as Obj[] | undefined).filter((c) => c['type'] === 4);
  for (const key of Object.keys(input.fields)) {
    if (!inputs.some((c) => c['custom_id'] === key)) throw new Error(`fake discord: modal has no text input ${key}`);
  }
  const rows = inputs.map((c) => ({
    type: 1,
    components: [{ type: 4, id: c['id'] ?? 0, custom_id: c['custom_id'], value: input.fields[String(c['custom_id'])] ?? '' }],
  }));
  const source = origin.sourceMessageId ? state.messageIndex.get(origin.sourceMessageId) : undefined;
  return dispatchInteraction(core, channel, userId, 5, { custom_id: modal['custom_id'], components: rows }, source);
}

export function userMessage(core: FakeCore, input: UserMessageInput): APIMessage {
  const { state } = core;
  const channel = findChannel(core, input.channelId);
  const user = state.resolveUser(input.user);
  requireMember(core, channel, user.id);
  const meta = channel.thread_metadata;
  if (meta?.archived) {
    if (meta.locked) throw new Error(`fake discord: thread ${channel.id} is locked`);
    meta.archived = false;
    core.gateway.dispatch('THREAD_UPDATE', channelPayload(state, channel));
  }
  // Posting in a thread joins it.
  if (state.isThread(channel)) addThreadMember(core, channel, user.id);
  const reference = input.replyTo ? { message_reference: { type: 0, message_id: input.replyTo, channel_id: channel.id, guild_id: channel.guild_id } } : {};
  const message = newMessage(state, {
    channel,
    authorId: user.id,
    content: input.content ?? '',
    type: input.replyTo ? 19 : 0,
    flags: input.voice ? MessageFlag.IsVoiceMessage : 0,
    extra: { attachments: (input.attachments ?? []).map((f) => state.storeFile(channel.id, f)), ...reference } as Partial<APIMessage>,
  });
  state.addMessage(message);
  core.gateway.dispatch('MESSAGE_CREATE', messageEventPayload(state, message));
  return structuredClone(message);
}
