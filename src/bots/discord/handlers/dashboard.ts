import { MessageFlags, type ChatInputCommandInteraction } from 'discord.js';
import { dashboardLinkText } from '../../shared/dashboard-link.ts';
import type { DiscordDeps } from '../deps.ts';
import { userKey } from '../keys.ts';

/** /interview dashboard: the caller's personal web-dashboard link, shown only to them. */
export async function handleDashboard(i: ChatInputCommandInteraction, deps: DiscordDeps): Promise<void> {
  const { config, kv } = deps.app;
  const content = await dashboardLinkText({ publicUrl: config.PUBLIC_URL, secret: config.USER_TOKEN_SECRET, kv, userKey: userKey(i.user.id) });
  await i.reply({ content, flags: MessageFlags.Ephemeral });
}
