import { describe, expect, test } from 'vitest';
import { DocumentError } from '../../../src/engine/docs/errors.ts';
import { parseDocument } from '../../../src/engine/docs/parse.ts';
import { fixtureText, makeDocx, RESUME_TXT, storedEntry, writeZip } from './make-files.ts';
import { bombDocx, deflatedZeros } from './zip-bomb.ts';

async function refusal(p: Promise<unknown>): Promise<DocumentError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(DocumentError);
  return e as DocumentError;
}

describe('Word documents', () => {
  test('a DOCX resume reads back one paragraph per line', async () => {
    const paragraphs = fixtureText(RESUME_TXT).trimEnd().split('\n');
    const bytes = await makeDocx(paragraphs);
    const doc = await parseDocument({ bytes, filename: 'resume.docx' });
    expect(doc.format).toBe('docx');
    expect(doc.pages).toBeUndefined();
    expect(doc.lines).toEqual(paragraphs);
  });

  test('format comes from the bytes, not the name: a DOCX named .txt is still read as DOCX', async () => {
    const doc = await parseDocument({ bytes: await makeDocx(['Priya Raman', 'Backend Engineer']), filename: 'resume.txt', mimeType: 'text/plain' });
    expect(doc.format).toBe('docx');
    expect(doc.lines).toEqual(['Priya Raman', 'Backend Engineer']);
  });

  test('a zip bomb declaring 200 MB for word/document.xml is refused before anything is inflated', async () => {
    const zeros = await deflatedZeros(200);
    const bytes = bombDocx(zeros, 'honest');
    expect(bytes.length).toBeLessThan(300 * 1024); // small upload, well under the size limit
    const before = process.memoryUsage().rss;
    const e = await refusal(parseDocument({ bytes, filename: 'resume.docx' }));
    expect(e.code).toBe('zip_bomb');
    expect(e.message).toMatch(/more than 50 MB/);
    expect(process.memoryUsage().rss - before).toBeLessThan(100 * 1024 * 1024);
  });

  test('a zip bomb that lies about its size is stopped at the declared size while being checked', async () => {
    const zeros = await deflatedZeros(120);
    const before = process.memoryUsage().rss;
    const e = await refusal(parseDocument({ bytes: bombDocx(zeros, 'lying'), filename: 'resume.docx' }));
    expect(e.code).toBe('zip_bomb');
    expect(e.message).toMatch(/more data than it declares/);
    expect(process.memoryUsage().rss - before).toBeLessThan(100 * 1024 * 1024);
  });

  test('an extreme compression ratio is refused even under the total size limit', async () => {
    const zeros = await deflatedZeros(20);
    const e = await refusal(parseDocument({ bytes: bombDocx(zeros, 'honest'), filename: 'r.docx' }));
    expect(e.code).toBe('zip_bomb');
  });

  test('a zip with thousands of entries is refused', async () => {
    const entries = Array.from({ length: 6000 }, (_, i) => storedEntry(`word/media/x${i}.xml`, 'x'));
    entries.push(storedEntry('word/document.xml', '<w:document/>'));
    const e = await refusal(parseDocument({ bytes: writeZip(entries), filename: 'r.docx' }));
    expect(e.code).toBe('zip_bomb');
    expect(e.message).toMatch(/6001 files/);
  });

  test('a zip that is not a Word document is an unsupported type', async () => {
    const xlsx = writeZip([storedEntry('xl/workbook.xml', '<workbook/>')]);
    const e = await refusal(parseDocument({ bytes: xlsx, filename: 'resume.docx' }));
    expect(e.code).toBe('unsupported_type');
    expect(e.message).toMatch(/spreadsheet/);
  });

  test('a zip with encrypted entries is reported as password-protected', async () => {
    const entry = { ...storedEntry('word/document.xml', '<w:document/>'), flags: 1 };
    const e = await refusal(parseDocument({ bytes: writeZip([entry]), filename: 'r.docx' }));
    expect(e.code).toBe('encrypted');
  });

  test('a password-protected Office file (OLE container with EncryptedPackage) is reported as encrypted', async () => {
    const ole = new Uint8Array(2048);
    ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    ole.set(Buffer.from('EncryptedPackage', 'utf16le'), 1024);
    const e = await refusal(parseDocument({ bytes: ole, filename: 'resume.docx' }));
    expect(e.code).toBe('encrypted');
    const legacy = await refusal(parseDocument({ bytes: ole.slice(0, 1000), filename: 'resume.doc' }));
    expect(legacy.code).toBe('unsupported_type');
    expect(legacy.message).toMatch(/\.doc/);
  });

  test('a truncated DOCX is reported as damaged', async () => {
    const bytes = await makeDocx(['Priya Raman', 'Backend Engineer']);
    const e = await refusal(parseDocument({ bytes: bytes.slice(0, Math.floor(bytes.length / 2)), filename: 'r.docx' }));
    expect(e.code).toBe('corrupt');
  });

  test('a DOCX with no text is empty', async () => {
    const e = await refusal(parseDocument({ bytes: await makeDocx(['', '   ']), filename: 'r.docx' }));
    expect(e.code).toBe('empty');
  });
});
