import { COMMON_WORDS, DECLINE_PATTERNS, FILLERS, FOREIGN_COMMON_WORDS, INJECTION_PATTERNS, STAR_CUES, TRADEOFF_CUES } from './lexicon.ts';
import { clipWords } from '../scoring/lines.ts';

export type StarPart = keyof typeof STAR_CUES;

/** Everything the offline interviewer notices in an answer, computed once per answer. */
export interface AnswerAnalysis {
  words: number;
  sentences: string[];
  numbers: string[];
  /** Capitalised or known technical terms the candidate named. */
  namedTerms: string[];
  /** Question keywords the answer used. */
  keywordHits: string[];
  star: Record<StarPart, string | null>;
  tradeoff: string | null;
  fillerCount: number;
  fillerRate: number;
  /** Share of tokens that look like real words (0-1). */
  wordLikeness: number;
  gibberish: boolean;
  declined: boolean;
}

// Marks (\p{M}) belong to words: Devanagari vowel signs and viramas are marks, not letters.
const TOKEN = /[\p{L}\p{N}][\p{L}\p{M}\p{N}'+#.-]*/gu;
/** Scripts written without spaces between words: Han, Hiragana, Katakana. */
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
const NON_LATIN_LETTER = /[\p{L}\p{M}]/u;
const LATIN_LETTER = /\p{Script=Latin}/u;
const WORDS = new Intl.Segmenter(undefined, { granularity: 'word' });

/** Words of any script: a word segmenter where words are not separated by spaces (Japanese, Chinese). */
export function wordTokens(text: string): string[] {
  if (!UNSPACED.test(text)) return text.match(TOKEN) ?? [];
  const out: string[] = [];
  for (const s of WORDS.segment(text)) if (s.isWordLike) out.push(s.segment);
  return out;
}

/** Share of letters outside the Latin script (Devanagari, Hangul, kana, Han...). */
function nonLatinShare(text: string): number {
  let latin = 0;
  let other = 0;
  for (const ch of text) {
    if (LATIN_LETTER.test(ch)) latin += 1;
    else if (NON_LATIN_LETTER.test(ch)) other += 1;
  }
  return latin + other ? other / (latin + other) : 0;
}

export function analyzeAnswer(text: string, keywords: readonly string[] = []): AnswerAnalysis {
  const clean = text.replace(/\s+/g, ' ').trim();
  const tokens = wordTokens(clean);
  const lower = tokens.map((t) => t.toLowerCase().replace(/[.'-]+$/, ''));
  const sentences = clean.split(/(?<=[.!?\u0964])\s+|(?<=[\u3002\uff01\uff1f])\s*|\n+/).map((s) => s.trim()).filter(Boolean);

  const numbers = clean.match(/(?:[$€£]\s?)?\b\d[\d,.]*\s?(?:%|percent|x|k|m|ms|s|seconds|minutes|hours|days|weeks|months|years|users|people|requests|qps|rps|gb|tb|mb)?/gi) ?? [];
  const kwLower = keywords.map((k) => k.toLowerCase());
  const keywordHits = kwLower.filter((k) => clean.toLowerCase().includes(k));
  const namedTerms = uniq(
    tokens.filter((t, i) => {
      if (/^[A-Z][a-z]+$/.test(t) && i > 0 && !/[.!?]$/.test(tokens[i - 1] ?? '')) return t.length > 2 && !COMMON_WORDS.has(t.toLowerCase());
      return /^[A-Z0-9]{2,}[a-z]*$/.test(t) || /[a-z][A-Z]/.test(t) || /\.(js|ts|py|io)$/i.test(t) || /\+\+|#/.test(t);
    }),
  ).slice(0, 12);

  const star = {} as Record<StarPart, string | null>;
  for (const part of Object.keys(STAR_CUES) as StarPart[]) {
    star[part] = sentences.find((s) => STAR_CUES[part].some((re) => re.test(s))) ?? null;
  }
  const tradeoff = sentences.find((s) => TRADEOFF_CUES.test(s)) ?? null;

  let fillerCount = 0;
  const lowerText = ` ${lower.join(' ')} `;
  for (const f of FILLERS) fillerCount += lowerText.split(` ${f} `).length - 1;

  // Frequent words of the other Latin-script interview languages count as real words too.
  const known = lower.filter((w) => COMMON_WORDS.has(w) || FOREIGN_COMMON_WORDS.has(w) || kwLower.includes(w) || /^\d/.test(w)).length;
  const vowelish = lower.filter((w) => /[aeiouyàáâãäèéêëìíîïòóôõöùúûü]/.test(w) && !/(.)\1\1/.test(w) && w.length < 20).length;
  // In another script the English word lists say nothing: only mashed keys (one character over and over) count as gibberish.
  const otherScript = nonLatinShare(clean) > 0.5;
  const wordLikeness = otherScript ? (/(.)\1{4,}/u.test(clean) ? 0 : 1) : tokens.length ? (known * 2 + vowelish) / (tokens.length * 3) : 0;
  const gibberish = tokens.length > 0 && (otherScript ? wordLikeness === 0 : wordLikeness < 0.3 || (tokens.length >= 4 && known / tokens.length < 0.1));
  const declined = tokens.length <= 25 && DECLINE_PATTERNS.some((re) => re.test(clean));

  return {
    words: tokens.length,
    sentences,
    numbers: numbers.map((n) => n.trim()).filter((n) => /\d/.test(n)),
    namedTerms,
    keywordHits,
    star,
    tradeoff,
    fillerCount,
    fillerRate: tokens.length ? fillerCount / tokens.length : 0,
    wordLikeness,
    gibberish,
    declined,
  };
}

/**
 * Removes sentences that try to instruct the interviewer or ask for a score. What is
 * left is the answer proper, the only part any scorer (rules or model) gets to see.
 */
export function stripInjection(text: string): { text: string; removed: string[] } {
  // Odd entries are the separators, kept so that what remains reads exactly as written.
  const parts = text.split(/((?<=[.!?])\s+|\n+)/);
  const removed: string[] = [];
  let out = '';
  for (let i = 0; i < parts.length; i += 2) {
    const seg = parts[i] ?? '';
    if (INJECTION_PATTERNS.some((re) => re.test(seg))) removed.push(seg.trim());
    else out += seg + (parts[i + 1] ?? '');
  }
  return removed.length ? { text: out.trim(), removed } : { text, removed };
}

function uniq<T>(a: T[]): T[] {
  return [...new Set(a)];
}

/** A short, faithful quote from the candidate (never paraphrased). */
export function quote(sentence: string, max = 160): string {
  return clipWords(sentence.trim(), max);
}
