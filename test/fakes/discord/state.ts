// The fake's model of Discord: users, guilds, channels (threads included), messages, commands and
// interactions. REST answers and gateway events are both derived from it so they stay consistent.
import type { APIAttachment, APIMessage, APIRole, APIUser, RoleFlags, UserFlags } from 'discord.js';
import {
  DEFAULT_BOT_PERMISSIONS,
  DEFAULT_EVERYONE_PERMISSIONS,
  computePermissions,
  permissionBits,
  type Overwrite,
  type PermissionName,
} from './permissions.ts';
import { SnowflakeGenerator } from './snowflake.ts';
import type { FakeDiscordOptions, FileSpec, GuildSeed, UserRef } from './types.ts';

export interface MemberRecord {
  userId: string;
  roles: string[];
  joinedAt: string;
  nick: string | null;
}

export interface VoiceStateRecord {
  userId: string;
  channelId: string | null;
  sessionId: string;
  selfMute: boolean;
  selfDeaf: boolean;
}

export interface GuildRecord {
  id: string;
  name: string;
  ownerId: string;
  joinedAt: string;
  roles: APIRole[];
  members: Map<string, MemberRecord>;
  voiceStates: Map<string, VoiceStateRecord>;
}

export interface ThreadMetadata {
  archived: boolean;
  locked: boolean;
  auto_archive_duration: number;
  archive_timestamp: string;
  create_timestamp: string;
  invitable?: boolean;
}

export interface ChannelRecord {
  id: string;
  type: number;
  guild_id: string;
  name: string;
  position: number;
  parent_id: string | null;
  overwrites: Overwrite[];
  topic: string | null;
  last_message_id: string | null;
  rate_limit_per_user: number;
  flags: number;
  // Threads only.
  owner_id?: string;
  thread_metadata?: ThreadMetadata;
  message_count?: number;
  total_message_sent?: number;
  /** Thread members: user id -> join timestamp. */
  threadMembers?: Map<string, string>;
}

export interface InteractionRecord {
  id: string;
  token: string;
  type: number;
  guildId: string;
  channelId: string;
  userId: string;
  createdAt: number;
  /** The message a component or modal interaction came from. */
  sourceMessageId: string | null;
  /** Response type of the initial callback, once acknowledged. */
  responseType: number | null;
  originalMessageId: string | null;
  modal: unknown;
}

export interface StoredFile {
  bytes: Buffer;
  contentType: string;
}

export interface CommandRecord {
  id: string;
  name: string;
  type: number;
  json: Record<string, unknown>;
}

export class DiscordState {
  readonly ids = new SnowflakeGenerator();
  readonly botId: string;
  readonly applicationId: string;
  readonly users = new Map<string, APIUser>();
  readonly guilds = new Map<string, GuildRecord>();
  readonly channels = new Map<string, ChannelRecord>();
  /** Messages per channel, oldest first. */
  readonly messages = new Map<string, APIMessage[]>();
  readonly messageIndex = new Map<string, APIMessage>();
  /** Messages that only the invoking user sees; never dispatched on the gateway. */
  readonly ephemeral = new Set<string>();
  /** Application commands keyed by guild id, '' for global ones. */
  readonly commands = new Map<string, CommandRecord[]>();
  readonly interactions = new Map<string, InteractionRecord>();
  /** Attachment bytes keyed by the URL path they are served under. */
  readonly files = new Map<string, StoredFile>();
  baseUrl = '';

  constructor(opts: FakeDiscordOptions) {
    this.botId = opts.botId ?? this.ids.next();
    this.applicationId = opts.applicationId ?? this.botId;
    this.users.set(this.botId, userObject(this.botId, opts.botUsername ?? 'Interview Coach', true));
    const owner = this.addUser('server-owner');
    for (const seed of opts.users ?? [{ username: 'alice' }, { username: 'bob' }]) {
      this.addUser(seed.username, seed.id, seed.globalName, seed.bot);
    }
    for (const seed of opts.guilds ?? [defaultGuild()]) this.addGuild(seed, owner.id);
  }

