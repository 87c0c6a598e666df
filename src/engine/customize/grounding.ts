import { looksLikeInstruction } from '../docs/injection.ts';
import { defaultSkillMatcher, type SkillMatcher } from '../docs/skill-matcher.ts';
import type { CleanDoc } from './clean-doc.ts';
import type { Ref } from './facts.ts';

/**
 * Checks, in code, that a question is about what the documents say: its citations point at real,
 * non-instruction lines and quote them, and every name, technology and number in its text is
 * written in the lines it cites. Used on model-written questions (and by tests on every question).
 */

/** Words that may start a sentence of a question without being a name. */
const STARTERS = new Set(
  `a an and as at after before both but by can could describe did do does during each explain for from given have how i if imagine
  in is it let let's looking many my now of on or our picture please say share since so some suppose talk tell that the then there
  these think this those to walk was we were what when where which who why will with would you your you've you'd you're you'll
  compare consider reflect name give suppose assuming`.split(/\s+/),
);
/** Capitalised words that are never names. */
const NEVER_NAMES = new Set(['i', "i'd", "i'm", "i've", "i'll", 'ok', 'okay']);

function norm(s: string): string {
  return s
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/[\u2013\u2014]/g, '-')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Names, technologies and numbers a question mentions: capitalised words (except common
 * sentence starters), lexicon skills (any case), and figures.
 */
export function namedTerms(text: string, matcher: SkillMatcher = defaultSkillMatcher()): string[] {
  const terms = new Set<string>();
  const re = /[\p{L}\p{N}][\p{L}\p{N}.+#'’/-]*/gu;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    // A possessive names the same thing: "Ledgerline's" is about Ledgerline.
    const word = m[0].replace(/['’]s$/, '').replace(/[.'’/-]+$/, '');
    const before = text.slice(0, m.index).trimEnd();
    const sentenceStart = /(^|[.?!:]["”']?)\s*["“]?$/.test(before);
    if (/\d/.test(word)) {
      for (const n of word.match(/\d[\d,.]*\d|\d/g) ?? []) terms.add(n);
      continue;
    }
    if (!/^\p{Lu}/u.test(word) || NEVER_NAMES.has(word.toLowerCase())) continue;
    if (sentenceStart && STARTERS.has(word.toLowerCase())) continue;
    terms.add(word);
  }
  for (const s of matcher.find(text)) terms.add(s.text);
  return [...terms];
}

/** Terms of `text` that the cited text does not contain (case-insensitive). Empty = grounded. */
export function ungroundedTerms(text: string, cited: string, matcher: SkillMatcher = defaultSkillMatcher()): string[] {
  const hay = norm(cited);
  const citedSkills = new Set(matcher.names(cited));
  const skillOf = new Map(matcher.find(text).map((m) => [m.text, m.skill]));
  return namedTerms(text, matcher).filter((t) => {
    if (hay.includes(norm(t))) return false;
    const skill = skillOf.get(t);
    return !(skill && citedSkills.has(skill));
  });
}

export interface RefCheck {
  ok: boolean;
  reason?: string;
  /** The cited original lines joined, when ok. */
  text?: string;
  doc?: CleanDoc;
}

/** A citation must name a document, point at existing non-instruction lines, and quote them. */
export function checkRef(r: Ref, docsByName: Map<string, CleanDoc[]>, maxSpan = 5): RefCheck {
  const candidates = docsByName.get(r.source) ?? [];
  if (!candidates.length) return { ok: false, reason: `unknown source "${String(r.source).slice(0, 60)}"` };
  if (!Number.isInteger(r.lineStart) || !Number.isInteger(r.lineEnd) || r.lineStart < 1 || r.lineEnd < r.lineStart || r.lineEnd - r.lineStart >= maxSpan) {
    return { ok: false, reason: `bad line range ${r.lineStart}-${r.lineEnd}` };
  }
  const quote = norm(String(r.quote ?? '').replace(/^["'“‘\s]+|["'”’\s]+$/g, ''));
  if (quote.replace(/[^\p{L}\p{N}]/gu, '').length < 4) return { ok: false, reason: 'quote too short' };
  let last: string | undefined;
  for (const d of candidates) {
    if (r.lineEnd > d.original.lines.length) {
      last = `line ${r.lineEnd} does not exist in ${r.source}`;
      continue;
    }
    const nums = Array.from({ length: r.lineEnd - r.lineStart + 1 }, (_, i) => r.lineStart + i);
    if (nums.some((n) => d.flagged.includes(n))) {
      last = 'cites a line written as an instruction';
      continue;
    }
    const text = nums.map((n) => d.original.lines[n - 1] ?? '').join('\n');
    if (!text.trim()) {
      last = 'cites empty lines';
      continue;
    }
    if (!norm(text).includes(quote)) {
      last = `quote is not in ${r.source} lines ${r.lineStart}-${r.lineEnd}`;
      continue;
    }
    return { ok: true, text, doc: d };
  }
  return { ok: false, reason: last ?? 'citation does not match' };
}

/** Whether a question's own words read as an instruction or talk about scores. */
export function unsafeQuestionText(text: string): boolean {
  return looksLikeInstruction(text) || /\b\d\s*\/\s*(5|10)\b/.test(text) || /\b(score|rating|rated|grade)\b/i.test(text);
}
