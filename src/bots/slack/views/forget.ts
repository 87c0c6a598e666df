// The confirmation before deleting everything stored about a person.
import type { SlackMessage } from './interview-message.ts';

export const FORGET_CONFIRM = 'forget_confirm';
export const FORGET_CANCEL = 'forget_cancel';

export function forgetConfirmMessage(interviews: number): SlackMessage {
  const what = interviews === 0 ? 'any documents you shared' : `your ${interviews} interview${interviews === 1 ? '' : 's'}, their reports and transcripts, and any documents you shared`;
  const text = `This deletes ${what}. It cannot be undone.`;
  return {
    text,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: `*Delete your data?*\n${text}` } },
      {
        type: 'actions',
        block_id: 'forget',
        elements: [
          { type: 'button', action_id: FORGET_CONFIRM, style: 'danger', value: 'confirm', text: { type: 'plain_text', text: 'Delete my data' } },
          { type: 'button', action_id: FORGET_CANCEL, value: 'cancel', text: { type: 'plain_text', text: 'Cancel' } },
        ],
      },
    ],
  };
}
