import type { ReactContext, Reaction } from '../brain.ts';
import { createRng, pick } from '../rng.ts';
import { NON_ANSWER, REFUSAL } from '../scoring/cues.ts';
import { type Heard, listen, type Part } from '../scoring/record.ts';
import { COMMON_WORDS } from './lexicon.ts';
import { analyzeAnswer, stripInjection } from './analyze.ts';

/** One probe per missing part, two wordings each; a part is asked for at most once per question. */
export const PART_FOLLOW_UPS: Record<Part, readonly string[]> = {
  situation: ['Can you set the scene first? Where were you, and what was at stake?', 'What was the situation? Tell me a little about the team and what was going on.'],
  task: ['What were you responsible for, specifically?', 'What was your part in it, as opposed to the team’s?'],
  action: ['What did you personally do? Walk me through your steps.', 'Zooming in on your part: what actions did you take yourself?'],
  result: ['How did it turn out? Can you put a number on the result?', 'What was the outcome, and how did you know it worked?'],
  reflection: ['Looking back, what did you learn from it?', 'What would you do differently next time?'],
  motivation: ['What draws you to that, personally?', 'Why does that matter to you?'],
  specifics: ['Could you make that concrete? Which product, team or tools, and what was your part?', 'Can you name a specific project where that showed?'],
  evidence: ['Can you give me one concrete example from your own work that shows it?', 'What is a specific time that happened, and what came of it?'],
  concepts: ['Which key ideas or building blocks would you rely on there?', 'What are the main concepts involved?'],
  mechanism: ['Could you walk me through how that works, step by step?', 'How does that actually work under the hood?'],
  tradeoffs: ['What are the trade-offs of that approach, and when would you choose differently?', 'What does that choice cost you, and what is the alternative?'],
  example: ['Could you walk me through a concrete example?', 'Can you show it on a small example?'],
};

const LIFELINE = {
  behavioral: "That's okay. It doesn't have to be from work: a time from your studies, volunteering or everyday life works too, or tell me how you would handle it.",
  screening: "That's fine. Even a rough first thought helps: what comes to mind?",
  technical: 'No problem. Could you reason it through out loud, even roughly? What would you try first?',
} as const;

const CLARIFY = "I didn't quite follow that. Could you answer in a few sentences, with an example from your experience?";

function redirect(question: string): string {
  return `Thanks, though that's a little away from what I asked. Let me bring us back: ${question}`;
}

function stemsOf(text: string): string[] {
  return [...new Set((text.toLowerCase().match(/[a-z][a-z-]{4,}/g) ?? []).filter((w) => !COMMON_WORDS.has(w)).map((w) => w.slice(0, Math.max(5, w.length - 2))))];
}

/** A bank follow-up the answer already covers (most of its words are in the answer) would ask for what was given. */
function alreadyCovered(followUp: string, lowerAnswer: string): boolean {
  const s = stemsOf(followUp);
  if (!s.length) return false;
  return s.filter((x) => lowerAnswer.includes(x)).length / s.length >= 0.5;
}

function partAskedBy(text: string): Part | null {
  for (const [part, variants] of Object.entries(PART_FOLLOW_UPS) as [Part, readonly string[]][]) if (variants.includes(text)) return part;
  return null;
}

/** An acknowledgement that fits what was said: it names a part the answer gave, never a random word from it. */
function acknowledgement(h: Heard, latestWords: number, rand: () => number): string {
  if (latestWords < 12) return pick(['Thanks.', 'Okay, thank you.', 'Got it.'], rand);
  const p = h.parts;
  if (h.kind === 'behavioral') {
    if (p.result && /\d/.test(p.result)) return pick(['Thanks, the result and the numbers make the impact clear.', 'Good, that gives me a clear sense of the outcome.'], rand);
    if (p.action && p.result) return pick(['Thanks, that makes your own part and the outcome clear.', 'Thank you, I have a clear picture of what you did and how it ended.'], rand);
    if (p.action) return pick(['Thanks, that makes your own part clear.', 'Okay, I can see what you did there.'], rand);
  } else if (h.kind === 'technical') {
    if (p.mechanism && p.tradeoffs) return pick(['Good, you explained how it works and what it costs.', 'Thanks, that covers the mechanism and the trade-offs.'], rand);
    if (p.mechanism) return pick(['Thanks, that explains how it works.', 'Okay, that is a clear explanation.'], rand);
  } else if (p.evidence || p.specifics) {
    return pick(['Thanks, that is specific.', 'Thank you, that gives me a concrete picture.'], rand);
  }
  return pick(['Thanks.', 'Okay, thank you.', 'Got it, thanks.', 'Alright.'], rand);
}

/**
 * The offline interviewer's reaction, from the record of what the candidate has said:
 * a non-answer gets one lifeline, an off-topic answer one redirect, a missing part one
 * probe (the most valuable part first); nothing already given is asked for, and no
 * follow-up is asked twice in a question.
 */
