/**
 * Finding the candidate's voice channel and joining it: the channel comes from the
 * server's voice states (GuildVoiceStates intent), permissions are checked first so the
 * candidate is told exactly which one is missing, and the bot joins undeafened (deafened
 * bots receive no audio) with DAVE end-to-end encryption on (the library default).
 */
import {
  entersState,
  joinVoiceChannel,
  VoiceConnectionStatus,
  type DiscordGatewayAdapterCreator,
  type VoiceConnection,
} from '@discordjs/voice';
import { PermissionFlagsBits, type Client, type Guild, type VoiceBasedChannel } from 'discord.js';
import type { Logger } from 'pino';
import { missingPermissions, permissionMessage } from '../permissions.ts';
import { voiceStartLines } from './messages.ts';

export type ChannelLookup = { ok: true; guild: Guild; channel: VoiceBasedChannel } | { ok: false; message: string };

/** `language`: the interview's, for the lines the candidate reads. */
export async function findCandidateChannel(client: Client, guildId: string, userId: string, language?: string): Promise<ChannelLookup> {
  const said = voiceStartLines(language);
  const guild = client.guilds.cache.get(guildId) ?? (await client.guilds.fetch(guildId).catch(() => null));
  if (!guild) return { ok: false, message: said.guildUnavailable };
  const channelId = guild.voiceStates.cache.get(userId)?.channelId;
  const channel = channelId ? guild.channels.cache.get(channelId) : undefined;
  if (!channel || !channel.isVoiceBased()) return { ok: false, message: said.notInVoice };
  const me = guild.members.me ?? (await guild.members.fetchMe().catch(() => null));
  const missing = missingPermissions(me ? channel.permissionsFor(me) : null, [PermissionFlagsBits.ViewChannel, PermissionFlagsBits.Connect, PermissionFlagsBits.Speak]);
  if (missing.length) return { ok: false, message: permissionMessage(missing, `in the voice channel <#${channel.id}>`) };
  if (channel.full && !(me && channel.permissionsFor(me).has(PermissionFlagsBits.MoveMembers))) {
    return { ok: false, message: `The voice channel <#${channel.id}> is full, so I can't join it. Free a spot (or move to another channel) and press Voice again.` };
  }
  return { ok: true, guild, channel };
}

/** Joins and waits until the connection is ready; null (and nothing left open) when it never gets there. */
export async function connectToChannel(guild: Guild, channel: VoiceBasedChannel, opts: { readyTimeoutMs: number; logger: Logger }): Promise<VoiceConnection | null> {
  const connection = joinVoiceChannel({
    guildId: guild.id,
    channelId: channel.id,
    // discord.js and @discordjs/voice each pin their own discord-api-types; the shapes agree at runtime.
    adapterCreator: guild.voiceAdapterCreator as DiscordGatewayAdapterCreator,
    selfDeaf: false,
    selfMute: false,
  });
  // Networking errors are also reported as state changes; an unhandled 'error' event would crash the bot.
  connection.on('error', (err) => opts.logger.warn({ err: err.message, guildId: guild.id }, 'voice connection error'));
  try {
    await entersState(connection, VoiceConnectionStatus.Ready, opts.readyTimeoutMs);
    return connection;
  } catch {
    opts.logger.warn({ guildId: guild.id, channelId: channel.id, status: connection.state.status }, 'voice connection did not become ready');
    if (connection.state.status !== VoiceConnectionStatus.Destroyed) connection.destroy();
    return null;
  }
}
