/** Talk of scores or ratings: never allowed in lines a model writes for the candidate. */
export const SCORE_TALK = /\b\d(\.\d)?\s*(\/|out of)\s*(5|five|10|ten)\b|\b(scor(e|ed|ing)|rating|rated|grade|graded)\b/i;

/** One plain line: no markup, no line breaks, bounded length. */
export function cleanLine(s: string, max: number): string {
  const t = s.replace(/[*_`#>]+/g, '').replace(/\s+/g, ' ').trim();
  return clipWords(t, max);
}

/** `t` within `max` characters, cut at a word boundary with an ellipsis, so a quote never ends mid-word (unless one word fills most of the room). */
export function clipWords(t: string, max: number): string {
  if (t.length <= max) return t;
  const space = t.lastIndexOf(' ', max - 1);
  return `${t.slice(0, space > max * 0.6 ? space : max - 1).trimEnd()}…`;
}
