import type { ReactContext } from '../../../src/engine/brain.ts';
import type { PlanQuestion } from '../../../src/engine/types.ts';

export const CONFLICT_Q: PlanQuestion = {
  id: 'conflict-teammate',
  text: 'Tell me about a time you disagreed with a teammate about a technical decision.',
  competency: 'conflict',
  difficulty: 'medium',
  keywords: ['disagree', 'compromise', 'data'],
  rubric: [
    { id: 'situation', shows: 'Sets the scene: the team, the decision and what was at stake.', weight: 0.2 },
    { id: 'own-actions', shows: 'Explains what they personally did to resolve the disagreement.', weight: 0.4 },
    { id: 'result', shows: 'Describes the outcome, ideally measurable, and the relationship afterwards.', weight: 0.25 },
    { id: 'reflection', shows: 'Reflects on what they learned or would do differently.', weight: 0.15 },
  ],
  followUps: ['What did you do yourself to move it forward?', 'How did it turn out, and how do you know?'],
  source: { kind: 'bank' },
};

export const STRONG_ANSWER =
  'At my last company our team had to choose between Kafka and a plain Postgres queue for order events. ' +
  'A senior teammate wanted Kafka; I thought it was too much to operate for our volume of about 2,000 events a minute. ' +
  'I wrote a one-page comparison with load-test numbers, set up a meeting, and proposed we start with Postgres and revisit at 20,000 events a minute. ' +
  'We agreed on that compromise, shipped two weeks earlier than planned, and the queue has handled peak load with p99 latency under 80 ms. ' +
  'I learned to bring data to a disagreement early and to agree on the point at which we would change our minds.';

export function reactCtx(answer: string, over: Partial<ReactContext> = {}): ReactContext {
  return {
    type: 'behavioral',
    role: 'backend engineer',
    level: 'mid',
    question: CONFLICT_Q,
    answer,
    latest: answer,
    followUpsAsked: 0,
    maxFollowUps: 2,
    summary: '',
    seed: 7,
    ...over,
  };
}
