import type { PlanQuestion, QuestionScore, RubricItem, RubricScore } from '../types.ts';
import { type AnswerAnalysis, analyzeAnswer, quote, stripInjection } from '../offline/analyze.ts';
import { COMMON_WORDS, WORK_WORDS } from '../offline/lexicon.ts';
import { clamp, round1, weightedMean } from './aggregate.ts';

type ItemKind = 'situation' | 'task' | 'action' | 'result' | 'reflection' | 'tradeoff' | 'general';

/** Which signal a rubric item is about, read from its id and wording. */
export function itemKind(item: RubricItem): ItemKind {
  const s = `${item.id} ${item.shows}`.toLowerCase();
  if (/\b(situation|context|setting|background)\b/.test(item.id) || /^situation/.test(s)) return 'situation';
  if (/\b(task|goal|stakes)\b/.test(item.id)) return 'task';
  if (/\b(action|actions|own-actions|steps)\b/.test(item.id)) return 'action';
  if (/\b(result|results|impact|outcome|outcomes)\b/.test(item.id)) return 'result';
  if (/\b(reflection|learning|lesson|lessons|learned)\b/.test(item.id)) return 'reflection';
  if (/trade-?off|alternatives/.test(item.id)) return 'tradeoff';
  return 'general';
}

function contentWords(text: string): string[] {
  return (text.toLowerCase().match(/[a-z][a-z-]{4,}/g) ?? []).filter((w) => !COMMON_WORDS.has(w));
}

/** Stems (first 5+ letters) of the words a question is about: its text, keywords and rubric. */
function topicStems(question: PlanQuestion): Set<string> {
  const text = [question.text, question.competency.replace(/-/g, ' '), ...(question.keywords ?? []), ...question.rubric.map((r) => r.shows)].join(' ');
  return new Set(contentWords(text).map((w) => w.slice(0, Math.max(5, w.length - 2))));
}

/** How many of the question's topic words the answer uses; 0 means it talks about something else. */
export function topicHits(question: PlanQuestion, answer: string): number {
  const lower = answer.toLowerCase();
  let hits = (question.keywords ?? []).filter((k) => lower.includes(k.toLowerCase())).length;
  for (const stem of topicStems(question)) if (lower.includes(stem)) hits += 1;
  return hits;
}

/**
 * About something else entirely: no word in common with the question and (almost) no
 * word of working life. Kept strict on purpose: a generic but work-related story is not
 * off-topic, only a poor fit, and the rubric items already score that.
 */
export function isOffTopic(question: PlanQuestion, answer: string, a: AnswerAnalysis = analyzeAnswer(answer, question.keywords ?? [])): boolean {
  if (a.words < 8 || a.gibberish) return false;
  if (topicHits(question, answer) > 0) return false;
  const work = (answer.toLowerCase().match(/[a-z]+/g) ?? []).filter((w) => WORK_WORDS.has(w)).length;
  return work <= 1;
}

/** An answer about something else entirely earns at most this per item, however fluent. */
const OFF_TOPIC_CAP = 1;

function scoreItem(item: RubricItem, a: AnswerAnalysis, answerLower: string, offTopic: boolean): RubricScore {
  const depth = clamp(a.words / 90);
  const specific = clamp(a.numbers.length * 0.4 + a.namedTerms.length * 0.25 + a.keywordHits.length * 0.35);
  const kind = itemKind(item);
  let score: number;
  let evidence: string | null = null;
  const cue = kind === 'general' ? null : kind === 'tradeoff' ? a.tradeoff : a.star[kind];
  if (kind !== 'general') {
    if (cue) {
      const numberBoost = kind === 'result' && a.numbers.length > 0 ? 0.6 : 0;
      // The cue shows the part is there; how well it is told grows with depth and specifics.
      score = 1.6 + depth * 1.6 + specific * 0.8 + numberBoost;
      evidence = cue;
    } else {
      score = depth * 1.2 + specific * 0.4;
    }
  } else {
    const words = contentWords(item.shows);
    const hits = words.filter((w) => answerLower.includes(w.slice(0, Math.max(5, w.length - 2)))).length;
    const overlap = clamp(hits / 3);
    score = 0.4 + depth * 1.9 + specific * 1.6 + overlap * 1.1;
    evidence =
      a.sentences
        .map((s) => ({ s, n: (s.match(/\d/g)?.length ?? 0) + a.keywordHits.filter((k) => s.toLowerCase().includes(k)).length * 2 + a.namedTerms.filter((t) => s.includes(t)).length }))
        .sort((x, y) => y.n - x.n)[0]?.s ?? null;
  }
  if (a.fillerRate > 0.08) score -= 0.5;
  if (a.words < 8) score = Math.min(score, 1);
  if (offTopic) score = Math.min(score, OFF_TOPIC_CAP);
  if (a.gibberish || a.declined) {
    score = 0;
    evidence = null;
  }
  return { id: item.id, score: round1(clamp(score, 0, 5)), evidence: evidence ? quote(evidence) : '' };
}

const MISSING_ADVICE: Record<Exclude<ItemKind, 'general'>, string> = {
  situation: 'Set the scene in a sentence or two: where you were and what was at stake.',
  task: 'Say what you specifically were responsible for.',
  action: 'Spend most of the answer on what you personally did, step by step ("I", not "we").',
  result: 'Finish with the outcome, ideally with a number (time saved, % improved, users affected).',
  reflection: 'Close with what you learned or would do differently.',
  tradeoff: 'Name the trade-offs: what you gave up, and why it was worth it.',
};

/** Rule-based 0-5 scoring per rubric item; labelled heuristic wherever it is shown. */
export function heuristicScore(question: PlanQuestion, rawAnswer: string): QuestionScore {
  // Requests for a score are not part of the answer.
  const answer = stripInjection(rawAnswer).text;
  const a = analyzeAnswer(answer, question.keywords ?? []);
  const lower = answer.toLowerCase();
  const offTopic = isOffTopic(question, answer, a);
  const items = question.rubric.map((item) => scoreItem(item, a, lower, offTopic));
  const strengths: string[] = [];
  const improvements: string[] = [];
  question.rubric.forEach((item, i) => {
    const sc = items[i]!.score;
    const kind = itemKind(item);
    if (sc >= 3.5) strengths.push(item.shows);
    else if (sc < 2.5) improvements.push(kind === 'general' ? `A stronger answer would show: ${lowerFirst(item.shows)}` : MISSING_ADVICE[kind]);
  });
  if (offTopic) improvements.unshift('Answer the question that was asked: this answer was about something else.');
  if (a.numbers.length > 0 && a.words > 30 && !offTopic) strengths.push('Used concrete numbers.');
  if (a.fillerRate > 0.08) improvements.push('Cut filler words ("like", "basically", "you know"); pause instead.');
  if (a.words > 0 && a.words < 40 && !a.declined) improvements.push('Give more detail: aim for a one- to two-minute answer.');
  if (a.words > 450) improvements.push('Tighten the answer: lead with the point, then the detail.');
  const evidence = [...new Set(items.map((it) => it.evidence).filter(Boolean))].slice(0, 3);
  return {
    questionId: question.id,
    score: weightedMean(question.rubric, items),
    items,
    evidence,
    strengths: [...new Set(strengths)].slice(0, 3),
    improvements: [...new Set(improvements)].slice(0, 3),
    scoredBy: 'heuristic',
    heuristic: true,
  };
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}
