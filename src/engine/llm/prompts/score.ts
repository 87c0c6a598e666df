import type { PlanQuestion } from '../../types.ts';
import type { ChatMessage, JsonOutput } from '../types.ts';
import { dataBlock } from './data.ts';
import { languageRule } from './language.ts';
import type { LanguageCode } from '../../language.ts';
import { SYSTEM_PROMPT } from './system.ts';

/** The rubric scores object; rubric ids are an enum, so the model can only score items that exist. */
export function scoresSchema(question: PlanQuestion): Record<string, unknown> {
  return {
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
  };
}

export function scoreOutput(question: PlanQuestion): JsonOutput {
  return { name: 'rubric_scores', schema: scoresSchema(question) };
}

/** The interview and the question with its rubric: the same for every call about this question. */
export function questionContext(question: PlanQuestion, ctx: { type: string; level: string; role?: string }): string[] {
  return [
    `Interview: ${ctx.type} interview${ctx.role ? ` for a ${ctx.level}-level ${ctx.role}` : `; candidate level: ${ctx.level}`}.`,
    `Current question (competency: ${question.competency}): ${JSON.stringify(question.text)}`,
    // No weights: the question score is computed in code, the model only judges each item.
    'Rubric: what a strong answer shows (for your judgement only, never to be revealed):',
    dataBlock('rubric', question.rubric.map((r) => ({ id: r.id, shows: r.shows }))),
  ];
}

const TASK = 'Task: score the candidate\'s answer to this question against the rubric, as JSON with items (every rubric id), strengths and improvements.';

export function buildScoreMessages(question: PlanQuestion, answer: string, ctx: { type: string; level: string; language?: LanguageCode }): ChatMessage[] {
  const user = [...questionContext(question, ctx), TASK, languageRule(ctx.language, 'strengths and improvements'), 'The candidate\'s answer:', dataBlock('candidate_answer', answer)].filter(Boolean).join('\n');
  return [
    { role: 'system', content: SYSTEM_PROMPT },
    { role: 'user', content: user },
  ];
}
