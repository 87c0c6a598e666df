import { getResolvedPDFJS } from 'unpdf';
import { DocumentError } from './errors.ts';

export interface PdfText {
  pages: number;
  /** Raw (not yet normalised) lines, pages separated by an empty line. */
  lines: string[];
}

interface TextItemLike {
  str?: string;
  hasEOL?: boolean;
  transform?: number[];
  width?: number;
  height?: number;
}

/**
 * Rebuilds visual lines from PDF text items. Items on the same baseline are joined (with a space when
 * there is a visible gap); a change of baseline or an explicit end-of-line starts a new line.
 */
export function itemsToLines(items: TextItemLike[]): string[] {
  const lines: string[] = [];
  let line = '';
  let lastY: number | undefined;
  let lastEndX: number | undefined;
  for (const item of items) {
    if (typeof item.str !== 'string') continue;
    const x = item.transform?.[4] ?? 0;
    const y = item.transform?.[5] ?? 0;
    const size = Math.max(1, Math.abs(item.transform?.[3] ?? item.height ?? 10));
    if (item.str !== '') {
      if (lastY !== undefined && Math.abs(y - lastY) > size * 0.5) {
        lines.push(line);
        line = '';
        lastEndX = undefined;
      } else if (line !== '' && lastEndX !== undefined && x - lastEndX > size * 0.15 && !/\s$/.test(line) && !/^\s/.test(item.str)) {
        line += ' ';
      }
      line += item.str;
      lastY = y;
      lastEndX = x + (item.width ?? 0);
    }
    if (item.hasEOL) {
      lines.push(line);
      line = '';
      lastY = undefined;
      lastEndX = undefined;
    }
  }
  if (line !== '') lines.push(line);
  return lines;
}

function errorName(e: unknown): string {
  return typeof e === 'object' && e !== null && 'name' in e ? String((e as { name: unknown }).name) : '';
}

export async function extractPdf(bytes: Uint8Array, opts: { maxPages: number; timeoutMs: number }): Promise<PdfText> {
  const { getDocument } = await getResolvedPDFJS();
  // PDF.js may transfer (detach) the buffer it is given: hand it a copy so the caller's bytes survive.
  // The copy must be a plain Uint8Array: PDF.js refuses a Node Buffer (whose slice() is a Buffer too).
  const task = getDocument({
    data: new Uint8Array(bytes),
    verbosity: 0,
    enableXfa: false,
    disableFontFace: true,
    useSystemFonts: false,
    stopAtErrors: false,
  });
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new DocumentError('corrupt', 'That PDF took too long to read. Please export it again as a simple PDF and retry.')),
      opts.timeoutMs,
    );
  });
  try {
    return await Promise.race([read(), timeout]);
  } catch (e) {
    if (e instanceof DocumentError) throw e;
    const name = errorName(e);
    if (name === 'PasswordException') {
      throw new DocumentError('encrypted', 'That PDF is password-protected. Please remove the password (or print it to a new PDF) and upload it again.', { cause: e });
    }
    throw new DocumentError('corrupt', 'That PDF is damaged and could not be read. Please export it again and retry.', { cause: e });
  } finally {
    clearTimeout(timer);
    await task.destroy().catch(() => undefined);
  }

  async function read(): Promise<PdfText> {
    const pdf = await task.promise;
    const pages = pdf.numPages;
    // Refuse before reading any page text: page count is known from the page tree alone.
    if (pages > opts.maxPages) {
      throw new DocumentError('too_many_pages', `That PDF has ${pages} pages; the limit is ${opts.maxPages}.`);
    }
    const lines: string[] = [];
    for (let n = 1; n <= pages; n++) {
      const page = await pdf.getPage(n);
      const content = await page.getTextContent();
      if (n > 1) lines.push('');
      lines.push(...itemsToLines(content.items as TextItemLike[]));
      page.cleanup();
    }
    return { pages, lines };
  }
}
