/**
 * Text normalisation shared by every format: the output keeps the document's line structure (so a
 * question can cite "lines 12-14") but drops everything that is not visible text.
 */

// C0/C1 controls except tab/newline, zero-width characters, soft hyphen, and bidi overrides
// (which can make text read differently from how it is stored).
const INVISIBLE = /[\u0000-\u0008\u000B\u000E-\u001F\u007F-\u009F\u00AD\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;
const SPACES = /[\t\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]+/g;

export function normaliseLines(raw: string): string[] {
  const text = raw
    .normalize('NFKC')
    .replace(/\r\n?|[\u2028\u2029\f\v]/g, '\n')
    .replace(INVISIBLE, '');
  const out: string[] = [];
  for (const line of text.split('\n')) {
    const clean = line.replace(SPACES, ' ').replace(/ {2,}/g, ' ').trim();
    // At most one blank line in a row: blank lines separate sections, more carry no meaning.
    if (clean === '' && (out.length === 0 || out[out.length - 1] === '')) continue;
    out.push(clean);
  }
  while (out.length > 0 && out[out.length - 1] === '') out.pop();
  return out;
}

/** Letters and digits: what makes a document "have text". */
export function countWordChars(text: string): number {
  const m = text.match(/[\p{L}\p{N}]/gu);
  return m ? m.length : 0;
}
