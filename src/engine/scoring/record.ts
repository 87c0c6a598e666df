import { BEHAVIORAL_COMPETENCIES } from '../bank/schema.ts';
import { type AnswerAnalysis, analyzeAnswer, stripInjection } from '../offline/analyze.ts';
import { COMMON_WORDS } from '../offline/lexicon.ts';
import type { AnswerKind, InterviewType, PlanQuestion } from '../types.ts';
import { CUES, HYPOTHETICAL, LEISURE, NON_ANSWER, REFUSAL, WORKPLACE } from './cues.ts';
import { competencyCues } from './signals.ts';

/** The parts a strong answer of each kind gives, most valuable first (the order follow-ups ask in). */
export const PARTS = {
  behavioral: ['action', 'result', 'situation', 'reflection', 'task'],
  screening: ['specifics', 'evidence', 'motivation'],
  technical: ['mechanism', 'concepts', 'tradeoffs', 'example'],
} as const satisfies Record<AnswerKind, readonly string[]>;
export type { AnswerKind };
export type Part = (typeof PARTS)[AnswerKind][number];

/** How many parts a full answer of each kind gives. */
const FULL: Record<AnswerKind, number> = { behavioral: 4, screening: 3, technical: 4 };

/** Parts that are not worth a follow-up on their own (a strong answer usually has them implicitly). */
const OPTIONAL: ReadonlySet<Part> = new Set(['task']);

/**
 * What the candidate has said for one question, rebuilt from all of their messages for it
 * each turn: which parts the answer gives (with the sentence that gives each), what is
 * still missing, and whether it answers the question at all.
 */
export interface Heard {
  kind: AnswerKind;
  /** Each part given, with the candidate's sentence that gives it. */
  parts: Partial<Record<Part, string>>;
  /** Parts still missing, most valuable first (optional parts excluded). */
  missing: Part[];
  /** Every part listened for: the kind's own and any other the question's rubric names. */
  listened: Part[];
  /** Share of the expected parts the answer gives (0-1). */
  coverage: number;
  /** The first message gave nothing to judge ("I don't have an example", "no idea"). */
  nonAnswer: boolean;
  /** The candidate declined outright ("I'd rather not answer"). */
  refused: boolean;
  /** About something else entirely (a hobby, a holiday, another topic). */
  offTopic: boolean;
  /** Told as what one would do, not what one did (behavioral only). */
  hypothetical: boolean;
  /** Technical: key concepts named (from the question's concepts and keywords). */
  concepts: string[];
  /** Technical: common misconceptions the answer states. */
  misconceptions: string[];
  /** Technical: terms strung together with no explanation of how anything works. */
  buzzwords: boolean;
  /** Sentences that explain (technical) or act (behavioral): the substance, not the length. */
  substance: number;
  analysis: AnswerAnalysis;
}

/** Which kind of answer a question asks for. */
export function answerKind(type: InterviewType, q: Pick<PlanQuestion, 'competency' | 'category' | 'text' | 'asks'> & { source?: PlanQuestion['source'] }): AnswerKind {
  // A question that says what it asks for (a personal question of a customize plan) is judged as that.
  if (q.asks) return q.asks;
  if (q.category || q.competency === 'technical' || type === 'technical') return 'technical';
  if (type === 'behavioral') return 'behavioral';
  // A personal question that does not say (one a model wrote, or one from an older plan) is about
  // the candidate's own work: a reason when it asks why, an explanation when it asks how or which
  // design, otherwise the story of what they did.
  if (q.source && q.source.kind !== 'bank') return WHY_THIS.test(q.text) ? 'screening' : EXPLAIN.test(q.text) ? 'technical' : 'behavioral';
  if ((BEHAVIORAL_COMPETENCIES as readonly string[]).includes(q.competency) || /^(tell me about|describe|give me an example of|walk me through) (a|an|the|one) (time|situation|moment|project|occasion)/i.test(q.text)) return 'behavioral';
  return 'screening';
}

/**
 * The parts to listen for (the kind's own, most valuable first, then any other part the rubric
 * names) and the parts the answer is expected to give. A question that says what it asks for
 * (a personal question) expects only what its rubric names; a bank question, every part of its kind.
 */
function partsFor(q: PlanQuestion, kind: AnswerKind): { read: Part[]; expected: Part[] } {
  const named = [...new Set(q.rubric.map((r) => r.signal).filter((p): p is Part => Boolean(p)))];
  const read: Part[] = [...PARTS[kind], ...named.filter((p) => !(PARTS[kind] as readonly Part[]).includes(p))];
  return { read, expected: q.asks && named.length ? read.filter((p) => named.includes(p)) : read };
}

/** A question asking why the candidate wants something. */
const WHY_THIS = /\b(what draws you|why (do|would) you want|why (this|our|the) (role|company|team|job)|why (are|were) you (interested|applying)|why now|what (interests|excites|attracts) you)\b/i;
/** A question asking for an explanation: a design, a choice and its trade-offs, how something works. */
const EXPLAIN = /\b(design|architecture|trade-?offs?|why did you (choose|pick|use|go with)|how (does|did|would|do) (it|that|this|the|you) \w+ (work|scale)|under the hood|how would you (get productive|learn|approach|close))\b/i;

