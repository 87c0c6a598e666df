/**
 * Listening noises ("mm-hmm", "yeah", "okay", "right") said while Alex talks are the
 * candidate following along, not taking the turn. Only words beyond them count towards
 * an interruption.
 */
const BACKCHANNEL = new Set([
  'mm', 'mmm', 'mhm', 'mm-hmm', 'mmhmm', 'mm-hm', 'hmm', 'hm', 'uh-huh', 'uhhuh', 'uh', 'um', 'ah', 'oh', 'aha',
  'yeah', 'yea', 'yep', 'yup', 'yes', 'ok', 'okay', 'right', 'sure', 'alright', 'cool', 'nice', 'great', 'wow', 'true', 'exactly', 'totally', 'got', 'it', 'i', 'see',
]);

/** Words in `text` that are not listening noises. */
export function substantiveWords(text: string): number {
  const words = text.toLowerCase().match(/[\p{L}\p{N}'-]+/gu) ?? [];
  return words.filter((w) => !BACKCHANNEL.has(w.replace(/^-+|-+$/g, ''))).length;
}
