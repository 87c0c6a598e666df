/**
 * Splits text into chunks of at most `maxLen` UTF-16 units (what Discord and Slack count against,
 * or stricter) for message, embed and block limits.
 *
 * Cuts prefer a paragraph break in the second half of the window, then any line break, then a
 * space; a single word longer than the limit is the only thing ever cut mid-word. The whitespace
 * at a cut is dropped; nothing else is. A blockquote line (`> `) cut mid-line carries its
 * prefix into the next chunk so the quote stays a quote, and an open ``` fence is closed at
 * the end of a chunk and reopened at the start of the next.
 */
export function splitText(text: string, maxLen: number): string[] {
  if (!Number.isInteger(maxLen) || maxLen < 40) throw new RangeError(`splitText: maxLen must be an integer >= 40, got ${maxLen}`);
  if (text.length <= maxLen) return text.trim() ? [text] : [];
  const fenced = text.includes('```');
  // Room for a closing fence ("\n```") when a chunk ends inside a code block.
  const budget = fenced ? maxLen - 4 : maxLen;
  const chunks: string[] = [];
  let rest = text;
  // Length of what this function put at the start of `rest` (a carried quote or fence); every
  // cut must pass it, so each round consumes original text and the loop always ends.
  let carried = 0;
  while (rest.length > maxLen) {
    const { end, resume, quotePrefix } = findCut(rest, budget, carried);
    let chunk = rest.slice(0, end);
    let next = rest.slice(resume);
    carried = 0;
    if (quotePrefix && next) {
      next = quotePrefix + next;
      carried = quotePrefix.length;
    }
    if (fenced) {
      const fence = openFence(chunk);
      if (fence !== null) {
        chunk += '\n```';
        // Keep a short language tag (```ts) when reopening; a long info string is not worth the room.
        const reopen = '```' + (fence.length <= 12 ? fence : '') + '\n';
        next = reopen + next;
        carried += reopen.length;
      }
    }
    if (chunk.trim()) chunks.push(chunk);
    rest = next;
  }
  if (rest.trim()) chunks.push(rest);
  return chunks;
}

interface Cut {
  /** The chunk is rest[0, end). */
  end: number;
  /** The next chunk starts at rest[resume]; rest[end, resume) is the whitespace dropped at the cut. */
  resume: number;
  quotePrefix?: string;
}

function findCut(rest: string, budget: number, minEnd: number): Cut {
  const window = rest.slice(0, budget + 1);
  const para = window.lastIndexOf('\n\n', budget - 1);
  if (para >= budget / 2 && para > minEnd) return { end: para, resume: skipNewlines(rest, para) };
  const line = window.lastIndexOf('\n', budget);
  if (line > minEnd) return { end: line, resume: line + 1 };
  const space = lastSpace(window, budget);
  if (space > minEnd) {
    // The quote marker of the line being cut (the last line of this chunk).
    const lineStart = rest.lastIndexOf('\n', space) + 1;
    const m = /^[ \t]*>[ \t]?/.exec(rest.slice(lineStart, space));
    const quote = m && m[0].length <= 8 ? m[0] : undefined;
    let resume = space;
    while (resume < rest.length && (rest[resume] === ' ' || rest[resume] === '\t')) resume++;
    let end = space;
    while (end > 0 && (rest[end - 1] === ' ' || rest[end - 1] === '\t')) end--;
    if (end > minEnd && end > lineStart + (quote?.length ?? 0)) return quote ? { end, resume, quotePrefix: quote } : { end, resume };
  }
  // One unbroken word longer than the limit: a hard cut, never inside a surrogate pair.
  let end = budget;
  const code = rest.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end -= 1;
  return { end, resume: end };
}

function skipNewlines(s: string, i: number): number {
  while (i < s.length && s[i] === '\n') i++;
  return i;
}

/** Index of the last space or tab at or before `limit`, or -1. */
function lastSpace(s: string, limit: number): number {
  for (let i = Math.min(limit, s.length - 1); i > 0; i--) if (s[i] === ' ' || s[i] === '\t') return i;
  return -1;
}

/** The info string of a ``` fence left open at the end of `chunk`, or null when all fences are closed. */
function openFence(chunk: string): string | null {
  let open: string | null = null;
  for (const line of chunk.split('\n')) {
    const m = /^\s*```(.*)$/.exec(line);
    if (m) open = open === null ? m[1]!.trim() : null;
  }
  return open;
}

/** `text` cut to `maxLen` at a word boundary where possible, with an ellipsis when anything was cut. */
export function truncate(text: string, maxLen: number): string {
  if (text.length <= maxLen) return text;
  if (maxLen <= 1) return '…'.slice(0, maxLen);
  let end = maxLen - 1;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end -= 1;
  const space = text.lastIndexOf(' ', end);
  if (space > maxLen * 0.6) end = space;
  return text.slice(0, end).trimEnd() + '…';
}
