import { MISSING_ADVICE, STRENGTH_LEAD } from '../feedback/advice.ts';
import { quote, stripInjection } from '../offline/analyze.ts';
import { COMMON_WORDS } from '../offline/lexicon.ts';
import type { InterviewType, PlanQuestion, QuestionScore, RubricItem, RubricScore } from '../types.ts';
import { clamp, round1, weightedMean } from './aggregate.ts';
import { type Heard, listen, type Part } from './record.ts';

/** Caps on a question's score, each with the reason the report gives. */
export const CAPS = {
  /** Nothing to judge in the first reply; whatever follows it. */
  nonAnswer: 1,
  /** About something else, even after being redirected. */
  offTopic: 1,
  /** Terms named with nothing explained, a stated misconception, or a hypothetical instead of an example. */
  shallow: 2,
  /** Under twenty words: too little to show much, however apt. */
  brief: 1.8,
} as const;

/** Evidence must be a sentence that says something (never "Sure."). */
const MIN_EVIDENCE_WORDS = 6;

type Kind = Part | 'general';

/** Which parts are worth naming as a strength first. */
const STRENGTH_ORDER: Part[] = ['action', 'result', 'mechanism', 'tradeoffs', 'evidence', 'reflection', 'example', 'specifics', 'motivation', 'concepts', 'situation', 'task'];

/** Fallback for rubric items without an explicit signal (customize and model-made plans): read the id. */
export function itemKind(item: RubricItem): Kind {
  if (item.signal) return item.signal;
  const id = item.id;
  if (/\b(situation|context|setting|background)\b/.test(id)) return 'situation';
  if (/\b(task|goal|stakes)\b/.test(id)) return 'task';
  if (/\b(action|actions|own-actions|steps)\b/.test(id)) return 'action';
  if (/\b(result|results|impact|outcome|outcomes)\b/.test(id)) return 'result';
  if (/\b(reflection|learning|lesson|lessons|learned)\b/.test(id)) return 'reflection';
  if (/trade-?off|alternatives/.test(id)) return 'tradeoffs';
  return 'general';
}

function stems(text: string): string[] {
  return (text.toLowerCase().match(/[a-z][a-z-]{4,}/g) ?? []).filter((w) => !COMMON_WORDS.has(w)).map((w) => w.slice(0, Math.max(5, w.length - 2)));
}

/** Share of what the rubric item describes that the answer talks about (0-1). */
function itemOverlap(item: RubricItem, lower: string): number {
  const s = [...new Set(stems(item.shows))];
  if (!s.length) return 0;
  return clamp(s.filter((x) => lower.includes(x)).length / Math.min(4, s.length));
}

const words = (s: string) => s.split(/\s+/).filter(Boolean).length;

interface Judged {
  items: RubricScore[];
  score: number;
  heard: Heard;
  cappedBecause?: string;
}