const firstMessage = (text: string) => text.split('\n').find((p) => p.trim()) ?? '';

/** A sentence that mostly strings terms together ("Kafka, Redis, Kubernetes and a CDN"). */
function listy(s: string): boolean {
  const separators = (s.match(/,|\bor\b|\band\b/g) ?? []).length;
  return separators >= 3 && wordsOf(s).length / (separators + 1) < 4.5;
}

/** Words that sound substantial but say nothing only this candidate could say. */
const GENERIC = new Set(
  'opportunity opportunities interesting growth learning passionate passion challenge challenges challenging environment culture motivated motivation excited exciting great amazing contribute contribution value values skills experience experiences development developing really things together important overall general generally basically always everything something different various several quite actually definitely absolutely honestly'.split(' '),
);

/** A story told in the past: "I had", "we were", "she asked", "last year". */
const PAST = /\b(i|we|she|he|they|my (manager|lead|team)) (\w{3,}ed|had|was|were|did|got|made|built|ran|led|took|wrote|gave|went|told|came|found|saw|spent|began|kept)\b|\b(last|this) (year|quarter|month|week)\b|\bsince then\b/i;

function uncommonWords(s: string): number {
  return wordsOf(s).filter((w) => w.length >= 5 && !COMMON_WORDS.has(w) && !GENERIC.has(w)).length;
}

