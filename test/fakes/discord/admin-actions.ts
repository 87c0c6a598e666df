// Things that happen to the server around the bot: moderators deleting or archiving threads, permission
// changes, and users moving in voice. Each one updates the model and sends the gateway event Discord sends.
import type { FakeCore } from './messages.ts';
import { channelPayload, voiceStatePayload } from './payloads.ts';
import { permissionBits, type PermissionName } from './permissions.ts';
import type { ChannelRecord } from './state.ts';
import type { UserRef } from './types.ts';
import { findChannel } from './user-actions.ts';

export interface OverwriteInput {
  channelId: string;
  target: 'bot' | 'everyone' | UserRef;
  allow?: PermissionName[];
  deny?: PermissionName[];
}

export interface UserVoiceInput {
  user: UserRef;
  channelId: string | null;
  guildId?: string;
  selfMute?: boolean;
  selfDeaf?: boolean;
}

function threadOf(core: FakeCore, id: string): ChannelRecord {
  const thread = findChannel(core, id);
  if (!core.state.isThread(thread)) throw new Error(`fake discord: ${id} is not a thread`);
  return thread;
}

export function deleteThread(core: FakeCore, threadId: string): void {
  const thread = threadOf(core, threadId);
  core.state.removeChannel(thread.id);
  core.gateway.dispatch('THREAD_DELETE', { id: thread.id, guild_id: thread.guild_id, parent_id: thread.parent_id, type: thread.type });
}

export function archiveThread(core: FakeCore, threadId: string, opts: { locked?: boolean }): void {
  const thread = threadOf(core, threadId);
  const meta = thread.thread_metadata;
  if (!meta) return;
  meta.archived = true;
  meta.locked = opts.locked ?? meta.locked;
  meta.archive_timestamp = new Date().toISOString();
  core.gateway.dispatch('THREAD_UPDATE', channelPayload(core.state, thread));
}

export function setChannelOverwrite(core: FakeCore, input: OverwriteInput): void {
  const { state } = core;
  const channel = findChannel(core, input.channelId);
  if (state.isThread(channel)) throw new Error('fake discord: threads use their parent channel overwrites');
  const everyone = input.target === 'everyone';
  const id = everyone ? channel.guild_id : input.target === 'bot' ? state.botId : state.resolveUser(input.target).id;
  channel.overwrites = channel.overwrites.filter((o) => o.id !== id);
  channel.overwrites.push({ id, type: everyone ? 0 : 1, allow: permissionBits(input.allow ?? []), deny: permissionBits(input.deny ?? []) });
  core.gateway.dispatch('CHANNEL_UPDATE', channelPayload(state, channel));
}

export function setBotPermissions(core: FakeCore, permissions: PermissionName[] | bigint, guildId?: string): void {
  const { state } = core;
  const guild = guildId ? state.guilds.get(guildId) : state.firstGuild();
  const roleId = guild?.members.get(state.botId)?.roles[0];
  const role = guild?.roles.find((r) => r.id === roleId);
  if (!guild || !role) throw new Error('fake discord: bot role not found');
  role.permissions = (typeof permissions === 'bigint' ? permissions : permissionBits(permissions)).toString();
  core.gateway.dispatch('GUILD_ROLE_UPDATE', { guild_id: guild.id, role: { ...role } });
}

export function userVoiceState(core: FakeCore, input: UserVoiceInput): void {
  const { state } = core;
  const guild = input.guildId ? state.guilds.get(input.guildId) : state.firstGuild();
  if (!guild) throw new Error('fake discord: unknown guild');
  const user = state.resolveUser(input.user);
  const channelId = input.channelId ? findChannel(core, input.channelId, guild.id).id : null;
  const vs = { userId: user.id, channelId, sessionId: `voice-${user.id}`, selfMute: input.selfMute ?? false, selfDeaf: input.selfDeaf ?? false };
  if (channelId) guild.voiceStates.set(user.id, vs);
  else guild.voiceStates.delete(user.id);
  core.gateway.dispatch('VOICE_STATE_UPDATE', voiceStatePayload(state, guild, vs, true));
}
