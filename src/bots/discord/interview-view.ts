import { ActionRowBuilder, ButtonBuilder, ButtonStyle, type MessageCreateOptions } from 'discord.js';
import type { Reply } from '../../engine/types.ts';
import { splitText } from '../../render/report-blocks.ts';
import { buttonId } from './keys.ts';

const MAX = 2000;

export function interviewButtons(sessionId: string, opts: { voice?: boolean } = {}) {
  const row = new ActionRowBuilder<ButtonBuilder>().addComponents(
    new ButtonBuilder().setCustomId(buttonId('skip', sessionId)).setLabel('Skip').setStyle(ButtonStyle.Secondary),
    new ButtonBuilder().setCustomId(buttonId('repeat', sessionId)).setLabel('Repeat').setStyle(ButtonStyle.Secondary),
    new ButtonBuilder().setCustomId(buttonId('end', sessionId)).setLabel('End').setStyle(ButtonStyle.Danger),
  );
  if (opts.voice) row.addComponents(new ButtonBuilder().setCustomId(buttonId('voice', sessionId)).setLabel('Voice').setStyle(ButtonStyle.Primary));
  return row;
}

/**
 * A turn's reply as thread messages: the progress line, Alex's words, and the buttons on
 * the last message. Long text is split within Discord's 2,000-character limit.
 */
export function replyMessages(reply: Reply, opts: { voiceButton?: boolean } = {}): MessageCreateOptions[] {
  const header = reply.done || reply.refused ? '' : `**${reply.progress.label}**\n`;
  const body = reply.messages.map((m) => (m.startsWith('Mode:') || m.startsWith('Plan:') ? `-# ${m}` : m)).join('\n\n');
  const chunks = splitText(`${header}${body}`, MAX);
  return chunks.map((content, i) => {
    const last = i === chunks.length - 1;
    const msg: MessageCreateOptions = { content, allowedMentions: { parse: [] } };
    if (last && !reply.done && !reply.refused && reply.status === 'active') msg.components = [interviewButtons(reply.sessionId, { voice: opts.voiceButton ?? false })];
    return msg;
  });
}
