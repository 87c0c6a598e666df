/**
 * The running transcript of a voice interview, posted in its thread as it happens:
 * "🎙️ Emma: ..." for what was heard, "Alex: ..." (with the progress line and the usual
 * buttons) for each reply, and plain notices when speech changes mode.
 */
import type { MessageCreateOptions } from 'discord.js';
import type { Reply } from '../../../engine/types.ts';
import { splitText } from '../../../render/split-text.ts';
import type { TranscriptEvent } from '../../../voice/types.ts';
import { interviewButtons } from '../interview-view.ts';

const MAX = 2000;

export function transcriptMessages(event: TranscriptEvent, candidateName: string): MessageCreateOptions[] {
  switch (event.kind) {
    case 'candidate':
      return plain(`🎙️ **${escapeName(candidateName)}:** ${event.text}`);
    case 'notice':
      return plain(`ℹ️ ${event.text}`);
    case 'interviewer':
      return event.reply ? replyLines(event.reply) : plain(`**Alex:** ${event.text}`);
  }
}

function replyLines(reply: Reply): MessageCreateOptions[] {
  const header = reply.done || reply.refused ? '' : `**${reply.progress.label}**\n`;
  const notes = reply.messages.filter((m) => /^(Mode|Plan):/.test(m)).map((m) => `-# ${m}`);
  const said = reply.messages.filter((m) => !/^(Mode|Plan):/.test(m));
  const body = [said.length ? `**Alex:** ${said.join('\n\n')}` : '', ...notes].filter(Boolean).join('\n\n');
  const chunks = splitText(`${header}${body}`, MAX);
  return chunks.map((content, i) => {
    const msg: MessageCreateOptions = { content, allowedMentions: { parse: [] } };
    if (i === chunks.length - 1 && !reply.done && !reply.refused && reply.status === 'active') msg.components = [interviewButtons(reply.sessionId)];
    return msg;
  });
}

function plain(text: string): MessageCreateOptions[] {
  return splitText(text, MAX).map((content) => ({ content, allowedMentions: { parse: [] } }));
}

/** A display name must not turn into markdown (a name like "*Bob*"). */
function escapeName(name: string): string {
  return name.replace(/([*_~`|\\>])/g, '\\$1');
}
