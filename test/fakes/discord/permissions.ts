// Permission bits as Discord defines them (same names as discord.js PermissionFlagsBits), copied so the
// fake does not load the client library it is testing.
export const Permission = {
  CreateInstantInvite: 1n << 0n,
  KickMembers: 1n << 1n,
  BanMembers: 1n << 2n,
  Administrator: 1n << 3n,
  ManageChannels: 1n << 4n,
  ManageGuild: 1n << 5n,
  AddReactions: 1n << 6n,
  ViewAuditLog: 1n << 7n,
  PrioritySpeaker: 1n << 8n,
  Stream: 1n << 9n,
  ViewChannel: 1n << 10n,
  SendMessages: 1n << 11n,
  SendTTSMessages: 1n << 12n,
  ManageMessages: 1n << 13n,
  EmbedLinks: 1n << 14n,
  AttachFiles: 1n << 15n,
  ReadMessageHistory: 1n << 16n,
  MentionEveryone: 1n << 17n,
  UseExternalEmojis: 1n << 18n,
  ViewGuildInsights: 1n << 19n,
  Connect: 1n << 20n,
  Speak: 1n << 21n,
  MuteMembers: 1n << 22n,
  DeafenMembers: 1n << 23n,
  MoveMembers: 1n << 24n,
  UseVAD: 1n << 25n,
  ChangeNickname: 1n << 26n,
  ManageNicknames: 1n << 27n,
  ManageRoles: 1n << 28n,
  ManageWebhooks: 1n << 29n,
  ManageEmojisAndStickers: 1n << 30n,
  ManageGuildExpressions: 1n << 30n,
  UseApplicationCommands: 1n << 31n,
  RequestToSpeak: 1n << 32n,
  ManageEvents: 1n << 33n,
  ManageThreads: 1n << 34n,
  CreatePublicThreads: 1n << 35n,
  CreatePrivateThreads: 1n << 36n,
  UseExternalStickers: 1n << 37n,
  SendMessagesInThreads: 1n << 38n,
  UseEmbeddedActivities: 1n << 39n,
  ModerateMembers: 1n << 40n,
  ViewCreatorMonetizationAnalytics: 1n << 41n,
  UseSoundboard: 1n << 42n,
  CreateGuildExpressions: 1n << 43n,
  CreateEvents: 1n << 44n,
  UseExternalSounds: 1n << 45n,
  SendVoiceMessages: 1n << 46n,
  SetVoiceChannelStatus: 1n << 48n,
  SendPolls: 1n << 49n,
  UseExternalApps: 1n << 50n,
  PinMessages: 1n << 51n,
  BypassSlowmode: 1n << 52n,
} as const;

export type PermissionName = keyof typeof Permission;

export const ALL_PERMISSIONS: bigint = Object.values(Permission).reduce((acc, bit) => acc | bit, 0n);

export function permissionBits(names: readonly PermissionName[]): bigint {
  return names.reduce((acc, name) => acc | Permission[name], 0n);
}

/** What a user gets from @everyone on a freshly created server. */
export const DEFAULT_EVERYONE_PERMISSIONS: bigint = permissionBits([
  'CreateInstantInvite', 'AddReactions', 'Stream', 'ViewChannel', 'SendMessages', 'EmbedLinks', 'AttachFiles',
  'ReadMessageHistory', 'MentionEveryone', 'UseExternalEmojis', 'Connect', 'Speak', 'UseVAD', 'ChangeNickname',
  'UseApplicationCommands', 'RequestToSpeak', 'CreatePublicThreads', 'CreatePrivateThreads', 'UseExternalStickers',
  'SendMessagesInThreads', 'UseEmbeddedActivities', 'SendVoiceMessages', 'SendPolls', 'UseExternalApps',
]);

/** The bot's managed role: what an install link for a thread-based voice bot would ask for. */
export const DEFAULT_BOT_PERMISSIONS: bigint = permissionBits([
  'ViewChannel', 'SendMessages', 'SendMessagesInThreads', 'CreatePublicThreads', 'CreatePrivateThreads',
  'ManageThreads', 'EmbedLinks', 'AttachFiles', 'ReadMessageHistory', 'AddReactions', 'UseApplicationCommands',
  'Connect', 'Speak', 'UseVAD',
]);

export interface Overwrite {
  id: string;
  /** 0 = role, 1 = member */
  type: 0 | 1;
  allow: bigint;
  deny: bigint;
}

/**
 * Discord's documented algorithm: base permissions from roles, then @everyone overwrite, role overwrites,
 * member overwrite. Administrator and ownership short-circuit everything.
 */
export function computePermissions(input: {
  guildId: string;
  ownerId: string;
  userId: string;
  memberRoleIds: readonly string[];
  rolePermissions: ReadonlyMap<string, bigint>;
  overwrites: readonly Overwrite[];
}): bigint {
  if (input.userId === input.ownerId) return ALL_PERMISSIONS;
  let base = input.rolePermissions.get(input.guildId) ?? 0n;
  for (const roleId of input.memberRoleIds) base |= input.rolePermissions.get(roleId) ?? 0n;
  if (base & Permission.Administrator) return ALL_PERMISSIONS;

  let perms = base;
  const everyone = input.overwrites.find((o) => o.id === input.guildId);
  if (everyone) perms = (perms & ~everyone.deny) | everyone.allow;
  let allow = 0n;
  let deny = 0n;
  for (const o of input.overwrites) {
    if (o.type === 0 && input.memberRoleIds.includes(o.id)) {
      allow |= o.allow;
      deny |= o.deny;
    }
  }
  perms = (perms & ~deny) | allow;
  const member = input.overwrites.find((o) => o.type === 1 && o.id === input.userId);
  if (member) perms = (perms & ~member.deny) | member.allow;
  // Without ViewChannel a channel is invisible, so every other channel permission is moot.
  if (!(perms & Permission.ViewChannel)) return 0n;
  return perms;
}