function wordsOf(text: string): string[] {
  return text.toLowerCase().match(/[a-z][a-z'-]+/g) ?? [];
}

/** Stems of the words a question is about: its text, keywords, concepts, rubric and competency cues. */
// Sessions are loaded from the store each turn, so questions arrive as new objects: cache by id and text.
const stemCache = new Map<string, string[]>();
function topicStems(q: PlanQuestion): string[] {
  const key = `${q.id}\u0000${q.text}`;
  const hit = stemCache.get(key);
  if (hit) return hit;
  const text = [q.text, ...(q.keywords ?? []), ...(q.concepts ?? []), ...q.rubric.map((r) => r.shows)].join(' ');
  // A compound's parts count too: an answer on "event-driven architecture" talks of events.
  const all = wordsOf(text).flatMap((w) => (w.includes('-') ? [w, ...w.split('-')] : [w]));
  const stems = new Set(all.filter((w) => w.length >= 5 && !COMMON_WORDS.has(w)).map((w) => w.slice(0, Math.max(5, w.length - 2))));
  for (const c of competencyCues(q.competency, q.category)) stems.add(c);
  const out = [...stems];
  if (stemCache.size > 5000) stemCache.clear();
  stemCache.set(key, out);
  return out;
}

/** How many of the question's topic stems the answer uses. */
export function topicOverlap(q: PlanQuestion, lower: string): number {
  let n = 0;
  for (const s of topicStems(q)) if (lower.includes(s)) n++;
  for (const k of q.keywords ?? []) if (lower.includes(k.toLowerCase())) n++;
  return n;
}

function conceptHits(q: PlanQuestion, lower: string): string[] {
  const terms = [...(q.concepts ?? []), ...(q.keywords ?? [])];
  return [...new Set(terms.filter((t) => lower.includes(t.toLowerCase())))];
}

const patterns = new Map<string, RegExp | null>();
function patternOf(p: string): RegExp | null {
  let re = patterns.get(p);
  if (re === undefined) {
    try {
      re = new RegExp(p, 'i');
    } catch {
      // The bank schema rejects bad patterns; one from elsewhere simply never matches.
      re = null;
    }
    patterns.set(p, re);
  }
  return re;
}

function misconceptionHits(q: PlanQuestion, text: string): string[] {
  const out: string[] = [];
  for (const m of q.misconceptions ?? []) if (patternOf(m.pattern)?.test(text)) out.push(m.says);
  return out;
}

// A turn that completes an answer reads it twice (to react, then to score): keep the last few records.
const recent = new Map<string, Heard>();
const RECENT_MAX = 8;

/** Builds the record of what was said. `text` is every message for the question, joined by newlines. */
export function listen(question: PlanQuestion, type: InterviewType, text: string): Heard {
  const key = `${question.id}\u0000${answerKind(type, question)}\u0000${text}`;
  const hit = recent.get(key);
  if (hit) return hit;
  const heard = readAnswer(question, type, text);
  if (recent.size >= RECENT_MAX) recent.delete(recent.keys().next().value!);
  recent.set(key, heard);
  return heard;
}

function readAnswer(question: PlanQuestion, type: InterviewType, text: string): Heard {
  const clean = stripInjection(text).text;
  const kind = answerKind(type, question);
  const a = analyzeAnswer(clean, question.keywords ?? []);
  const first = stripInjection(firstMessage(clean)).text.trim();
  const firstWords = first.split(/\s+/).filter(Boolean).length;
  const refused = firstWords <= 25 && REFUSAL.test(first);
  // "I don't know the exact date, but at my last job..." goes on to answer: not a non-answer.
  const goesOn = /\bbut\b(\s+\S+){10,}/i.test(first);
  const nonAnswer = refused || a.gibberish || (firstWords <= 30 && NON_ANSWER.test(first) && !goesOn) || firstWords === 0;
  const lower = clean.toLowerCase();

  const parts: Partial<Record<Part, string>> = {};
  // One pass over the whole text first: most cues are absent, and then no sentence needs testing.
  const find = (re: RegExp) => (re.test(clean) ? a.sentences.find((s) => re.test(s)) : undefined);
  const words = wordsOf(clean);
  const leisure = words.filter((w) => LEISURE.has(w)).length;
  const workplace = words.filter((w) => WORKPLACE.has(w)).length;
  const overlap = topicOverlap(question, lower);
  const concepts = kind === 'technical' ? conceptHits(question, lower) : [];
  const misconceptions = kind === 'technical' ? misconceptionHits(question, clean) : [];
  // Specifics: something only this candidate could say (a number, a name, concrete detail).
  const concrete = (s: string) => /\d/.test(s) || a.namedTerms.some((t) => s.includes(t)) || uncommonWords(s) >= 4;
  // An explanation: a sentence about the topic that says how or why, and is not a list of terms.
  let explainingCache: string[] | undefined;
  const explaining = () => (explainingCache ??= a.sentences.filter((s) => wordsOf(s).length >= 7 && CUES.mechanism.test(s) && !listy(s) && topicOverlap(question, s.toLowerCase()) > 0));
  const detect: Record<Part, () => string | undefined> = {
    situation: () => find(CUES.situation) ?? find(CUES.scene),
    task: () => find(CUES.task),
    action: () => find(CUES.action),
    result: () => find(CUES.result),
    reflection: () => find(CUES.reflection),
    motivation: () => find(CUES.motivation),
    specifics: () => a.sentences.find(concrete),
    // Evidence: something that happened (told in the past, or as an example) with concrete detail.
    evidence: () => a.sentences.find((s) => (CUES.action.test(s) || PAST.test(s) || CUES.example.test(s)) && concrete(s) && wordsOf(s).length >= 8),
    mechanism: () => explaining()[0],
    concepts: () => {
      const hits = kind === 'technical' ? concepts : conceptHits(question, lower);
      return a.sentences.find((s) => hits.some((t) => s.toLowerCase().includes(t.toLowerCase())));
    },
    tradeoffs: () => find(CUES.tradeoffs),
    example: () => find(CUES.example) ?? a.sentences.find((s) => /\d/.test(s) && /\b(i|we)\b/i.test(s)),
  };
  // The kind's own parts, then any other part the question's rubric asks for (a project
  // question judged as an explanation may still ask what the candidate would change now).
  const { read, expected } = partsFor(question, kind);
  for (const p of read) {
    const s = detect[p]();
    if (s) parts[p] = s;
  }
  let substance = 0;
  let hypothetical = false;
  let buzzwords = false;

  if (kind === 'behavioral') {
    substance = a.sentences.filter((s) => CUES.action.test(s)).length;
    // "I would..." with no story told in the past: a hypothetical, not an example.
    hypothetical = !parts.action && !parts.situation && a.sentences.some((s) => HYPOTHETICAL.test(s));
  } else if (kind === 'screening') {
    substance = a.sentences.filter((s) => concrete(s) && wordsOf(s).length >= 8).length;
  } else {
    substance = explaining().length;
    // Many terms, hardly any sentence that explains how they work together.
    const commas = (clean.match(/,/g) ?? []).length;
    buzzwords = substance === 0 || (substance <= 1 && (commas >= 4 || a.namedTerms.length >= 5) && a.words < 80);
  }

  // About something else: no word of the question's topic and no work or study setting, or a
  // story told mostly in the words of a hobby. Short answers are judged as thin, not off topic.
  const offTopic =
    !nonAnswer &&
    a.words >= 12 &&
    ((overlap === 0 && (workplace <= 1 || leisure > workplace)) || (leisure >= 3 && leisure > workplace * 2) || (leisure >= 4 && leisure >= workplace) || (kind === 'technical' && overlap === 0 && concepts.length === 0));

  const missing = expected.filter((p) => !parts[p] && !OPTIONAL.has(p));
  const due = expected.filter((p) => !OPTIONAL.has(p)).length;
  // A bank question's coverage counts every part given against what a full answer of its kind
  // has; a question that names its own parts counts only those.
  const coverage = question.asks ? 1 - missing.length / Math.max(1, due) : Math.min(1, Object.keys(parts).length / FULL[kind]);
  return { kind, parts, missing, listened: read, coverage, nonAnswer, refused, offTopic, hypothetical, concepts, misconceptions, buzzwords, substance, analysis: a };
}
