// The channel message an interview thread hangs from: who, which interview, how long, and
// (once finished) the result, so the channel sees progress without opening the thread.
import { SPECS } from '../../../engine/interview-types.ts';
import type { InterviewType, Report } from '../../../engine/types.ts';
import { overallText } from '../../../render/labels.ts';
import { escapeSlack } from '../slack-text.ts';
import type { SlackMessage } from './interview-message.ts';

export function interviewTitle(name: string | undefined, type: InterviewType, questions: number, role?: string): string {
  const forRole = role ? ` for ${role}` : '';
  const whose = name ? `${name}'s` : 'A';
  return `${whose} ${SPECS[type].label} interview${forRole}, ${questions} question${questions === 1 ? '' : 's'}`;
}

export type ParentState = { kind: 'waiting-for-documents' } | { kind: 'running' } | { kind: 'finished'; report: Report } | { kind: 'failed'; message: string };

export function parentMessage(title: string, state: ParentState): SlackMessage {
  let status: string;
  switch (state.kind) {
    case 'waiting-for-documents':
      status = 'Waiting for a resume or job description in the thread.';
      break;
    case 'running':
      status = 'In progress: the interview runs in this thread.';
      break;
    case 'finished':
      status = `Finished: ${overallText(state.report)}${state.report.partial ? ' (partial)' : ''}. The report is in the thread.`;
      break;
    case 'failed':
      status = state.message;
      break;
  }
  return {
    text: title,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: `:speech_balloon: *${escapeSlack(title)}*` } },
      { type: 'context', elements: [{ type: 'mrkdwn', text: escapeSlack(status) }] },
    ],
  };
}