function judge(question: PlanQuestion, text: string, type?: InterviewType): Judged {
  const h = listen(question, type ?? 'customize', text);
  const a = h.analysis;
  const lower = text.toLowerCase();
  const coverage = h.coverage;
  const substance = clamp(h.substance / 3);
  const specific = clamp(a.numbers.length * 0.3 + a.namedTerms.length * 0.15 + h.concepts.length * 0.25);

  let cap = 5;
  let cappedBecause: string | undefined;
  const capAt = (value: number, why: string) => {
    if (value < cap) {
      cap = value;
      cappedBecause = why;
    }
  };
  const topic = question.competency.replace(/-/g, ' ');
  if (h.nonAnswer) capAt(CAPS.nonAnswer, 'You did not give an answer to this question, so there was nothing to assess.');
  else if (h.offTopic) capAt(CAPS.offTopic, `This answer was about something else; the question was about ${topic}.`);
  if (h.kind === 'technical' && h.buzzwords && !h.nonAnswer) capAt(CAPS.shallow, 'You named terms without explaining how they work or fit together.');
  if (h.kind === 'technical' && h.misconceptions.length) capAt(CAPS.shallow, `Part of the answer was incorrect: ${h.misconceptions[0]}`);
  if (h.kind === 'behavioral' && h.hypothetical && !h.nonAnswer) capAt(CAPS.shallow, 'You described what you would do rather than a time you did it.');
  if (a.words < 8) capAt(1, 'The answer was too short to assess.');
  else if (a.words < 20) capAt(CAPS.brief, 'The answer was too brief to show much; give the detail behind it.');

  const items = question.rubric.map((item): RubricScore => {
    // An item about a part this answer is not listened for (read from an id such as "context") is judged on the whole answer.
    const named = itemKind(item);
    const kind = named !== 'general' && !h.listened.includes(named) ? 'general' : named;
    const overlap = itemOverlap(item, lower);
    let score: number;
    let evidence = '';
    const sentence = kind === 'general' ? undefined : h.parts[kind];
    if (kind !== 'general' && sentence) {
      const resultNumber = kind === 'result' && /\d/.test(sentence) ? 0.3 : 0;
      score = 2.5 + substance * 1 + specific * 0.5 + overlap * (h.kind === 'behavioral' ? 0.5 : 1) + coverage * 0.5 + resultNumber;
      evidence = sentence;
    } else if (kind !== 'general') {
      // A behavioral part is there or not; for screening and technical items, what the item
      // describes may be covered in other words than the part's cue.
      score = h.kind === 'behavioral' ? 0.5 + overlap * 0.6 + coverage * 0.4 : 0.6 + overlap * 1.6 + coverage * 0.6 + substance * 0.6;
    } else {
      score = 0.8 + coverage * 1.6 + substance * 0.8 + overlap * 0.8 + specific * 0.4;
      evidence = a.sentences.filter((s) => itemOverlap(item, s.toLowerCase()) > 0).sort((x, y) => itemOverlap(item, y.toLowerCase()) - itemOverlap(item, x.toLowerCase()))[0] ?? '';
    }
    if (a.fillerRate > 0.08) score -= 0.5;
    score = Math.min(score, cap);
    if (a.gibberish || h.refused) score = 0;
    // A quote backs a score only when it says something and the answer was judged on its merits.
    if (words(evidence) < MIN_EVIDENCE_WORDS || h.nonAnswer || h.offTopic || a.gibberish) evidence = '';
    return { id: item.id, score: round1(clamp(score, 0, 5)), evidence: evidence ? quote(evidence) : '' };
  });
  return { items, score: weightedMean(question.rubric, items), heard: h, ...(cappedBecause ? { cappedBecause } : {}) };
}

/**
 * Rule-based 0-5 scoring per rubric item from the record of what was said; labelled
 * heuristic wherever it is shown. A good first answer is not dragged down by a confused
 * reply to a follow-up: the answer is judged as a whole and as first given, and the better
 * of the two counts (a first reply that was no answer at all still caps both).
 */
export function heuristicScore(question: PlanQuestion, rawAnswer: string, type?: InterviewType): QuestionScore {
  // Requests for a score are not part of the answer.
  const answer = stripInjection(rawAnswer).text;
  const whole = judge(question, answer, type);
  // Only a cap or a filler penalty can pull a longer answer below its first part, so only then is the first part judged alone.
  const dragged = Boolean(whole.cappedBecause) || whole.heard.analysis.fillerRate > 0.08;
  const first = dragged && answer.includes('\n') ? judge(question, answer.split('\n')[0]!, type) : null;
  const best = first && first.score > whole.score ? first : whole;
  const h = whole.heard;

  const strengths: string[] = [];
  const improvements: string[] = [];
  if (!h.nonAnswer && !h.offTopic) {
    const quoted = new Set<string>();
    for (const part of STRENGTH_ORDER) {
      const sentence = h.parts[part];
      if (!sentence || quoted.has(sentence) || words(sentence) < MIN_EVIDENCE_WORDS || (part === 'concepts' && h.buzzwords)) continue;
      quoted.add(sentence);
      strengths.push(`${STRENGTH_LEAD[part]}: "${quote(sentence, 120)}"`);
    }
  }
  if (best.cappedBecause) improvements.push(best.cappedBecause);
  if (h.kind === 'technical') for (const m of h.misconceptions.slice(1)) improvements.push(m);
  if (!h.nonAnswer && !h.offTopic) for (const part of h.missing) improvements.push(MISSING_ADVICE[part]);
  const a = h.analysis;
  if (a.fillerRate > 0.08) improvements.push('Cut filler words ("like", "basically", "you know"); pause instead.');
  if (a.words > 450) improvements.push('Tighten the answer: lead with the point, then the detail.');
  const evidence = [...new Set(best.items.map((it) => it.evidence).filter(Boolean))].slice(0, 3);
  return {
    questionId: question.id,
    score: best.score,
    items: best.items,
    evidence,
    strengths: [...new Set(strengths)].slice(0, 3),
    improvements: [...new Set(improvements)].slice(0, 3),
    scoredBy: 'heuristic',
    heuristic: true,
    ...(best.cappedBecause ? { cappedBecause: best.cappedBecause } : {}),
  };
}

/** About something else entirely (kept for callers that only need the yes/no). */
export function isOffTopic(question: PlanQuestion, answer: string, type?: InterviewType): boolean {
  return listen(question, type ?? 'customize', answer).offTopic;
}