  addUser(username: string, id?: string, globalName?: string, bot = false): APIUser {
    const user = userObject(id ?? this.ids.next(), username, bot, globalName);
    this.users.set(user.id, user);
    return user;
  }

  resolveUser(ref: UserRef): APIUser {
    const key = typeof ref === 'string' ? ref : ref.id;
    const user = this.users.get(key) ?? [...this.users.values()].find((u) => u.username === key);
    if (!user) throw new Error(`fake discord: unknown user ${key}`);
    return user;
  }

  private addGuild(seed: GuildSeed, ownerId: string): void {
    const id = seed.id ?? this.ids.next();
    const now = new Date().toISOString();
    const botRoleId = this.ids.next();
    const guild: GuildRecord = {
      id,
      name: seed.name ?? 'Test Server',
      ownerId,
      joinedAt: now,
      roles: [
        roleObject(id, '@everyone', 0, toBits(seed.everyonePermissions, DEFAULT_EVERYONE_PERMISSIONS)),
        { ...roleObject(botRoleId, 'Interview Coach', 1, toBits(seed.botPermissions, DEFAULT_BOT_PERMISSIONS)), managed: true, tags: { bot_id: this.botId } },
      ],
      members: new Map(),
      voiceStates: new Map(),
    };
    this.guilds.set(id, guild);
    guild.members.set(this.botId, { userId: this.botId, roles: [botRoleId], joinedAt: now, nick: null });
    guild.members.set(ownerId, { userId: ownerId, roles: [], joinedAt: now, nick: null });
    const memberNames = seed.members;
    for (const user of this.users.values()) {
      if (user.id === this.botId || user.id === ownerId) continue;
      if (memberNames && !memberNames.includes(user.username)) continue;
      guild.members.set(user.id, { userId: user.id, roles: [], joinedAt: now, nick: null });
    }
    let position = 0;
    for (const ch of seed.channels ?? defaultGuild().channels ?? []) {
      const parent = ch.parent ? [...this.channels.values()].find((c) => c.guild_id === id && c.name === ch.parent && c.type === 4) : undefined;
      if (ch.parent && !parent) throw new Error(`fake discord: category ${ch.parent} must be seeded before ${ch.name}`);
      this.addChannel({ id: ch.id ?? this.ids.next(), type: ch.type ?? 0, guild_id: id, name: ch.name, position: position++, parent_id: parent?.id ?? null, topic: ch.topic ?? null });
    }
  }

  addChannel(fields: Pick<ChannelRecord, 'id' | 'type' | 'guild_id' | 'name' | 'position' | 'parent_id' | 'topic'> & Partial<ChannelRecord>): ChannelRecord {
    const channel: ChannelRecord = { overwrites: [], last_message_id: null, rate_limit_per_user: 0, flags: 0, ...fields };
    this.channels.set(channel.id, channel);
    this.messages.set(channel.id, []);
    return channel;
  }

  guildOf(channel: ChannelRecord): GuildRecord {
    const guild = this.guilds.get(channel.guild_id);
    if (!guild) throw new Error(`fake discord: channel ${channel.id} has no guild`);
    return guild;
  }

  firstGuild(): GuildRecord {
    const guild = this.guilds.values().next().value;
    if (!guild) throw new Error('fake discord: no guild seeded');
    return guild;
  }

  findChannel(nameOrId: string, guildId?: string): ChannelRecord | undefined {
    const byId = this.channels.get(nameOrId);
    if (byId) return byId;
    return [...this.channels.values()].find((c) => c.name === nameOrId && (!guildId || c.guild_id === guildId));
  }

  isThread(channel: ChannelRecord): boolean {
    return channel.type === 10 || channel.type === 11 || channel.type === 12;
  }

