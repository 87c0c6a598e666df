// JSON shapes Discord sends, built from the model. discord.js caches what these contain, so a field missing
// here shows up as a null or a crash in the client exactly as a missing field from Discord would.
import type { APIGuildMember, APIMessage, APIUser } from 'discord.js';
import { Intent } from './intents.ts';
import type { ChannelRecord, DiscordState, GuildRecord, VoiceStateRecord } from './state.ts';

export type Json = Record<string, unknown>;

export function userPayload(state: DiscordState, id: string): APIUser {
  const user = state.users.get(id);
  if (!user) throw new Error(`fake discord: unknown user ${id}`);
  return { ...user };
}

export function memberPayload(state: DiscordState, guild: GuildRecord, userId: string, withUser = true): APIGuildMember {
  const member = guild.members.get(userId);
  if (!member) throw new Error(`fake discord: ${userId} is not a member of ${guild.id}`);
  const base = {
    nick: member.nick,
    avatar: null,
    banner: null,
    roles: [...member.roles],
    joined_at: member.joinedAt,
    premium_since: null,
    deaf: false,
    mute: false,
    flags: 0,
    pending: false,
    communication_disabled_until: null,
  };
  return (withUser ? { user: userPayload(state, userId), ...base } : base) as APIGuildMember;
}

export function channelPayload(state: DiscordState, c: ChannelRecord): Json {
  const common = { id: c.id, type: c.type, guild_id: c.guild_id, name: c.name, flags: c.flags };
  if (state.isThread(c)) {
    return {
      ...common,
      parent_id: c.parent_id,
      owner_id: c.owner_id,
      last_message_id: c.last_message_id,
      rate_limit_per_user: c.rate_limit_per_user,
      thread_metadata: { ...c.thread_metadata },
      message_count: c.message_count ?? 0,
      member_count: Math.min(c.threadMembers?.size ?? 0, 50),
      total_message_sent: c.total_message_sent ?? 0,
    };
  }
  const guildChannel = {
    ...common,
    position: c.position,
    parent_id: c.parent_id,
    permission_overwrites: c.overwrites.map((o) => ({ id: o.id, type: o.type, allow: o.allow.toString(), deny: o.deny.toString() })),
    nsfw: false,
  };
  if (c.type === 4) return guildChannel;
  if (c.type === 2 || c.type === 13) {
    return { ...guildChannel, bitrate: 64_000, user_limit: 0, rtc_region: null, last_message_id: c.last_message_id, rate_limit_per_user: 0 };
  }
  return {
    ...guildChannel,
    topic: c.topic,
    last_message_id: c.last_message_id,
    rate_limit_per_user: c.rate_limit_per_user,
    default_auto_archive_duration: 4320,
    default_thread_rate_limit_per_user: 0,
  };
}

export function threadMemberPayload(threadId: string, userId: string, joinTimestamp: string): Json {
  return { id: threadId, user_id: userId, join_timestamp: joinTimestamp, flags: 0 };
}

export function voiceStatePayload(state: DiscordState, guild: GuildRecord, vs: VoiceStateRecord, withGuild: boolean): Json {
  return {
    ...(withGuild ? { guild_id: guild.id } : {}),
    channel_id: vs.channelId,
    user_id: vs.userId,
    ...(withGuild && guild.members.has(vs.userId) ? { member: memberPayload(state, guild, vs.userId) } : {}),
    session_id: vs.sessionId,
    deaf: false,
    mute: false,
    self_deaf: vs.selfDeaf,
    self_mute: vs.selfMute,
    self_video: false,
    suppress: false,
    request_to_speak_timestamp: null,
  };
}

export function guildPayload(state: DiscordState, guild: GuildRecord): Json {
  const firstText = [...state.channels.values()].find((c) => c.guild_id === guild.id && c.type === 0);
  return {
    id: guild.id,
    name: guild.name,
    icon: null,
    splash: null,
    discovery_splash: null,
    banner: null,
    description: null,
    owner_id: guild.ownerId,
    afk_channel_id: null,
    afk_timeout: 300,
    widget_enabled: false,
    verification_level: 0,
    default_message_notifications: 1,
    explicit_content_filter: 0,
    roles: guild.roles.map((r) => ({ ...r })),
    emojis: [],
    stickers: [],
    features: [],
    mfa_level: 0,
    application_id: null,
    system_channel_id: firstText?.id ?? null,
    system_channel_flags: 0,
    rules_channel_id: null,
    public_updates_channel_id: null,
    safety_alerts_channel_id: null,
    max_members: 500_000,
    max_video_channel_users: 25,
    vanity_url_code: null,
    premium_tier: 0,
    premium_subscription_count: 0,
    premium_progress_bar_enabled: false,
    preferred_locale: 'en-US',
    nsfw_level: 0,
  };
}

/**
 * Without the privileged GuildMembers intent Discord only includes the bot itself and members in voice
 * channels, so a bot that relies on other cached members fails here as it would in production.
 */
export function guildCreatePayload(state: DiscordState, guild: GuildRecord, intents: number): Json {
  const allMembers = (intents & Intent.GuildMembers) !== 0;
  const memberIds = [...guild.members.keys()].filter(
    (id) => allMembers || id === state.botId || guild.voiceStates.get(id)?.channelId,
  );
  const channels = [...state.channels.values()].filter((c) => c.guild_id === guild.id);
  const voiceStates = [...guild.voiceStates.values()].filter((vs) => vs.channelId);
  return {
    ...guildPayload(state, guild),
    joined_at: guild.joinedAt,
    large: false,
    unavailable: false,
    member_count: guild.members.size,
    members: memberIds.map((id) => memberPayload(state, guild, id)),
    channels: channels.filter((c) => !state.isThread(c)).map((c) => channelPayload(state, c)),
    threads: channels.filter((c) => state.isThread(c) && !c.thread_metadata?.archived).map((c) => channelPayload(state, c)),
    voice_states: (intents & Intent.GuildVoiceStates) !== 0 ? voiceStates.map((vs) => voiceStatePayload(state, guild, vs, false)) : [],
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
  };
}

export interface MessageInit {
  channel: ChannelRecord;
  authorId: string;
  content?: string;
  type?: number;
  flags?: number;
  extra?: Partial<APIMessage>;
}

export function newMessage(state: DiscordState, init: MessageInit): APIMessage {
  const id = state.ids.next();
  const content = init.content ?? '';
  return {
    id,
    channel_id: init.channel.id,
    author: userPayload(state, init.authorId),
    content,
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: mentionedUsers(state, content),
    mention_roles: [],
    attachments: [],
    embeds: [],
    components: [],
    pinned: false,
    type: init.type ?? 0,
    flags: init.flags ?? 0,
    ...(state.isThread(init.channel) ? { position: init.channel.total_message_sent ?? 0 } : {}),
    ...init.extra,
  } as APIMessage;
}

/** Gateway MESSAGE_* events carry guild_id and the author's member object (without user) in guilds. */
export function messageEventPayload(state: DiscordState, message: APIMessage): Json {
  const channel = state.channels.get(message.channel_id);
  if (!channel) return { ...message };
  const guild = state.guildOf(channel);
  const member = guild.members.has(message.author.id) && !message.webhook_id ? { member: memberPayload(state, guild, message.author.id, false) } : {};
  return { ...structuredClone(message), guild_id: guild.id, ...member };
}

function mentionedUsers(state: DiscordState, content: string): APIUser[] {
  const ids = new Set([...content.matchAll(/<@!?(\d+)>/g)].map((m) => m[1] as string));
  return [...ids].filter((id) => state.users.has(id)).map((id) => userPayload(state, id));
}
