import { PHRASES } from './i18n/phrases.ts';
import { SPECS } from './interview-types.ts';
import type { LanguageCode } from './language.ts';
import { createRng, pick } from './rng.ts';
import type { InterviewType } from './types.ts';

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

export function questionIntro(index: number, total: number, seed: number, lang?: LanguageCode): string {
  const p = other(lang);
  if (p) return index === 0 ? p.first : index === total - 1 ? p.last : p.next;
  if (index === 0) return pick(["Let's start.", "Let's begin with this one.", 'First question.'], createRng(seed));
  if (index === total - 1) return pick(['Last question.', 'Final one.', 'One more, the last.'], createRng(seed + index));
  return pick(['Next question.', "Let's move on.", 'Switching gears a little.', 'Here is the next one.', 'Moving on.'], createRng(seed + index));
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
  return other(lang)?.resumed ?? "Welcome back. Here's where we were:";
}
