// Permission and existence checks shared by REST routes, answering with the errors Discord uses.
import { Permission, type PermissionName } from './permissions.ts';
import { Errors } from './router.ts';
import type { ChannelRecord, DiscordState } from './state.ts';

export function channelOr404(state: DiscordState, id: string | undefined): ChannelRecord {
  const channel = id ? state.channels.get(id) : undefined;
  if (!channel) throw Errors.unknownChannel();
  return channel;
}

/** 50001 when the bot cannot see the channel (or a private thread it is not in), 50013 when it lacks a permission. */
export function requireBot(state: DiscordState, channel: ChannelRecord, ...needed: PermissionName[]): void {
  const perms = state.permissionsIn(channel, state.botId);
  if (!(perms & Permission.ViewChannel)) throw Errors.missingAccess();
  if (channel.type === 12 && !channel.threadMembers?.has(state.botId) && !(perms & Permission.ManageThreads)) {
    throw Errors.missingAccess();
  }
  for (const name of needed) if (!(perms & Permission[name])) throw Errors.missingPermissions();
}

export function botHas(state: DiscordState, channel: ChannelRecord, name: PermissionName): boolean {
  return (state.permissionsIn(channel, state.botId) & Permission[name]) !== 0n;
}

export function isTextLike(channel: ChannelRecord): boolean {
  return [0, 2, 5, 10, 11, 12, 13].includes(channel.type);
}
