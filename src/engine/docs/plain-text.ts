import { DocumentError } from './errors.ts';

/**
 * Decodes an uploaded text/markdown file. UTF-8 (with or without BOM) and UTF-16 with a BOM are
 * read as such; invalid UTF-8 falls back to Windows-1252, which is what most legacy editors wrote.
 * Binary content (NUL bytes, many control characters) is refused rather than shown as garbage.
 */
export function decodeText(bytes: Uint8Array, what = 'That file'): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return checkText(new TextDecoder('utf-16le').decode(bytes.subarray(2)), what);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return checkText(new TextDecoder('utf-16be').decode(bytes.subarray(2)), what);
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  if (looksBinary(body)) throw notText(what);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    text = new TextDecoder('windows-1252').decode(body);
  }
  return checkText(text, what);
}

/** True for bytes that are clearly not text: any NULs in volume, or many C0 controls. */
export function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 64 * 1024);
  if (n === 0) return false;
  let nul = 0;
  let ctrl = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b === 0) nul++;
    else if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) ctrl++;
  }
  return nul > 0 && nul / n > 0.001 ? true : ctrl / n > 0.02;
}

function checkText(text: string, what: string): string {
  let bad = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c === 0xfffd || c === 0 || (c < 0x20 && c !== 9 && c !== 10 && c !== 13 && c !== 12)) bad++;
  }
  if (text.length > 0 && bad / text.length > 0.02) throw notText(what);
  return text;
}

function notText(what: string): DocumentError {
  return new DocumentError(
    'unsupported_type',
    `${what} doesn't look like a text document. Please upload a PDF, a Word document (.docx), or a plain-text file.`,
  );
}
