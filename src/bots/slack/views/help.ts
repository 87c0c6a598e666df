// What the app can do, in the words people type.
import { SPECS } from '../../../engine/interview-types.ts';
import { INTERVIEW_TYPES } from '../../../engine/types.ts';
import type { SlackMessage } from './interview-message.ts';

export function helpMessage(interviewer: string): SlackMessage {
  const types = INTERVIEW_TYPES.map((t) => `• *${t}*: ${SPECS[t].questions} questions, about ${SPECS[t].minutes} min (${SPECS[t].focus})`).join('\n');
  const text = [
    `*Practise an interview with ${interviewer}*`,
    '`/interview behavioral backend engineer` starts one in a thread here (the role words are optional; a level such as `senior` may lead them).',
    'You can also mention me (`@' + interviewer + ' technical senior frontend`) or send me a direct message.',
    types,
    '*In the thread*: reply to answer, or use the Skip, Repeat and End buttons (or type *skip*, *repeat*, *pause*, *end*). For *customize*, share your resume or a job description (PDF, DOCX, TXT or MD) in the thread first.',
    '*Also*: `/interview end` stops your interview, `/interview report` shows your latest report, `/interview history` your past scores, `/interview dashboard` a private link to your progress page, `/interview forget` deletes everything stored about you.',
  ].join('\n');
  return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
}
