import { PHRASES } from './i18n/phrases.ts';
import { SPECS } from './interview-types.ts';
import type { LanguageCode } from './language.ts';
import { createRng, pick } from './rng.ts';
import type { InterviewType, PlanQuestion } from './types.ts';

/**
 * Alex's words for the parts of an interview that need no judgement. English is varied so it
 * never sounds canned; other languages come from i18n/phrases.ts.
 */

const other = (lang: LanguageCode | undefined) => (lang && lang !== 'en' ? PHRASES[lang] : undefined);

export function greeting(type: InterviewType, name: string | undefined, role: string, seed: number, lang?: LanguageCode): string {
  const spec = SPECS[type];
  const p = other(lang);
  if (p) return p.greeting({ name, role, type: p.types[type], questions: spec.questions, minutes: spec.minutes });
  const hi = pick(['Hi', 'Hello', 'Hey there'], createRng(seed));
  const who = name ? `${hi} ${name}, ` : `${hi}, `;
  return (
    `${who}I'm Alex, and I'll be your interviewer today. This is a ${spec.label} interview for a ${role} role: ` +
    `${spec.questions} questions, about ${spec.minutes} minutes, focused on ${spec.focus}. ` +
    `Take your time with each answer. You can say skip, repeat, pause or end whenever you like.`
  );
}

const FIRST = ["Let's start.", "Let's begin with this one.", 'First question.'];
const LAST = ['Last question.', 'Final one.', 'One more, the last.'];
const NEXT = ['Next question.', "Let's move on.", 'Moving on.'];
const SAME_TOPIC = ['Staying with a similar area.', 'Another one along the same lines.', 'Sticking with this area for one more.'];
const NEW_TOPIC = ['Switching gears a little.', "Let's turn to something different.", 'Changing topic.'];

type Topical = Pick<PlanQuestion, 'competency' | 'category'>;

/**
 * The line before a question. Transitions are true to the plan: "Switching gears" only when
 * the topic really changes, "along the same lines" only when it does not.
 */
export function questionIntro(index: number, total: number, seed: number, previous?: Topical, current?: Topical, lang?: LanguageCode): string {
  const p = other(lang);
  if (p) return index === 0 ? p.first : index === total - 1 ? p.last : p.next;
  if (index === 0) return pick(FIRST, createRng(seed));
  if (index === total - 1) return pick(LAST, createRng(seed + index));
  const rand = createRng(seed + index);
  if (previous && current) {
    const same = (previous.category ?? previous.competency) === (current.category ?? current.competency);
    return pick(same ? SAME_TOPIC : [...NEXT, ...NEW_TOPIC], rand);
  }
  return pick(NEXT, rand);
}

const INTROS = [...FIRST, ...LAST, ...NEXT, ...SAME_TOPIC, ...NEW_TOPIC, 'Switching gears a little.', 'Here is the next one.', ...Object.values(PHRASES).flatMap((x) => [x.first, x.next, x.last])];

/** A question as first asked, without its transition line (for "repeat" and "resume"). */
export function withoutIntro(text: string): string {
  for (const intro of INTROS) if (text.startsWith(`${intro} `)) return text.slice(intro.length + 1);
  return text;
}

export function skipAck(seed: number, lang?: LanguageCode): string {
  return other(lang)?.skip ?? pick(['No problem, we can skip that one.', "Sure, let's skip it.", "That's fine, we'll move on."], createRng(seed));
}

export function declineAck(seed: number, lang?: LanguageCode): string {
  return other(lang)?.decline ?? pick(["That's fine, not every question fits everyone. Let's move on.", "No worries, we'll leave that one.", 'Understood, we can set that aside.'], createRng(seed));
}

export function closing(name: string | undefined, timeUp: boolean, lang?: LanguageCode): string {
  const p = other(lang);
  if (p) return p.closing(name, timeUp);
  const thanks = name ? `Thank you, ${name}.` : 'Thank you.';
  const lead = timeUp ? "We're at time, so let's stop here." : "That's all my questions.";
  return `${lead} ${thanks} I'm putting your feedback together now.`;
}

export function endedEarly(name: string | undefined, lang?: LanguageCode): string {
  return other(lang)?.endedEarly(name) ?? `Okay, we'll stop here${name ? `, ${name}` : ''}. I'll give you feedback on what we covered.`;
}

export function pausedMessage(lang?: LanguageCode): string {
  return other(lang)?.paused ?? "Paused. Take the time you need; say resume when you're ready and I'll repeat the question.";
}

export function resumedMessage(lang?: LanguageCode): string {
  return other(lang)?.resumed ?? "Welcome back. Here's where we were.";
}
