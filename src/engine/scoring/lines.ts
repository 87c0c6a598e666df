/** Talk of scores or ratings: never allowed in lines a model writes for the candidate. */
export const SCORE_TALK = /\b\d(\.\d)?\s*(\/|out of)\s*(5|five|10|ten)\b|\b(scor(e|ed|ing)|rating|rated|grade|graded)\b/i;

/** One plain line: no markup, no line breaks, bounded length. */
export function cleanLine(s: string, max: number): string {
  const t = s.replace(/[*_`#>]+/g, '').replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max - 1).trimEnd()}…` : t;
}
