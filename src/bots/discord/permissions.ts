import { PermissionFlagsBits, type PermissionsBitField } from 'discord.js';

/** Human names as Discord's server settings show them. */
const NAMES: [bigint, string][] = [
  [PermissionFlagsBits.ViewChannel, 'View Channel'],
  [PermissionFlagsBits.SendMessages, 'Send Messages'],
  [PermissionFlagsBits.CreatePrivateThreads, 'Create Private Threads'],
  [PermissionFlagsBits.CreatePublicThreads, 'Create Public Threads'],
  [PermissionFlagsBits.SendMessagesInThreads, 'Send Messages in Threads'],
  [PermissionFlagsBits.AttachFiles, 'Attach Files'],
  [PermissionFlagsBits.EmbedLinks, 'Embed Links'],
  [PermissionFlagsBits.Connect, 'Connect'],
  [PermissionFlagsBits.Speak, 'Speak'],
];

export function permissionName(flag: bigint): string {
  return NAMES.find(([f]) => f === flag)?.[1] ?? String(flag);
}

/** Names of the flags in `needed` that `have` lacks. */
export function missingPermissions(have: Readonly<PermissionsBitField> | null | undefined, needed: bigint[]): string[] {
  if (!have) return [];
  return needed.filter((f) => !have.has(f)).map(permissionName);
}

export function permissionMessage(missing: string[], where: string): string {
  const list = missing.map((m) => `**${m}**`).join(', ');
  return `I can't run the interview ${where}: I'm missing the ${list} permission${missing.length > 1 ? 's' : ''}. Ask a server admin to grant ${missing.length > 1 ? 'them' : 'it'} to me, then try again.`;
}
