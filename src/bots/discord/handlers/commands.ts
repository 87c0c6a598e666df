import { AttachmentBuilder, ButtonBuilder, ButtonStyle, ActionRowBuilder, MessageFlags, PermissionFlagsBits, type ButtonInteraction, type ChatInputCommandInteraction } from 'discord.js';
import { renderTrendPng, TREND_CHART_NAME } from '../../../render/chart.ts';
import { discordReportMessages } from '../../../render/discord-report.ts';
import type { DiscordDeps } from '../deps.ts';
import { statusLines } from '../../shared/status-lines.ts';
import { discordAdapter } from '../adapter.ts';
import { forgetId, guildSettingsKey, scopeOf, userKey } from '../keys.ts';
import type { Sendable } from '../thread-send.ts';
import { REPORT_CHART_NAME, renderReportChartPng } from '../../../render/chart.ts';

/** /interview end: ends the caller's running interview in this server; the report goes to its thread. */
export async function handleEnd(i: ChatInputCommandInteraction, deps: DiscordDeps): Promise<void> {
  await i.deferReply({ flags: MessageFlags.Ephemeral });
  const { conversation } = deps.app;
  const session = i.guildId ? await conversation.activeOf(userKey(i.user.id), scopeOf(i.guildId)) : undefined;
  if (!session) {
    await i.editReply('You have no interview running in this server.');
    return;
  }
  const channel = i.client.channels.cache.get(String(session.surface?.threadId ?? ''));
  const thread: Sendable | null = channel?.isSendable() ? channel : null;
  const place = { thread, tell: async (text: string) => void (await i.followUp({ content: text, flags: MessageFlags.Ephemeral })), voiceButton: false, typing: false };
  const outcome = await conversation.turn(discordAdapter(i.client, deps), place, session.id, { kind: 'command', command: 'end' });
  if (!outcome.recorded) return;
  await i.editReply(thread ? `Interview ended. Your report is in <#${thread.id}>.` : 'Interview ended. Use `/interview report` to see the report.');
}

/** /interview report: the caller's last report again, privately. */
export async function handleReport(i: ChatInputCommandInteraction, deps: DiscordDeps): Promise<void> {
  await i.deferReply({ flags: MessageFlags.Ephemeral });
  const report = await deps.app.conversation.lastReport(userKey(i.user.id));
  if (!report) {
    await i.editReply('You have no finished interviews yet. Start one with `/interview start`.');
    return;
  }
  const [first, ...rest] = discordReportMessages(report, {});
  const png = renderReportChartPng(report);
  await i.editReply({ embeds: first!.embeds, files: [new AttachmentBuilder(png, { name: first!.attachmentName ?? REPORT_CHART_NAME })] });
  for (const part of rest) await i.followUp({ embeds: part.embeds.map((e) => ({ ...e, image: undefined })), flags: MessageFlags.Ephemeral });
}

/** /interview history: past interviews with scores, and the trend chart. */
export async function handleHistory(i: ChatInputCommandInteraction, deps: DiscordDeps): Promise<void> {
  await i.deferReply({ flags: MessageFlags.Ephemeral });
  const history = await deps.app.conversation.history(userKey(i.user.id));
  const done = history.filter((h) => h.finishedAt);
  if (!done.length) {
    await i.editReply('No finished interviews yet. Start one with `/interview start`.');
    return;
  }
  const lines = done.slice(-15).reverse().map((h) => {
    const date = `<t:${Math.floor(h.startedAt / 1000)}:d>`;
    const score = h.score === null ? 'not enough to judge' : `${h.score.toFixed(1)}/5 (${h.band})`;
    return `${date} · ${h.type} · ${h.role} · **${score}**${h.partial ? ' · partial' : ''}`;
  });
  const scored = done.filter((h) => h.score !== null);
  const avg = scored.length ? (scored.reduce((s, h) => s + h.score!, 0) / scored.length).toFixed(1) : '–';
  const png = renderTrendPng(done);
  await i.editReply({ content: `**Your interviews** (${done.length}, average ${avg}/5)\n${lines.join('\n')}`.slice(0, 2000), files: [new AttachmentBuilder(png, { name: TREND_CHART_NAME })] });
}

/** /interview status: which model provider and speech mode are live. */
export async function handleStatus(i: ChatInputCommandInteraction, deps: DiscordDeps): Promise<void> {
  // Inside a running interview the status speaks its language.
  const session = i.guildId ? await deps.app.conversation.activeOf(userKey(i.user.id), scopeOf(i.guildId)) : undefined;
  const lines = await statusLines(deps.app, session?.language);
  await i.reply({ content: lines.map((l) => `• ${l}`).join('\n').slice(0, 2000) || 'All systems normal.', flags: MessageFlags.Ephemeral });
}

/** /interview forget: asks first, then deletes everything stored about the caller. */
export async function handleForget(i: ChatInputCommandInteraction): Promise<void> {
  const row = new ActionRowBuilder<ButtonBuilder>().addComponents(
    new ButtonBuilder().setCustomId(forgetId('yes', i.user.id)).setLabel('Delete my data').setStyle(ButtonStyle.Danger),
    new ButtonBuilder().setCustomId(forgetId('no', i.user.id)).setLabel('Cancel').setStyle(ButtonStyle.Secondary),
  );
  await i.reply({ content: 'This deletes all your interviews, reports and uploaded documents, everywhere this bot runs. It cannot be undone.', components: [row], flags: MessageFlags.Ephemeral });
}

export async function handleForgetButton(i: ButtonInteraction, deps: DiscordDeps): Promise<void> {
  const [, choice, ownerId] = i.customId.split(':');
  if (ownerId !== i.user.id) {
    await i.reply({ content: 'Only the person who asked can confirm this.', flags: MessageFlags.Ephemeral });
    return;
  }
  if (choice !== 'yes') {
    await i.update({ content: 'Nothing was deleted.', components: [] });
    return;
  }
  const n = await deps.app.conversation.forget(userKey(i.user.id));
  await i.update({ content: `Done: deleted ${n} interview${n === 1 ? '' : 's'} and your documents.`, components: [] });
}

/** /interview settings: server admins turn the channel summary on or off. */
export async function handleSettings(i: ChatInputCommandInteraction, deps: DiscordDeps): Promise<void> {
  if (!i.guildId || !i.memberPermissions?.has(PermissionFlagsBits.ManageGuild)) {
    await i.reply({ content: 'Only members with the Manage Server permission can change these settings.', flags: MessageFlags.Ephemeral });
    return;
  }
  const on = i.options.getBoolean('channel_summary', true);
  await deps.app.kv.set(guildSettingsKey(i.guildId), { channelSummary: on });
  await i.reply({ content: `Channel summaries are now **${on ? 'on' : 'off'}** for this server.`, flags: MessageFlags.Ephemeral });
}