  /** Threads take their permission overwrites from the parent channel. */
  permissionsIn(channel: ChannelRecord, userId: string): bigint {
    const guild = this.guildOf(channel);
    const member = guild.members.get(userId);
    if (!member) return 0n;
    const source = this.isThread(channel) && channel.parent_id ? this.channels.get(channel.parent_id) ?? channel : channel;
    return computePermissions({
      guildId: guild.id,
      ownerId: guild.ownerId,
      userId,
      memberRoleIds: member.roles,
      rolePermissions: new Map(guild.roles.map((r) => [r.id, BigInt(r.permissions)])),
      overwrites: source.overwrites,
    });
  }

  /** Stores a message and keeps channel and thread counters the way Discord reports them. */
  addMessage(message: APIMessage, ephemeral = false): APIMessage {
    const list = this.messages.get(message.channel_id);
    if (!list) throw new Error(`fake discord: no channel ${message.channel_id}`);
    list.push(message);
    this.messageIndex.set(message.id, message);
    if (ephemeral) {
      this.ephemeral.add(message.id);
      return message;
    }
    const channel = this.channels.get(message.channel_id);
    if (channel) {
      channel.last_message_id = message.id;
      if (channel.message_count !== undefined) channel.message_count++;
      if (channel.total_message_sent !== undefined) channel.total_message_sent++;
    }
    return message;
  }

  removeMessage(id: string): APIMessage | undefined {
    const message = this.messageIndex.get(id);
    if (!message) return undefined;
    this.messageIndex.delete(id);
    const list = this.messages.get(message.channel_id);
    if (list) list.splice(list.indexOf(message), 1);
    return message;
  }

  removeChannel(id: string): ChannelRecord | undefined {
    const channel = this.channels.get(id);
    if (!channel) return undefined;
    this.channels.delete(id);
    for (const m of this.messages.get(id) ?? []) this.messageIndex.delete(m.id);
    this.messages.delete(id);
    return channel;
  }

  /** Keeps the bytes and returns the attachment object pointing at the fake's /attachments route. */
  storeFile(channelId: string, file: FileSpec, description?: string): APIAttachment {
    const id = this.ids.next();
    const bytes = typeof file.data === 'string' ? Buffer.from(file.data) : Buffer.from(file.data);
    const path = `/attachments/${channelId}/${id}/${encodeURIComponent(file.filename)}`;
    this.files.set(path, { bytes, contentType: file.contentType });
    const url = `${this.baseUrl}${path}`;
    return {
      id,
      filename: file.filename,
      size: bytes.length,
      url,
      proxy_url: url,
      content_type: file.contentType,
      ...(description ? { description } : {}),
      ...file.extra,
    } as APIAttachment;
  }
}

function userObject(id: string, username: string, bot: boolean, globalName?: string): APIUser {
  return { id, username, discriminator: '0', global_name: globalName ?? (bot ? null : username), avatar: null, bot, flags: 0 as UserFlags, public_flags: 0 as UserFlags };
}

function roleObject(id: string, name: string, position: number, permissions: bigint): APIRole {
  return {
    id, name, position, permissions: permissions.toString(), color: 0, colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
    hoist: false, icon: null, unicode_emoji: null, managed: false, mentionable: false, flags: 0 as RoleFlags,
  };
}

function toBits(value: bigint | PermissionName[] | undefined, fallback: bigint): bigint {
  if (value === undefined) return fallback;
  return typeof value === 'bigint' ? value : permissionBits(value);
}

function defaultGuild(): GuildSeed {
  return {
    name: 'Test Server',
    channels: [
      { name: 'Text Channels', type: 4 },
      { name: 'general', parent: 'Text Channels' },
      { name: 'interviews', parent: 'Text Channels' },
      { name: 'Voice Channels', type: 4 },
      { name: 'Interview Room', type: 2, parent: 'Voice Channels' },
    ],
  };
}
