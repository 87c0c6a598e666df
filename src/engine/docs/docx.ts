import mammoth from 'mammoth';
import { DocumentError } from './errors.ts';
import { inspectZip, verifyZipSizes, type ZipBudget } from './zip-inspect.ts';

/**
 * DOCX text. The zip is inspected and its sizes proven honest *before* mammoth (and the jszip it
 * uses) decompresses anything, so a zip bomb is refused without being expanded.
 */
export async function extractDocx(bytes: Uint8Array, budget: ZipBudget): Promise<string> {
  const entries = inspectZip(bytes, budget);
  if (!entries.some((e) => e.name === 'word/document.xml')) {
    const what = entries.some((e) => e.name.startsWith('xl/'))
      ? 'a spreadsheet'
      : entries.some((e) => e.name.startsWith('ppt/'))
        ? 'a presentation'
        : 'a zip archive';
    throw new DocumentError(
      'unsupported_type',
      `That file is ${what}, not a Word document. Please upload a PDF, a Word document (.docx), or a plain-text file.`,
    );
  }
  verifyZipSizes(bytes, entries, budget);
  try {
    const result = await mammoth.extractRawText({ buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) });
    // mammoth ends every paragraph with a blank line; one paragraph per line keeps line numbers meaningful.
    return result.value.replace(/\n\n/g, '\n');
  } catch (e) {
    throw new DocumentError('corrupt', 'That Word document is damaged and could not be read. Please re-save it and try again.', { cause: e });
  }
}
