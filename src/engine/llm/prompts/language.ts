import { LANGUAGES, type LanguageCode } from '../../language.ts';

/**
 * The interview's language, for every call about it. Empty for English, so English prompts stay
 * byte for byte as they were (the cached prefix). It comes after the shared system prompt,
 * which says "English": this line overrides it for the one interview.
 */
export function languageRule(lang: LanguageCode | undefined, what: string): string {
  if (!lang || lang === 'en') return '';
  const name = LANGUAGES[lang].english;
  return `Language: this interview is conducted in ${name}, not English. Write ${what} in natural ${name}. Evidence is never translated: copy the candidate's own words exactly as they wrote them, in whatever language and script they used.`;
}
