/**
 * The languages an interview can run in. One table: the code every surface passes around
 * (ISO 639-1), the names shown to people, and what speech needs (Whisper takes the code
 * as it is; XTTS names Chinese `zh-cn`). No imports, so config and speech can use it.
 */

export const LANGUAGE_CODES = ['en', 'es', 'pt', 'fr', 'de', 'it', 'hi', 'ja', 'ko', 'zh'] as const;
export type LanguageCode = (typeof LANGUAGE_CODES)[number];

export const DEFAULT_LANGUAGE: LanguageCode = 'en';

export interface LanguageInfo {
  code: LanguageCode;
  /** English name, for prompts and logs. */
  english: string;
  /** The language's own name, for pickers. */
  native: string;
  /** XTTS v2's language id. */
  xtts: string;
  /** Written without spaces between words: tokenise with a word segmenter, never by whitespace. */
  unspaced: boolean;
}

export const LANGUAGES: Readonly<Record<LanguageCode, LanguageInfo>> = {
  en: { code: 'en', english: 'English', native: 'English', xtts: 'en', unspaced: false },
  es: { code: 'es', english: 'Spanish', native: 'Español', xtts: 'es', unspaced: false },
  pt: { code: 'pt', english: 'Portuguese', native: 'Português', xtts: 'pt', unspaced: false },
  fr: { code: 'fr', english: 'French', native: 'Français', xtts: 'fr', unspaced: false },
  de: { code: 'de', english: 'German', native: 'Deutsch', xtts: 'de', unspaced: false },
  it: { code: 'it', english: 'Italian', native: 'Italiano', xtts: 'it', unspaced: false },
  hi: { code: 'hi', english: 'Hindi', native: 'हिन्दी', xtts: 'hi', unspaced: false },
  ja: { code: 'ja', english: 'Japanese', native: '日本語', xtts: 'ja', unspaced: true },
  ko: { code: 'ko', english: 'Korean', native: '한국어', xtts: 'ko', unspaced: false },
  zh: { code: 'zh', english: 'Chinese', native: '中文', xtts: 'zh-cn', unspaced: true },
};

export function isLanguageCode(v: unknown): v is LanguageCode {
  return typeof v === 'string' && (LANGUAGE_CODES as readonly string[]).includes(v);
}

/** "es", "ES", "pt-BR", "zh_CN", "Spanish", "español" -> the code; anything else -> undefined. */
export function languageOf(input: string | undefined | null): LanguageCode | undefined {
  if (!input) return undefined;
  const t = input.trim().toLowerCase();
  if (!t) return undefined;
  const base = t.split(/[-_]/)[0]!;
  if (isLanguageCode(base)) return base;
  for (const l of Object.values(LANGUAGES)) {
    if (t === l.english.toLowerCase() || t === l.native.toLowerCase()) return l.code;
  }
  return undefined;
}

/** The list as people read it: "en (English), es (Español), ...". */
export function languageList(): string {
  return LANGUAGE_CODES.map((c) => `${c} (${LANGUAGES[c].native})`).join(', ');
}

export function unknownLanguageMessage(input: string): string {
  return `"${input.slice(0, 40)}" is not a language I can interview in. Choose one of: ${languageList()}.`;
}

/**
 * A chat platform's locale ("ja", "pt-BR", "es-ES", "zh-CN", Slack's "ja-JP") as an interview
 * language; a locale outside the list means English (the platform default, not an error).
 */
export function languageFromLocale(locale: string | undefined | null): LanguageCode {
  return languageOf(locale) ?? DEFAULT_LANGUAGE;
}
