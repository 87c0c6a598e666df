import type { ReactContext } from '../../brain.ts';
import type { PlanQuestion } from '../../types.ts';
import type { ChatMessage, JsonOutput } from '../types.ts';
import { dataBlock } from './data.ts';
import { languageRule } from './language.ts';
import { questionContext, scoresSchema } from './score.ts';
import { SYSTEM_PROMPT } from './system.ts';

const REACTION_PROPERTIES = {
  acknowledgement: { type: 'string', description: 'One short, specific sentence acknowledging the latest message; empty if the candidate declined.' },
  followUp: { type: ['string', 'null'], description: 'One probing question about what is missing, or null to move on.' },
  declined: { type: 'boolean', description: 'True only if the candidate declined or said they cannot answer this question.' },
  note: { type: 'string', description: 'At most 12 neutral words about the candidate, for later; no scores.' },
};

/** A reaction alone. */
export const REACT_OUTPUT: JsonOutput = {
  name: 'interviewer_reaction',
  schema: { type: 'object', properties: REACTION_PROPERTIES, required: ['acknowledgement', 'followUp', 'declined', 'note'], additionalProperties: false },
};

/** A reaction that, when it moves on, also carries the rubric scores of the whole answer (one call closes a question). */
export function reactOutput(question: PlanQuestion): JsonOutput {
  const scores = scoresSchema(question);
  return {
    name: 'interviewer_reaction',
    schema: {
      type: 'object',
      properties: { ...REACTION_PROPERTIES, scores: { ...scores, type: ['object', 'null'], description: 'Rubric scores of the whole answer when followUp is null and the candidate did not decline; otherwise null.' } },
      required: ['acknowledgement', 'followUp', 'declined', 'note', 'scores'],
      additionalProperties: false,
    },
  };
}

const TASK = [
  'Task: react to the candidate\'s latest message about the current question, as JSON.',
  '- acknowledgement: one short sentence that shows you listened (specific, not generic). It must not contain a question.',
  '- followUp: if the answer so far misses something a strong answer would show (their own actions, a concrete example, the result, trade-offs, depth), ask ONE natural probing question about it. Use null when the answer is complete enough, or when the follow-up limit is reached.',
  '- declined: true only when the candidate declines this question or says they cannot answer it.',
  '- note: a few neutral words to remember about the candidate (no scores).',
].join('\n');

const SCORES_TASK = '- scores: when followUp is null and the candidate did not decline, the question is closed: score the whole answer so far against the rubric (every rubric id, with evidence, strengths and improvements). Otherwise null.';

/**
 * A lean context: the current question, its rubric, follow-ups so far and short notes; never
 * the whole transcript. Ordered most stable first (see SYSTEM_PROMPT) so a repeated prefix is cached.
 */
export function buildReactMessages(ctx: ReactContext, answer: string, latest: string, o: { withScores?: boolean } = {}): ChatMessage[] {
  const q = ctx.question;
  const atLimit = ctx.followUpsAsked >= ctx.maxFollowUps;
  const lines = [
    ...questionContext(q, { type: ctx.type, level: ctx.level, role: ctx.role }),
    TASK,
    o.withScores ? SCORES_TASK : '',
    languageRule(ctx.language, o.withScores ? 'acknowledgement, followUp, note, strengths and improvements' : 'acknowledgement, followUp and note'),
    q.followUps.length ? `Follow-up ideas for this question: ${JSON.stringify(q.followUps.slice(0, 3))}` : '',
    ctx.userName ? `The candidate's name is ${JSON.stringify(ctx.userName)}.` : '',
    `Follow-ups asked so far: ${ctx.followUpsAsked} of at most ${ctx.maxFollowUps}.${atLimit ? ` The limit is reached: followUp must be null${o.withScores ? ' and scores are required unless the candidate declined' : ''}.` : ''}`,
    ctx.summary ? dataBlock('interview_notes', ctx.summary) : '',
    'The candidate\'s whole answer to this question so far:',
    dataBlock('candidate_answer', answer),
    'Their latest message:',
    dataBlock('latest_message', latest),
  ].filter(Boolean);
  return [
    { role: 'system', content: SYSTEM_PROMPT },
    { role: 'user', content: lines.join('\n') },
  ];
}
