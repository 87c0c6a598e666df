/**
 * Reads the running transcript of an answer and says whether it sounds finished. People
 * pause to think in the middle of sentences ("and then I...", "so the", "um"), in the
 * middle of a list they announced ("three things: first..."), and after a finished
 * thought; only the last kind should let Alex speak after a short silence.
 *
 * Whisper-style transcripts carry punctuation, which is the strongest hint; the last word
 * decides when it is one that cannot end an English sentence (articles, conjunctions,
 * prepositions, auxiliaries, subject pronouns, fillers).
 */

export type TurnJudgement = 'complete' | 'incomplete' | 'unsure';

export interface TurnVerdict {
  judgement: TurnJudgement;
  reason: string;
}

/** Words after which a sentence almost never ends, even when the transcript put a period there. */
const HARD = new Set([
  // articles, determiners, possessives
  'a', 'an', 'the', 'my', 'our', 'your', 'their', 'his', 'every', 'each', 'another',
  // conjunctions and connectives
  'and', 'or', 'but', 'because', 'although', 'though', 'whereas', 'if', 'unless', 'than', 'plus', 'nor', 'whether',
  // prepositions
  'of', 'to', 'in', 'at', 'for', 'with', 'from', 'by', 'into', 'onto', 'between', 'through', 'during', 'without', 'towards', 'toward', 'against', 'via', 'per',
  // subject pronouns and contractions that need a verb or a complement
  'i', 'we', 'they', 'he', 'she', "i'm", "we're", "they're", "you're", "it's", "that's", "there's", "i've", "we've", "i'd", "we'd", "i'll", "we'll",
  // thinking sounds
  'um', 'umm', 'uh', 'uhh', 'er', 'erm',
]);

/** Words that end sentences only now and then ("we did.", "I could."): finished if punctuated so, else not. */
const SOFT = new Set([
  'so', 'since', 'while', 'until', 'which', 'who', 'also', 'then', 'on', 'about', 'over', 'under', 'like', 'as', 'within', 'across',
  'is', 'are', 'was', 'were', 'be', 'been', 'being', 'am', 'have', 'has', 'had', 'do', 'does', 'did', 'will', 'would', 'can', 'could', 'should', 'may', 'might', 'must',
  'this', 'these', 'those', 'some', 'any', 'such', 'its', 'very', 'just', 'basically', 'actually', 'hmm', 'mm', 'ah',
]);

/** A whole utterance of only these is someone starting to think, not an answer. */
const FILLERS = new Set(['um', 'umm', 'uh', 'uhh', 'er', 'erm', 'hmm', 'mm', 'ah', 'so', 'well', 'okay', 'ok', 'right', 'yeah', 'basically', 'let', 'me', 'see', 'think', 'i', 'oh']);

const NUMBER_WORDS: Record<string, number> = { two: 2, three: 3, four: 4, five: 5, six: 6, '2': 2, '3': 3, '4': 4, '5': 5, '6': 6 };
const LIST_NOUNS = 'things|reasons|steps|ways|points|parts|areas|lessons|options|approaches|factors|ideas|changes|problems|challenges|stages|phases|goals|examples|main|key|big|major|important|aspects|components|pieces';
const ANNOUNCED = new RegExp(`\\b(two|three|four|five|six|[2-6])\\s+(?:\\w+\\s+)?(?:${LIST_NOUNS})\\b`, 'gi');
const ORDINALS = /\b(first(?:ly)?|second(?:ly)?|third(?:ly)?|fourth(?:ly)?|fifth|sixth|next|then|finally|lastly|last(?:ly)?|number (?:one|two|three|four|five)|one is|another (?:one )?is)\b/gi;
const CLOSING = /\b(finally|lastly|last but not least|and last(?:ly)?|the last (?:one|thing))\b/i;

export interface JudgeOptions {
  /**
   * Whether this transcriber writes punctuation (false: none seen in the interview so far).
   * Without it a missing period says nothing, so the words alone decide.
   */
  punctuates?: boolean;
}

/** Judges the running transcript of one answer (all pieces so far, joined). */
export function judgeTranscript(text: string, opts: JudgeOptions = {}): TurnVerdict {
  const t = text.replace(/\s+/g, ' ').trim();
  if (!t) return { judgement: 'unsure', reason: 'no words yet' };
  const words = t.toLowerCase().match(/[\p{L}\p{N}']+/gu) ?? [];
  if (words.length === 0) return { judgement: 'unsure', reason: 'no words yet' };
  if (words.every((w) => FILLERS.has(w))) return { judgement: 'incomplete', reason: 'only thinking words' };

  // Trailing off: an ellipsis, a dash, a comma, a colon or semicolon.
  if (/(\.\.\.|…|[-–—,:;])\s*["'”’)\]]*$/.test(t)) return { judgement: 'incomplete', reason: 'trails off' };
  const last = words[words.length - 1]!;
  if (HARD.has(last)) return { judgement: 'incomplete', reason: `ends on "${last}"` };

  const list = openList(t);
  if (list) return { judgement: 'incomplete', reason: list };

  const punctuated = /[.!?]\s*["'”’)\]]*$/.test(t);
  if (SOFT.has(last)) return punctuated ? { judgement: 'complete', reason: `sentence ends on "${last}"` } : { judgement: 'incomplete', reason: `ends on "${last}"` };
  if (punctuated) return { judgement: 'complete', reason: 'ends a sentence' };
  if (opts.punctuates === false) return { judgement: 'complete', reason: 'ends on a content word (transcripts carry no punctuation)' };
  return { judgement: 'unsure', reason: 'no closing punctuation' };
}

/** "There are three reasons. First, cost." announces three items and has given one. */
function openList(t: string): string | null {
  let announced = 0;
  let announcedAt = -1;
  for (const m of t.matchAll(ANNOUNCED)) {
    announced = NUMBER_WORDS[m[1]!.toLowerCase()] ?? 0;
    announcedAt = m.index + m[0].length;
  }
  if (announced < 2) return null;
  const after = t.slice(announcedAt);
  if (CLOSING.test(after)) return null;
  const given = [...after.matchAll(ORDINALS)].length;
  return given < announced ? `announced ${announced} items, gave ${given}` : null;
}
