// Gateway intents decide which dispatches a session receives and whether message content is visible.
// The fake applies them like Discord so a bot that forgets an intent misbehaves in tests, not in production.

export const Intent = {
  Guilds: 1 << 0,
  GuildMembers: 1 << 1,
  GuildModeration: 1 << 2,
  GuildExpressions: 1 << 3,
  GuildIntegrations: 1 << 4,
  GuildWebhooks: 1 << 5,
  GuildInvites: 1 << 6,
  GuildVoiceStates: 1 << 7,
  GuildPresences: 1 << 8,
  GuildMessages: 1 << 9,
  GuildMessageReactions: 1 << 10,
  GuildMessageTyping: 1 << 11,
  DirectMessages: 1 << 12,
  MessageContent: 1 << 15,
} as const;

export const PRIVILEGED_INTENTS = Intent.GuildMembers | Intent.GuildPresences | Intent.MessageContent;

const EVENT_INTENT: Record<string, number> = {
  GUILD_CREATE: Intent.Guilds,
  GUILD_UPDATE: Intent.Guilds,
  GUILD_DELETE: Intent.Guilds,
  GUILD_ROLE_CREATE: Intent.Guilds,
  GUILD_ROLE_UPDATE: Intent.Guilds,
  CHANNEL_CREATE: Intent.Guilds,
  CHANNEL_UPDATE: Intent.Guilds,
  CHANNEL_DELETE: Intent.Guilds,
  THREAD_CREATE: Intent.Guilds,
  THREAD_UPDATE: Intent.Guilds,
  THREAD_DELETE: Intent.Guilds,
  THREAD_LIST_SYNC: Intent.Guilds,
  THREAD_MEMBER_UPDATE: Intent.Guilds,
  THREAD_MEMBERS_UPDATE: Intent.Guilds,
  GUILD_MEMBER_ADD: Intent.GuildMembers,
  GUILD_MEMBER_UPDATE: Intent.GuildMembers,
  GUILD_MEMBER_REMOVE: Intent.GuildMembers,
  VOICE_STATE_UPDATE: Intent.GuildVoiceStates,
  MESSAGE_CREATE: Intent.GuildMessages,
  MESSAGE_UPDATE: Intent.GuildMessages,
  MESSAGE_DELETE: Intent.GuildMessages,
  MESSAGE_DELETE_BULK: Intent.GuildMessages,
  MESSAGE_REACTION_ADD: Intent.GuildMessageReactions,
  MESSAGE_REACTION_REMOVE: Intent.GuildMessageReactions,
  TYPING_START: Intent.GuildMessageTyping,
};

/** Events not listed (READY, RESUMED, INTERACTION_CREATE, VOICE_SERVER_UPDATE...) are always sent. */
export function intentAllows(intents: number, event: string): boolean {
  const needed = EVENT_INTENT[event];
  return needed === undefined || (intents & needed) !== 0;
}

/**
 * Without MessageContent, Discord blanks content, embeds, attachments, components and polls of messages
 * except the bot's own and those that mention it.
 */
export function applyMessageContentIntent(intents: number, event: string, d: Record<string, unknown>, botId: string): Record<string, unknown> {
  if (event !== 'MESSAGE_CREATE' && event !== 'MESSAGE_UPDATE') return d;
  if ((intents & Intent.MessageContent) !== 0) return d;
  const author = d['author'] as { id?: string } | undefined;
  const mentions = (d['mentions'] as { id: string }[] | undefined) ?? [];
  if (author?.id === botId || mentions.some((u) => u.id === botId)) return d;
  return { ...d, content: '', embeds: [], attachments: [], components: [], poll: undefined };
}
