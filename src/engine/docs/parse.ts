import { createHash } from 'node:crypto';
import { claimedFormat, isEncryptedOfficeFile, sniff } from './detect.ts';
import { extractDocx } from './docx.ts';
import { DocumentError, formatBytes } from './errors.ts';
import { isolatedParse as parseIsolated } from './isolated.ts';
import { guessKind } from './kind.ts';
import { resolveLimits, type DocumentLimits } from './limits.ts';
import { countWordChars, normaliseLines } from './normalise.ts';
import { extractPdf } from './pdf.ts';
import { checkPdfStreams } from './pdf-streams.ts';
import { decodeText } from './plain-text.ts';
import type { DocumentFormat, DocumentInput, ParsedDocument } from './types.ts';

const SUPPORTED = 'Please upload a PDF, a Word document (.docx), or a plain-text file.';

function unsupported(what: string): DocumentError {
  return new DocumentError('unsupported_type', `${what} ${SUPPORTED}`);
}

/**
 * The name shown in citations ("resume.pdf lines 12-14"): no directories (browsers send
 * "C:\\fakepath\\..."), no control characters, and a sane length.
 */
export function cleanFilename(name: unknown): string {
  const base = (typeof name === 'string' ? name : '').split(/[\\/]/).pop() ?? '';
  const clean = base.replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g, '').trim();
  if (clean === '') return 'document';
  return clean.length <= 120 ? clean : `${clean.slice(0, 100)}…${clean.slice(-19)}`;
}

/** A PDF needs at least this many letters/digits; fewer means a scan or an image-only export. */
const PDF_MIN_WORD_CHARS = 20;

/**
 * Reads a resume or job description into normalised lines. Every failure a user can cause is a
 * DocumentError with a message safe to show them; nothing else escapes, whatever the bytes are.
 * PDFs and zips (DOCX) are decoded only in the isolated parser process (isolated.ts), never here:
 * their compressed streams are where hostile files do their damage.
 */
export async function parseDocument(input: DocumentInput, limits?: Partial<DocumentLimits>): Promise<ParsedDocument> {
  const lim = resolveLimits(limits);
  const bytes = input?.bytes;
  if (bytes instanceof Uint8Array && bytes.length > 0 && bytes.length <= lim.maxBytes) {
    const kind = sniff(bytes);
    if (kind === 'pdf' || kind === 'zip') return parseIsolated(input, lim);
  }
  return parseDocumentHere(input, lim);
}

/** The parse itself, in whichever process calls it (the isolated parser runs this for PDFs and DOCX). */
export async function parseDocumentHere(input: DocumentInput, limits?: Partial<DocumentLimits>): Promise<ParsedDocument> {
  const lim = resolveLimits(limits);
  try {
    return await parse(input, lim);
  } catch (e) {
    if (e instanceof DocumentError) throw e;
    throw new DocumentError('corrupt', 'That file could not be read. It may be damaged; please save it again and retry.', { cause: e });
  }
}

async function parse(input: DocumentInput, lim: DocumentLimits): Promise<ParsedDocument> {
  const bytes = input?.bytes;
  if (!(bytes instanceof Uint8Array)) throw new DocumentError('empty', 'No file was received. Please attach your document and try again.');
  const filename = cleanFilename(input.filename);
  if (bytes.length === 0) throw new DocumentError('empty', 'That file is empty.');
  if (bytes.length > lim.maxBytes) {
    throw new DocumentError('too_large', `That file is ${formatBytes(bytes.length)}; the limit is ${formatBytes(lim.maxBytes)}.`);
  }

  const claimed = claimedFormat(filename, input.mimeType);
  let format: DocumentFormat;
  let raw: string;
  let pages: number | undefined;
  switch (sniff(bytes)) {
    case 'pdf': {
      checkPdfStreams(bytes, lim.maxUncompressedBytes);
      const pdf = await extractPdf(bytes, lim);
      format = 'pdf';
      raw = pdf.lines.join('\n');
      pages = pdf.pages;
      break;
    }
    case 'zip':
      format = 'docx';
      raw = await extractDocx(bytes, {
        maxUncompressedBytes: lim.maxUncompressedBytes,
        maxCompressionRatio: lim.maxCompressionRatio,
      });
      break;
    case 'cfb':
      if (isEncryptedOfficeFile(bytes)) {
        throw new DocumentError('encrypted', 'That Word document is password-protected. Please remove the password and upload it again.');
      }
      throw unsupported('Older Word (.doc) files are not supported; please save it as .docx or PDF.');
    case 'image':
      throw unsupported("That's an image, and text can't be read from images.");
    case 'rtf':
      throw unsupported('RTF files are not supported.');
    case 'binary':
      throw unsupported("That file type isn't supported.");
    case 'unknown':
      if (claimed === 'pdf') throw new DocumentError('corrupt', "That file is named as a PDF but isn't a valid PDF. Please export it again and retry.");
      if (claimed === 'docx' || claimed === 'doc') {
        throw new DocumentError('corrupt', "That file is named as a Word document but isn't a valid one. Please re-save it and retry.");
      }
      format = claimed === 'md' ? 'md' : 'txt';
      raw = decodeText(bytes);
      break;
  }

  const lines = normaliseLines(raw);
  const text = lines.join('\n');
  if (text.length > lim.maxChars) {
    throw new DocumentError(
      'too_large',
      `That document has ${text.length.toLocaleString('en-US')} characters of text; the limit is ${lim.maxChars.toLocaleString('en-US')}.`,
    );
  }
  const wordChars = countWordChars(text);
  if (format === 'pdf' && wordChars < PDF_MIN_WORD_CHARS) {
    throw new DocumentError(
      'no_text',
      'That PDF has no selectable text; it looks like a scanned image. Please upload a text-based PDF or a Word document, or paste the text.',
    );
  }
  if (wordChars === 0) throw new DocumentError('empty', 'That document has no text in it.');

  const doc: ParsedDocument = {
    id: createHash('sha256').update(bytes).digest('hex').slice(0, 16),
    filename,
    kind: input.kind === 'resume' || input.kind === 'job-description' ? input.kind : guessKind(lines),
    format,
    text,
    lines,
  };
  if (pages !== undefined) doc.pages = pages;
  return doc;
}

/**
 * Wraps pasted text (e.g. a job description typed into a form) as a document, under the same
 * character limit and emptiness rule as an upload.
 */
export function parsedFromText(
  text: string,
  opts: { filename: string; kind?: ParsedDocument['kind']; limits?: Partial<DocumentLimits> },
): ParsedDocument {
  const lines = normaliseLines(typeof text === 'string' ? text : '');
  const joined = lines.join('\n');
  const { maxChars } = resolveLimits(opts.limits);
  if (joined.length > maxChars) {
    throw new DocumentError(
      'too_large',
      `That text has ${joined.length.toLocaleString('en-US')} characters; the limit is ${maxChars.toLocaleString('en-US')}.`,
    );
  }
  if (countWordChars(joined) === 0) throw new DocumentError('empty', 'That text is empty.');
  return {
    id: createHash('sha256').update(joined).digest('hex').slice(0, 16),
    filename: cleanFilename(opts.filename),
    kind: opts.kind ?? guessKind(lines),
    format: 'txt',
    text: joined,
    lines,
  };
}
