import { getDocumentProxy, extractText } from 'unpdf';
import { describe, expect, test } from 'vitest';
import { DocumentError } from '../../../src/engine/docs/errors.ts';
import { parseDocument } from '../../../src/engine/docs/parse.ts';
import { itemsToLines } from '../../../src/engine/docs/pdf.ts';
import { makeEncryptedPdf } from './encrypted-pdf.ts';
import { fixtureText, makePdf, makeScannedPdf, paginate, RESUME_TXT } from './make-files.ts';
import { bombPdf, deflatedZeros } from './zip-bomb.ts';

async function refusal(p: Promise<unknown>): Promise<DocumentError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(DocumentError);
  return e as DocumentError;
}

const resumeLines = fixtureText(RESUME_TXT).trimEnd().split('\n');

describe('PDF documents', () => {
  test('a three-page resume PDF comes back as its lines, pages counted, in order', async () => {
    const bytes = await makePdf(paginate(resumeLines, 15));
    const doc = await parseDocument({ bytes, filename: 'Priya Raman CV.pdf', mimeType: 'application/pdf' });
    expect(doc.format).toBe('pdf');
    expect(doc.pages).toBe(3);
    expect(doc.kind).toBe('resume');
    expect(doc.lines[0]).toBe('Priya Raman');
    expect(doc.lines).toContain('Senior Software Engineer — Finch Payments, Bengaluru (Mar 2021 – Present)');
    expect(doc.lines).toContain('Languages: Java, Python, Go, TypeScript, SQL');
    expect(doc.text).toBe(doc.lines.join('\n'));
    expect(doc.text.indexOf('EXPERIENCE')).toBeLessThan(doc.text.indexOf('PROJECTS'));
    // The caller's buffer is still usable afterwards (the PDF reader gets a copy).
    expect(bytes.length).toBeGreaterThan(1000);
    const again = await parseDocument({ bytes, filename: 'other-name.pdf' });
    expect(again.id).toBe(doc.id);
  });

  test('a PDF over the page limit is refused with the page count in plain words', async () => {
    const bytes = await makePdf(Array.from({ length: 11 }, (_, i) => [`Page ${i + 1} of a very long resume with plenty of words`]));
    const e = await refusal(parseDocument({ bytes, filename: 'long.pdf' }));
    expect(e.code).toBe('too_many_pages');
    expect(e.message).toBe('That PDF has 11 pages; the limit is 10.');
    expect(e.retryable).toBe(false);
  });

  test('the page limit is configurable', async () => {
    const bytes = await makePdf(paginate(resumeLines, 15));
    const e = await refusal(parseDocument({ bytes, filename: 'r.pdf' }, { maxPages: 2 }));
    expect(e.message).toBe('That PDF has 3 pages; the limit is 2.');
  });

  test('a scanned PDF (only an image, no text layer) is refused as having no text', async () => {
    const e = await refusal(parseDocument({ bytes: await makeScannedPdf(), filename: 'scan.pdf' }));
    expect(e.code).toBe('no_text');
    expect(e.message).toMatch(/scanned/);
  });

  test('a password-protected PDF is recognised as encrypted', async () => {
    const bytes = makeEncryptedPdf('s3cret', 'owner', 'Confidential resume of Priya Raman');
    // The fixture is a real encrypted PDF: with the password, its text reads back.
    const opened = await extractText(await getDocumentProxy(bytes.slice(), { password: 's3cret' }), { mergePages: true });
    expect(opened.text).toBe('Confidential resume of Priya Raman');
    const e = await refusal(parseDocument({ bytes, filename: 'locked.pdf' }));
    expect(e.code).toBe('encrypted');
    expect(e.message).toMatch(/password-protected/);
  });

  test('a PDF protected only by an owner password (opens without one) is read normally', async () => {
    const bytes = makeEncryptedPdf('', 'owner', 'Backend engineer resume with Kafka and PostgreSQL');
    const doc = await parseDocument({ bytes, filename: 'r.pdf' });
    expect(doc.lines).toEqual(['Backend engineer resume with Kafka and PostgreSQL']);
  });

  test('a truncated or fake PDF is reported as damaged, without internals in the message', async () => {
    const good = await makePdf(paginate(resumeLines, 15));
    for (const bytes of [good.slice(0, 400), new TextEncoder().encode('%PDF-1.7\nnot really a pdf')]) {
      const e = await refusal(parseDocument({ bytes, filename: 'r.pdf' }));
      expect(e.code).toBe('corrupt');
      expect(e.message).not.toMatch(/exception|pdf\.js|stack|undefined/i);
    }
  });

  test('a PDF whose content stream inflates to 200 MB is refused before the reader decodes it', async () => {
    const bytes = await bombPdf(await deflatedZeros(200, 'zlib'));
    expect(bytes.length).toBeLessThan(300 * 1024);
    const before = process.memoryUsage().rss;
    const e = await refusal(parseDocument({ bytes, filename: 'resume.pdf' }));
    expect(e.code).toBe('zip_bomb');
    expect(e.message).toMatch(/That PDF would expand to more than 50 MB/);
    expect(process.memoryUsage().rss - before).toBeLessThan(100 * 1024 * 1024);
  });

  test('text items on one baseline become one line; a baseline change starts the next', () => {
    const t = (str: string, x: number, y: number, width: number, hasEOL = false) => ({ str, transform: [10, 0, 0, 10, x, y], width, hasEOL });
    expect(
      itemsToLines([t('Senior Engineer', 50, 700, 80), t('2021 – Present', 400, 700, 60), t('Built Ledgerline', 50, 686, 70, true), t('', 0, 0, 0, true), t('Next', 50, 660, 20)]),
    ).toEqual(['Senior Engineer 2021 – Present', 'Built Ledgerline', '', 'Next']);
  });
});

test('a PDF handed over as a Node Buffer (as downloads arrive) parses like a Uint8Array', async () => {
  const pdf = await makePdf(paginate(fixtureText(RESUME_TXT).split('\n'), 40));
  const fromBuffer = await parseDocument({ bytes: Buffer.from(pdf), filename: 'resume.pdf' });
  const fromArray = await parseDocument({ bytes: pdf, filename: 'resume.pdf' });
  expect(fromBuffer.lines).toEqual(fromArray.lines);
});
