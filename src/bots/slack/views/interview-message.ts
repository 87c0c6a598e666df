// The interview as Slack messages: one message per engine reply, with the progress line and
// the Skip / Repeat / End buttons under the question.
import type { Action, Reply } from '../../../engine/types.ts';
import type { SlackBlock } from '../../../render/slack-report.ts';
import { escapeSlack, truncate } from '../slack-text.ts';

export const ACTION_IDS: Record<Action, string> = {
  skip: 'interview_skip',
  repeat: 'interview_repeat',
  end: 'interview_end',
  pause: 'interview_pause',
  resume: 'interview_resume',
};

const LABELS: Record<Action, string> = { skip: 'Skip', repeat: 'Repeat', end: 'End', pause: 'Pause', resume: 'Resume' };

export interface ButtonBlock {
  type: 'actions';
  block_id: string;
  elements: Record<string, unknown>[];
}

export type MessageBlock = SlackBlock | ButtonBlock;

export interface SlackMessage {
  /** Fallback for notifications and clients that do not render blocks. */
  text: string;
  blocks: MessageBlock[];
}

export interface TurnMessageOptions {
  /** Bold first line, e.g. when the thread has no parent message of ours. */
  title?: string;
  /** Small print under the progress line (how to answer, shown once at the start). */
  hint?: string;
  /** Plain notes about this interview's mode, shown once (escaped here). */
  notes?: string[];
}

function button(action: Action, sessionId: string): Record<string, unknown> {
  const b: Record<string, unknown> = {
    type: 'button',
    action_id: ACTION_IDS[action],
    text: { type: 'plain_text', text: LABELS[action] },
    value: sessionId,
  };
  if (action === 'resume') b.style = 'primary';
  if (action === 'end') {
    b.style = 'danger';
    b.confirm = {
      title: { type: 'plain_text', text: 'End the interview?' },
      text: { type: 'mrkdwn', text: 'You will get a report on the questions answered so far.' },
      confirm: { type: 'plain_text', text: 'End it' },
      deny: { type: 'plain_text', text: 'Keep going' },
    };
  }
  return b;
}

/** One engine reply as one message: each interviewer line a section, then progress and buttons. */
export function turnMessage(reply: Reply, opts: TurnMessageOptions = {}): SlackMessage {
  const blocks: MessageBlock[] = [];
  if (opts.title) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: `*${escapeSlack(truncate(opts.title, 200))}*` } });
  for (const line of reply.messages) {
    if (line.trim()) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: escapeSlack(truncate(line, 2900)) } });
  }
  const context = [{ type: 'mrkdwn' as const, text: escapeSlack(reply.progress.label) }];
  if (opts.hint) context.push({ type: 'mrkdwn', text: opts.hint });
  for (const n of opts.notes ?? []) context.push({ type: 'mrkdwn', text: `_${escapeSlack(truncate(n, 500))}_` });
  blocks.push({ type: 'context', elements: context });
  const buttons = reply.done ? [] : reply.actions.filter((a) => a !== 'pause');
  if (buttons.length) blocks.push({ type: 'actions', block_id: 'interview_controls', elements: buttons.map((a) => button(a, reply.sessionId)) });
  const text = truncate(reply.messages.join('\n\n') || reply.progress.label, 3000);
  return { text, blocks };
}

/** The same message once the interview has moved on: the buttons go, the words stay. */
export function withoutButtons(blocks: MessageBlock[]): MessageBlock[] {
  return blocks.filter((b) => b.type !== 'actions');
}

export const ANSWER_HINT = 'Reply in this thread to answer. Type *skip*, *repeat*, *pause* or *end* at any time.';

export function thinkingMessage(interviewer: string): SlackMessage {
  const text = `${interviewer} is thinking…`;
  return { text, blocks: [{ type: 'context', elements: [{ type: 'mrkdwn', text: `_${escapeSlack(text)}_` }] }] };
}
