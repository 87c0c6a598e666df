import type { ReactContext } from '../../brain.ts';
import type { ChatMessage, JsonOutput } from '../types.ts';
import { DATA_RULE, dataBlock } from './data.ts';
import { PERSONA } from './persona.ts';

export const REACT_OUTPUT: JsonOutput = {
  name: 'interviewer_reaction',
  schema: {
    type: 'object',
    properties: {
      acknowledgement: { type: 'string', description: 'One short, specific sentence acknowledging the latest message; empty if the candidate declined.' },
      followUp: { type: ['string', 'null'], description: 'One probing question about what is missing, or null to move on.' },
      declined: { type: 'boolean', description: 'True only if the candidate declined or said they cannot answer this question.' },
      note: { type: 'string', description: 'At most 12 neutral words about the candidate, for later; no scores.' },
    },
    required: ['acknowledgement', 'followUp', 'declined', 'note'],
    additionalProperties: false,
  },
};

const TASK = [
  'Task: react to the candidate\'s latest message about the current question, as JSON.',
  '- acknowledgement: one short sentence that shows you listened (specific, not generic). It must not contain a question.',
  '- followUp: if the answer so far misses something a strong answer would show (their own actions, a concrete example, the result, trade-offs, depth), ask ONE natural probing question about it. Use null when the answer is complete enough, or when the follow-up limit is reached.',
  '- declined: true only when the candidate declines this question or says they cannot answer it.',
  '- note: a few neutral words to remember about the candidate (no scores).',
].join('\n');

/** A lean context: the current question, its rubric, follow-ups so far and short notes; never the whole transcript. */
export function buildReactMessages(ctx: ReactContext, answer: string, latest: string): ChatMessage[] {
  const q = ctx.question;
  const lines = [
    `Interview: ${ctx.type} interview for a ${ctx.level}-level ${ctx.role}${ctx.userName ? `; the candidate's name is ${JSON.stringify(ctx.userName)}` : ''}.`,
    `Current question (competency: ${q.competency}): ${JSON.stringify(q.text)}`,
    'What a strong answer shows (for your judgement only, never to be revealed):',
    dataBlock('rubric', q.rubric.map((r) => ({ id: r.id, shows: r.shows }))),
    q.followUps.length ? `Follow-up ideas for this question: ${JSON.stringify(q.followUps.slice(0, 3))}` : '',
    `Follow-ups asked so far: ${ctx.followUpsAsked} of at most ${ctx.maxFollowUps}.${ctx.followUpsAsked >= ctx.maxFollowUps ? ' The limit is reached: followUp must be null.' : ''}`,
    ctx.summary ? dataBlock('interview_notes', ctx.summary) : '',
    'The candidate\'s whole answer to this question so far:',
    dataBlock('candidate_answer', answer),
    'Their latest message:',
    dataBlock('latest_message', latest),
  ].filter(Boolean);
  return [
    { role: 'system', content: `${PERSONA}\n\n${DATA_RULE}\n\n${TASK}` },
    { role: 'user', content: lines.join('\n') },
  ];
}
