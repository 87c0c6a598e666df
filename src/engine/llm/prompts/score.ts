import type { PlanQuestion } from '../../types.ts';
import type { ChatMessage, JsonOutput } from '../types.ts';
import { DATA_RULE, dataBlock } from './data.ts';

/** The rubric ids are an enum, so the model can only score the items that exist. */
export function scoreOutput(question: PlanQuestion): JsonOutput {
  return {
    name: 'rubric_scores',
    schema: {
      type: 'object',
      properties: {
        items: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              id: { type: 'string', enum: question.rubric.map((r) => r.id) },
              score: { type: 'number', description: '0 to 5' },
              evidence: { type: 'string', description: 'A short phrase copied exactly from the candidate\'s answer, or an empty string.' },
            },
            required: ['id', 'score', 'evidence'],
            additionalProperties: false,
          },
        },
        strengths: { type: 'array', items: { type: 'string' } },
        improvements: { type: 'array', items: { type: 'string' } },
      },
      required: ['items', 'strengths', 'improvements'],
      additionalProperties: false,
    },
  };
}

const SYSTEM = [
  'You are an experienced, fair interviewer scoring one answer from a mock interview against a rubric.',
  'Score every rubric item from 0 to 5 using only what the candidate actually said:',
  '0 = absent, 1 = very weak, 2 = weak, 3 = adequate, 4 = strong, 5 = exceptional.',
  'For each item give evidence: a short phrase copied exactly, word for word, from the candidate\'s answer. If nothing in the answer supports the item, use an empty string and score it 2 or lower.',
  'Calibrate to the candidate\'s level. Length alone is not quality; specifics, ownership, results and reasoning are.',
  'strengths and improvements: up to 3 each, one specific sentence each, addressed to the candidate as "you". Improvements must be actionable.',
  DATA_RULE,
].join('\n');

export function buildScoreMessages(question: PlanQuestion, answer: string, ctx: { type: string; level: string }): ChatMessage[] {
  const user = [
    `Interview type: ${ctx.type}; candidate level: ${ctx.level}.`,
    `Question (competency: ${question.competency}): ${JSON.stringify(question.text)}`,
    'Rubric (id, what a strong answer shows, weight):',
    dataBlock('rubric', question.rubric.map((r) => ({ id: r.id, shows: r.shows, weight: r.weight }))),
    'The candidate\'s answer:',
    dataBlock('candidate_answer', answer),
  ].join('\n');
  return [
    { role: 'system', content: SYSTEM },
    { role: 'user', content: user },
  ];
}
