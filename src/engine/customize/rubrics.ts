import type { AnswerKind, Difficulty, PlanQuestion, RubricItem, RubricSignal } from '../types.ts';

/**
 * Rubric and follow-ups per kind of personal question. Each template says which kind of answer
 * it asks for (a story, a reason backed by specifics, an explanation), and each rubric item
 * which part of that answer it is about, so offline scoring and advice judge a personal
 * question as they would the bank question it resembles. Items without a signal are judged on
 * the answer as a whole. Weights of each list sum to 1.
 */
export type Template = 'motivation' | 'transition' | 'project' | 'achievement' | 'metric' | 'duty-match' | 'unproven-skill' | 'jd-duty' | 'jd-skill' | 'gap';

interface Spec {
  competency: string;
  asks: AnswerKind;
  difficulty: Difficulty;
  rubric: [id: string, shows: string, weight: number, signal?: RubricSignal][];
  followUps: string[];
}

const SPECS: Record<Template, Spec> = {
  motivation: {
    asks: 'screening',
    competency: 'motivation',
    difficulty: 'easy',
    rubric: [
      ['role-understanding', 'Shows they understand what this role and company actually do', 0.4, 'specifics'],
      ['fit', 'Connects specific parts of their own experience to the role', 0.35, 'evidence'],
      ['reason', 'Gives a genuine, specific reason rather than a generic one', 0.25, 'motivation'],
    ],
    followUps: ['What would make you say no to this role?', 'Which part of the job do you expect to find hardest?'],
  },
  transition: {
    asks: 'behavioral',
    competency: 'career-growth',
    difficulty: 'easy',
    rubric: [
      ['situation', 'Describes the situation before the move and why it happened', 0.3, 'situation'],
      ['growth', 'Shows how their scope, ownership or skills grew with the move', 0.4, 'result'],
      ['reflection', 'Says what was hardest and what they learned from it', 0.3, 'reflection'],
    ],
    followUps: ['What did you have to unlearn in the new role?', 'Who or what helped you most in the first months?'],
  },
  project: {
    asks: 'technical',
    competency: 'technical-depth',
    difficulty: 'medium',
    rubric: [
      ['context', 'Explains the problem and the constraints the design had to meet', 0.3],
      ['tradeoffs', 'Names the alternatives considered and why this choice won', 0.4, 'tradeoffs'],
      ['reflection', 'Says honestly what they would change now, and why', 0.3, 'reflection'],
    ],
    followUps: ['What was the hardest bug or incident in that system, and how did you find it?', 'If the load grew ten times, what would break first?'],
  },
  achievement: {
    asks: 'behavioral',
    competency: 'technical-depth',
    difficulty: 'medium',
    rubric: [
      ['situation', 'Describes the problem and why it mattered', 0.3, 'situation'],
      ['actions', 'Explains what they did themselves and the key technical decision', 0.4, 'action'],
      ['result', 'States the outcome and what they learned from it', 0.3, 'result'],
    ],
    followUps: ['What did you try that did not work?', 'Who else was involved, and what exactly was your part?'],
  },
  metric: {
    asks: 'behavioral',
    competency: 'impact',
    difficulty: 'medium',
    rubric: [
      ['measurement', 'Explains how the figure was measured: baseline, tool and time window', 0.35],
      ['actions', 'Describes what they tried, in order, and what they did themselves', 0.35, 'action'],
      ['result', 'Connects the result to its effect on users or the business', 0.3, 'result'],
    ],
    followUps: ['What did you try that did not work?', 'How did you know the improvement came from your change and not something else?'],
  },
  'duty-match': {
    asks: 'screening',
    competency: 'role-fit',
    difficulty: 'medium',
    rubric: [
      ['relevance', 'Draws a clear, honest line from their experience to the duty', 0.35, 'specifics'],
      ['actions', 'Gives concrete actions they took in that experience', 0.35, 'evidence'],
      ['gaps', 'Names what would be new for them and how they would handle it', 0.3],
    ],
    followUps: ['What would be different about doing this at their scale?', 'What would you want to learn in your first two weeks?'],
  },
  'unproven-skill': {
    asks: 'technical',
    competency: 'skill-depth',
    difficulty: 'medium',
    rubric: [
      ['situation', 'Gives a concrete situation where they used the skill', 0.35, 'situation'],
      ['depth', 'Shows depth: details only a regular user would know', 0.4, 'mechanism'],
      ['honesty', 'Is candid about the limits of their experience', 0.25],
    ],
    followUps: ['What is something about it that surprised you?', 'How would you rate your depth there, and why?'],
  },
  'jd-duty': {
    asks: 'behavioral',
    competency: 'role-fit',
    difficulty: 'medium',
    rubric: [
      ['situation', 'Picks a real, comparable situation from their experience', 0.3, 'situation'],
      ['actions', 'Explains what they did themselves, step by step', 0.4, 'action'],
      ['result', 'States the outcome, with numbers where possible', 0.3, 'result'],
    ],
    followUps: ['What would you do differently next time?', 'How did you decide what to do first?'],
  },
  'jd-skill': {
    asks: 'technical',
    competency: 'technical-depth',
    difficulty: 'medium',
    rubric: [
      ['situation', 'Describes a concrete project where they used the skill', 0.3, 'situation'],
      ['depth', 'Shows depth: trade-offs, failure modes, tuning', 0.45, 'tradeoffs'],
      ['reflection', 'Says what they would do differently now', 0.25, 'reflection'],
    ],
    followUps: ['What went wrong with it, and how did you find out?', 'What would you check first if it misbehaved in production?'],
  },
  gap: {
    asks: 'technical',
    competency: 'role-fit',
    difficulty: 'hard',
    rubric: [
      ['plan', 'Lays out a concrete, realistic plan for getting productive', 0.4, 'mechanism'],
      ['transfer', 'Connects related experience they already have', 0.35, 'evidence'],
      ['honesty', 'Is honest about what they do not know yet', 0.25],
    ],
    followUps: ['What related tool have you used, and what do you expect to carry over?', 'How would you know, after a month, that you were productive?'],
  },
};

/** A personal question of the given kind, citing `refs`. */
export function personalQuestion(
  template: Template,
  id: string,
  text: string,
  refs: PlanQuestion['source']['refs'],
  keywords: string[] = [],
): PlanQuestion {
  const s = SPECS[template];
  const q: PlanQuestion = {
    id,
    text,
    competency: s.competency,
    asks: s.asks,
    difficulty: s.difficulty,
    rubric: defaultRubric(template),
    followUps: [...s.followUps],
    source: { kind: template === 'gap' ? 'gap' : 'document', refs: refs ?? [] },
  };
  const kw = [...new Set(keywords.filter((k) => k.length >= 2))];
  if (kw.length) q.keywords = kw;
  return q;
}

export function defaultRubric(template: Template): RubricItem[] {
  return SPECS[template].rubric.map(([id, shows, weight, signal]) => ({ id, shows, weight, ...(signal ? { signal } : {}) }));
}

export function defaultFollowUps(template: Template): string[] {
  return [...SPECS[template].followUps];
}
