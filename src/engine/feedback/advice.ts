import type { Part } from '../scoring/record.ts';
import type { PlanQuestion, RubricItem } from '../types.ts';

/** Advice for a part the answer is missing, in plain second person. Only ever given when the record says it is missing. */
export const MISSING_ADVICE: Record<Part, string> = {
  situation: 'Set the scene in a sentence or two: where you were and what was at stake.',
  task: 'Say what you specifically were responsible for.',
  action: 'Spend most of the answer on what you personally did, step by step ("I", not "we").',
  result: 'Finish with the outcome, ideally with a number (time saved, % improved, users affected).',
  reflection: 'Close with what you learned or would do differently.',
  motivation: 'Say plainly why you want this: what draws you to the work.',
  specifics: 'Name something only you could say: the product, the team, the tools, a number from your own work.',
  evidence: 'Back the claim with one concrete example from your own work and what came of it.',
  concepts: 'Name the key ideas the question is about, and use them precisely.',
  mechanism: 'Explain how it works, step by step, not just which tools or terms apply.',
  tradeoffs: 'Say what your choice costs, and when you would choose differently.',
  example: 'Walk through a concrete example (an input, a request, a failure) to show the idea works.',
};

/** How a strength is introduced, quoting the candidate's own sentence. */
export const STRENGTH_LEAD: Record<Part, string> = {
  situation: 'You set the scene clearly',
  task: 'You made your responsibility clear',
  action: 'You described what you did yourself',
  result: 'You gave the outcome',
  reflection: 'You reflected on what you learned',
  motivation: 'You gave a clear reason',
  specifics: 'You were specific',
  evidence: 'You backed it with a concrete example',
  concepts: 'You named the key ideas',
  mechanism: 'You explained how it works',
  tradeoffs: 'You weighed the trade-offs',
  example: 'You grounded it in an example',
};

const THIRD_PERSON_VERBS = new Set(
  'compares explains states describes mentions names gives uses discusses covers handles shows notes considers chooses checks adds avoids identifies applies separates sets keeps makes takes asks proposes suggests recognises recognizes acknowledges reflects ends starts decides improves owns measures tests follows links connects admits plans estimates prioritises prioritizes communicates tells lists weighs justifies merges rejects sums fills implements reports recycles cancels prevents references'.split(' '),
);

const PRONOUNS: [RegExp, string][] = [
  [/\bthemselves\b/g, 'yourself'],
  [/\bthey're\b/g, "you're"],
  [/\bthey've\b/g, "you've"],
  [/\bthey\b/g, 'you'],
  [/\btheir\b/g, 'your'],
  [/\bthe candidate\b/gi, 'you'],
  [/\byou was\b/g, 'you were'],
  [/\byou has\b/g, 'you have'],
  [/\byou is\b/g, 'you are'],
];

/** Verbs whose base form is not the third person minus "s": "Is honest" -> "be honest". */
const IRREGULAR: Record<string, string> = { is: 'be', has: 'have', does: 'do', goes: 'go', caches: 'cache', sizes: 'size', uses: 'use' };

/** Past-tense openers not ending in "-ed": a line that opens with one says what the candidate did. */
const PAST_IRREGULAR = new Set('made kept brought found chose took told spoke led got built sought gave wrote ran held met knew thought'.split(' '));

/** The opening verb in the form "you would ...": "describes" -> "describe", "used" -> "show that you used". */
function baseForm(words: string[]): string[] {
  const [verb = '', ...rest] = words;
  const v = verb.toLowerCase();
  // "Correctly identifies ..." -> "correctly identify ...".
  if (/ly$/.test(v) && rest.length) return [v, ...baseForm(rest)];
  if (PAST_IRREGULAR.has(v) || (v.length >= 4 && /ed$/.test(v))) return ['show that you', v, ...rest];
  const base = IRREGULAR[v] ?? (/ies$/.test(v) ? v.replace(/ies$/, 'y') : /(ss|sh|ch|x|z)es$/.test(v) ? v.replace(/es$/, '') : v.replace(/s$/, ''));
  return [base, ...rest];
}

/** "Describes the steps they personally took" -> "describe the steps you personally took". */
export function toSecondPerson(shows: string): string {
  let out = baseForm(shows.trim().split(/\s+/)).join(' ').replace(/\b(and|then|or|but) (\w+?)(ies|es|s)\b/g, (m, conj: string, stem: string, suf: string) => {
    const word = stem + suf;
    if (!THIRD_PERSON_VERBS.has(word)) return m;
    return `${conj} ${suf === 'ies' ? `${stem}y` : suf === 'es' && /(ss|sh|ch|x|z)$/.test(stem) ? stem : `${stem}${suf === 'es' ? 'e' : ''}`}`;
  });
  for (const [re, to] of PRONOUNS) out = out.replace(re, to);
  return out.replace(/[.\s]+$/, '');
}

/** Per question, what a strong answer would include, written to the candidate. */
const strongCache = new Map<string, string>();

export function strongAnswerFor(question: Pick<PlanQuestion, 'rubric'>): string {
  // The same question is scored many times; its line never changes.
  const key = question.rubric.map((r) => `${r.weight}:${r.shows}`).join('|');
  const hit = strongCache.get(key);
  if (hit !== undefined) return hit;
  const line = writeStrongAnswer(question);
  if (strongCache.size > 2000) strongCache.clear();
  strongCache.set(key, line);
  return line;
}

function writeStrongAnswer(question: Pick<PlanQuestion, 'rubric'>): string {
  const items = [...question.rubric].sort((a: RubricItem, b: RubricItem) => b.weight - a.weight).map((r) => toSecondPerson(r.shows));
  if (!items.length) return '';
  const list = items.length === 1 ? items[0]! : `${items.slice(0, -1).join('; ')}; and ${items[items.length - 1]}`;
  return `For a strong answer, you would ${list}.`;
}
