/**
 * Splits a reply into sentences for sentence-by-sentence synthesis. Good splits start
 * playback sooner; bad ones ("Dr." / "Smith will see you") make the voice pause in odd
 * places, so a period only ends a sentence when the next word starts like a sentence and
 * the word before it is not a known abbreviation, an initial or part of a number.
 */

/** Lower-cased, without the final period. Words that are often sentence-final too (etc., Inc.) are left out on purpose. */
const ABBREVIATIONS = new Set([
  'mr', 'mrs', 'ms', 'dr', 'prof', 'sr', 'jr', 'st', 'mt', 'vs', 'v', 'e.g', 'i.e', 'cf', 'approx', 'dept', 'fig', 'no', 'nos', 'vol', 'ch', 'sec', 'est', 'min', 'max',
  'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'a.m', 'p.m', 'u.s', 'u.k', 'ph.d', 'b.sc', 'm.sc',
]);

export interface SplitOptions {
  /** Longer sentences are cut at a comma, semicolon or dash (XTTS v2 handles ~250 characters per request). */
  maxChars?: number;
}

export function splitSentences(text: string, options: SplitOptions = {}): string[] {
  const maxChars = options.maxChars ?? 240;
  const out: string[] = [];
  // Line breaks (list items, paragraphs) always end a unit.
  for (const line of text.split(/\r?\n+/)) {
    const clean = line.replace(/\s+/g, ' ').trim();
    if (!clean) continue;
    for (const s of splitLine(clean)) out.push(...cutLong(s, maxChars));
  }
  return out;
}

function splitLine(line: string): string[] {
  const parts: string[] = [];
  let start = 0;
  // A run of terminators, then any closing quotes/brackets, then whitespace.
  const re = /[.!?…]+["'”’)\]]*(?=\s+)/g;
  for (let m = re.exec(line); m; m = re.exec(line)) {
    const end = m.index + m[0].length;
    const rest = line.slice(end).trimStart();
    if (!startsSentence(rest)) continue;
    if (m[0].startsWith('.') && m[0].replace(/["'”’)\]]+$/, '') === '.' && isAbbreviation(line.slice(start, m.index), rest)) continue;
    parts.push(line.slice(start, end).trim());
    start = end;
  }
  const tail = line.slice(start).trim();
  if (tail) parts.push(tail);
  return parts;
}

function startsSentence(rest: string): boolean {
  return /^["'“‘(\[]?[\p{Lu}\p{N}]/u.test(rest);
}

function isAbbreviation(before: string, rest: string): boolean {
  const word = /(\S+)$/.exec(before)?.[1]?.replace(/^["'“‘(\[]+/, '') ?? '';
  if (!word) return false;
  const lower = word.toLowerCase();
  // "No. 5" is an abbreviation, "I said no. Then" is not.
  if (lower === 'no' || lower === 'nos') return /^\p{N}/u.test(rest);
  if (ABBREVIATIONS.has(lower)) return true;
  // Initials and dotted acronyms: "J. Smith", "U.S.A. Then" is accepted as one sentence.
  if (/^\p{Lu}$/u.test(word) || /^(\p{L}\.)+\p{L}$/u.test(word)) return true;
  return false;
}

function cutLong(sentence: string, maxChars: number): string[] {
  const out: string[] = [];
  let s = sentence;
  while (s.length > maxChars) {
    const window = s.slice(0, maxChars);
    // Prefer the last clause boundary in the second half of the window, then the last space.
    const clause = Math.max(window.lastIndexOf(', '), window.lastIndexOf('; '), window.lastIndexOf(': '), window.lastIndexOf(' - '), window.lastIndexOf(' — '));
    let cut = clause >= maxChars / 2 ? clause + 1 : window.lastIndexOf(' ');
    if (cut <= 0) cut = maxChars;
    out.push(s.slice(0, cut).trim());
    s = s.slice(cut).trim();
  }
  if (s) out.push(s);
  return out;
}

/**
 * Sentences out of text that arrives in pieces (a model's streamed reply): push() hands back
 * the sentences that are certainly complete, which is known once the next one has begun;
 * end() hands back the rest.
 */
export class SentenceAccumulator {
  private buffer = '';
  private readonly options: SplitOptions;
  private firstClause: boolean;

  /**
   * firstClause: the very first unit may end at a comma, colon, semicolon or dash ("Thanks,"),
   * so the voice starts a sentence's worth of tokens sooner; the rest go by sentence.
   */
  constructor(options: SplitOptions & { firstClause?: boolean } = {}) {
    this.options = options;
    this.firstClause = options.firstClause ?? false;
  }

  push(chunk: string): string[] {
    this.buffer += chunk;
    if (this.firstClause) {
      const m = /^(\s*\S.*?[,;:—–])\s/s.exec(this.buffer);
      const sentenceEnd = /[.!?…]\s/.exec(this.buffer);
      if (m && (!sentenceEnd || sentenceEnd.index > m[1]!.length)) {
        this.firstClause = false;
        this.buffer = this.buffer.slice(m[0].length);
        return [m[1]!.trim()];
      }
      if (sentenceEnd) this.firstClause = false;
    }
    const parts = splitSentences(this.buffer, this.options);
    if (parts.length < 2) {
      // "Thanks, that is clear. " is complete unless its last word is an abbreviation or an
      // initial: asking as if a capitalised word followed saves waiting for the next token.
      if (/[.!?…]["'”’)\]]*\s$/.test(this.buffer) && splitSentences(`${this.buffer}A`, this.options).length === 2) {
        const done = parts[0] ?? '';
        this.buffer = '';
        return done ? [done] : [];
      }
      return [];
    }
    // The last part may still grow; a trailing space is kept so the next word does not join it.
    this.buffer = parts[parts.length - 1]! + (/\s$/.test(this.buffer) ? ' ' : '');
    return parts.slice(0, -1);
  }

  end(): string[] {
    const rest = splitSentences(this.buffer, this.options);
    this.buffer = '';
    return rest;
  }
}