export function listenReaction(ctx: ReactContext): Reaction {
  const latestText = stripInjection(ctx.latest).text.trim();
  // One reading of the whole answer per turn; the latest message is read again only when it differs.
  const h = listen(ctx.question, ctx.type, ctx.answer);
  const single = ctx.latest === ctx.answer;
  const latest = single ? h.analysis : analyzeAnswer(latestText, ctx.question.keywords ?? []);
  const asked = ctx.askedFollowUps ?? [];
  const rand = createRng(ctx.seed + ctx.followUpsAsked * 13 + ctx.question.id.length);
  const lifelineGiven = asked.some((f) => Object.values(LIFELINE).includes(f as never));
  const redirected = asked.some((f) => f.startsWith('Thanks, though that'));
  const earlier = hasEarlierRealAnswer(ctx);
  const latestNonAnswer = latest.words <= 30 && (NON_ANSWER.test(latestText) || latest.declined) && !/\bbut\b(\s+\S+){10,}/i.test(latestText);

  if (latest.words <= 25 && REFUSAL.test(latestText)) {
    if (earlier) return { acknowledgement: pick(["That's fine, thank you.", 'Okay, no problem.'], rand), declined: false };
    return { acknowledgement: '', declined: true, note: `declined "${ctx.question.competency}"` };
  }
  if (latestNonAnswer) {
    // "Not sure" to a follow-up is not a refusal of the question: keep what was said and move on.
    if (earlier) return { acknowledgement: pick(["That's fine, thank you.", 'Okay, no problem.', 'Understood, thanks.'], rand), declined: false };
    if (!lifelineGiven && ctx.followUpsAsked < ctx.maxFollowUps) {
      return { acknowledgement: '', followUp: LIFELINE[h.kind], declined: false, note: 'no example at first' };
    }
    return { acknowledgement: '', declined: true, note: `no answer for "${ctx.question.competency}"` };
  }

  const ack = acknowledgement(h, latest.words, rand);
  // After a lifeline, whatever the candidate offers is taken kindly and the interview moves on.
  if (lifelineGiven || ctx.followUpsAsked >= ctx.maxFollowUps) return { acknowledgement: ack, declined: false };

  if (latest.gibberish || h.analysis.words < 6) {
    if (asked.includes(CLARIFY)) return { acknowledgement: '', declined: false };
    return { acknowledgement: '', followUp: CLARIFY, declined: false };
  }
  // Relevance is judged on the first answer, and again only on the reply to a redirect.
  const latestHeard = single ? h : redirected ? listen(ctx.question, ctx.type, ctx.latest) : null;
  if (latestHeard?.offTopic) {
    if (redirected) return { acknowledgement: 'Thanks.', declined: false, note: 'stayed off topic' };
    return { acknowledgement: '', followUp: redirect(ctx.question.text), declined: false, note: 'answered something else' };
  }

  const askedParts = new Set(asked.map(partAskedBy).filter((p): p is Part => p !== null));
  const lower = h.analysis.sentences.join(' ').toLowerCase();
  const freshBankFollowUp = () => ctx.question.followUps.find((f) => !asked.includes(f) && !alreadyCovered(f, lower));

  // The scene matters least once the candidate has told what they did and how it ended.
  const toldStory = Boolean(h.parts.action && h.parts.result) && h.analysis.words >= 40;
  const wanted = h.missing.filter((p) => !askedParts.has(p) && !(p === 'situation' && toldStory));
  if (h.kind === 'behavioral') {
    const part = wanted[0];
    if (part) return { acknowledgement: ack, followUp: pick(PART_FOLLOW_UPS[part], rand), declined: false, note: `answer lacked ${part}` };
    return { acknowledgement: ack, declined: false };
  }
  if (h.kind === 'technical') {
    if (wanted.includes('mechanism')) return { acknowledgement: ack, followUp: pick(PART_FOLLOW_UPS.mechanism, rand), declined: false, note: 'no mechanism explained' };
    // The question's own probes go deeper than a generic one, when the answer has not covered them.
    const bank = h.substance < 3 ? freshBankFollowUp() : undefined;
    if (bank) return { acknowledgement: ack, followUp: bank, declined: false, note: 'probing depth' };
    if (wanted.includes('tradeoffs')) return { acknowledgement: ack, followUp: pick(PART_FOLLOW_UPS.tradeoffs, rand), declined: false, note: 'no trade-offs' };
    return { acknowledgement: ack, declined: false };
  }
  // Screening: a claim with nothing specific behind it gets one request for substance; a
  // specific answer is not asked for "an example" on top.
  const part = h.parts.specifics ? wanted.find((p) => p === 'motivation' && /motivation|company-interest|career-goals/.test(ctx.question.competency) && h.analysis.words < 70) : wanted.find((p) => p === 'specifics' || p === 'evidence');
  if (part) return { acknowledgement: ack, followUp: pick(PART_FOLLOW_UPS[part], rand), declined: false, note: `answer lacked ${part}` };
  const bank = h.analysis.words < 40 ? freshBankFollowUp() : undefined;
  if (bank) return { acknowledgement: ack, followUp: bank, declined: false, note: 'short answer' };
  return { acknowledgement: ack, declined: false };
}

/** A first message that gives nothing to judge ("I don't have an example", "no idea"): the rules' lifeline handles it, no model needed. */
export function isNonAnswerTurn(ctx: Pick<ReactContext, 'latest' | 'answer' | 'followUpsAsked'>): boolean {
  const text = stripInjection(ctx.latest).text.trim();
  const a = analyzeAnswer(text);
  // After a real answer, "not sure" to a follow-up is the model's to acknowledge (and score).
  return a.words <= 30 && (NON_ANSWER.test(text) || REFUSAL.test(text)) && !hasEarlierRealAnswer(ctx);
}

/** Whether an earlier message for this question was a real answer (not a non-answer, not gibberish). */
export function hasEarlierRealAnswer(ctx: Pick<ReactContext, 'answer' | 'latest' | 'followUpsAsked'>): boolean {
  if (ctx.followUpsAsked === 0) return false;
  const earlier = ctx.answer.endsWith(ctx.latest) ? ctx.answer.slice(0, ctx.answer.length - ctx.latest.length) : ctx.answer;
  const text = stripInjection(earlier).text.trim();
  const a = analyzeAnswer(text);
  return a.words >= 8 && !a.gibberish && !a.declined && !(a.words <= 30 && NON_ANSWER.test(text));
}
