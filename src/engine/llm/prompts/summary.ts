import type { SummaryInput } from '../../brain.ts';
import type { ChatMessage, JsonOutput } from '../types.ts';
import { dataBlock } from './data.ts';
import { languageRule } from './language.ts';
import { SYSTEM_PROMPT } from './system.ts';

export const SUMMARY_OUTPUT: JsonOutput = {
  name: 'interview_summary',
  schema: {
    type: 'object',
    properties: {
      summary: { type: 'string', description: '2 to 4 sentences to the candidate.' },
      strengths: { type: 'array', items: { type: 'string' } },
      improvements: { type: 'array', items: { type: 'string' } },
    },
    required: ['summary', 'strengths', 'improvements'],
    additionalProperties: false,
  },
};

const TASK = [
  'The interview is over. Write the closing feedback as JSON:',
  '- summary: 2 to 4 sentences addressed to the candidate ("you"): warm, direct, honest about the overall picture. Do not state numeric scores; the report shows them.',
  '- strengths: up to 3 specific strengths that recur across answers.',
  '- improvements: up to 3 concrete, actionable things to practise next.',
  'Base everything on the per-question results given; do not invent details.',
].join('\n');

export function buildSummaryMessages(input: SummaryInput): ChatMessage[] {
  const results = input.questions.map((q) => ({
    competency: q.question.competency,
    question: q.question.text,
    status: q.status,
    score: q.score ? q.score.score : null,
    strengths: q.score?.strengths ?? [],
    improvements: q.score?.improvements ?? [],
  }));
  return [
    { role: 'system', content: SYSTEM_PROMPT },
    { role: 'user', content: [`Interview: ${input.type} interview for a ${input.role} role.`, TASK, languageRule(input.language, 'summary, strengths and improvements'), 'Per-question results (scores 0-5, computed from the rubric):', dataBlock('question_results', results)].filter(Boolean).join('\n') },
  ];
}
