import { describe, expect, test } from 'vitest';
import { DocumentError } from '../../../src/engine/docs/errors.ts';
import { cleanFilename, parseDocument, parsedFromText } from '../../../src/engine/docs/parse.ts';
import { fixtureText, JD_TXT, makePng } from './make-files.ts';

async function refusal(p: Promise<unknown>): Promise<DocumentError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(DocumentError);
  return e as DocumentError;
}

const enc = (s: string) => new TextEncoder().encode(s);

describe('text and markdown documents', () => {
  test('UTF-8 with BOM, CRLF, tabs, zero-width and control characters is normalised but keeps its lines', async () => {
    const raw = '\uFEFFPriya\tRaman  \r\nBackend\u00A0Engineer\u200B\u0007\r\n\r\n\r\n\r\n  Skills:  Go,   Kafka \r\n\r\n';
    const doc = await parseDocument({ bytes: enc(raw), filename: 'resume.txt' });
    expect(doc.format).toBe('txt');
    expect(doc.lines).toEqual(['Priya Raman', 'Backend Engineer', '', 'Skills: Go, Kafka']);
  });

  test('markdown is recognised by extension or MIME type and kept as written', async () => {
    const md = '# Priya Raman\n\n## Experience\n- **Senior Engineer** at Finch Payments\n';
    expect((await parseDocument({ bytes: enc(md), filename: 'cv.md' })).format).toBe('md');
    const byMime = await parseDocument({ bytes: enc(md), filename: 'cv', mimeType: 'text/markdown; charset=utf-8' });
    expect(byMime.format).toBe('md');
    expect(byMime.lines[3]).toBe('- **Senior Engineer** at Finch Payments');
  });

  test('UTF-16 with a BOM and legacy Windows-1252 text both decode', async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Zoë Müller\nData Engineer', 'utf16le')]);
    expect((await parseDocument({ bytes: utf16, filename: 'cv.txt' })).lines).toEqual(['Zoë Müller', 'Data Engineer']);
    const cp1252 = Buffer.from('Zo\xEB M\xFCller \x96 caf\xE9', 'latin1');
    expect((await parseDocument({ bytes: cp1252, filename: 'cv.txt' })).lines).toEqual(['Zoë Müller – café']);
  });

  test('binary content named .txt is refused as not text', async () => {
    const bytes = new Uint8Array(4096).map((_, i) => (i % 7 === 0 ? 0 : 65 + (i % 26)));
    const e = await refusal(parseDocument({ bytes, filename: 'resume.txt' }));
    expect(e.code).toBe('unsupported_type');
  });

  test('empty and whitespace-only files are empty', async () => {
    expect((await refusal(parseDocument({ bytes: new Uint8Array(0), filename: 'a.txt' }))).code).toBe('empty');
    expect((await refusal(parseDocument({ bytes: enc(' \n\t\n  '), filename: 'a.txt' }))).code).toBe('empty');
  });

  test('files over the size limit are refused with both sizes, and the limit is configurable', async () => {
    const big = new Uint8Array(6 * 1024 * 1024).fill(0x61);
    const e = await refusal(parseDocument({ bytes: big, filename: 'a.txt' }));
    expect(e.code).toBe('too_large');
    expect(e.message).toBe('That file is 6 MB; the limit is 5 MB.');
    const small = await refusal(parseDocument({ bytes: enc('x'.repeat(2048)), filename: 'a.txt' }, { maxBytes: 1024 }));
    expect(small.message).toBe('That file is 2 KB; the limit is 1 KB.');
  });

  test('text longer than the character limit is refused rather than silently cut', async () => {
    const e = await refusal(parseDocument({ bytes: enc('word '.repeat(400)), filename: 'a.txt' }, { maxChars: 1000 }));
    expect(e.code).toBe('too_large');
    expect(e.message).toMatch(/1,999 characters of text; the limit is 1,000/);
  });

  test('magic bytes win: an image named resume.pdf is unsupported, text named .pdf is not a valid PDF', async () => {
    const img = await refusal(parseDocument({ bytes: makePng(8, 8), filename: 'resume.pdf', mimeType: 'application/pdf' }));
    expect(img.code).toBe('unsupported_type');
    expect(img.message).toMatch(/image/);
    const fake = await refusal(parseDocument({ bytes: enc('Priya Raman, backend engineer'), filename: 'resume.pdf' }));
    expect(fake.code).toBe('corrupt');
  });

  test('without a declared kind, a job description is recognised as one', async () => {
    const doc = await parseDocument({ bytes: enc(fixtureText(JD_TXT)), filename: 'role.txt' });
    expect(doc.kind).toBe('job-description');
    const declared = await parseDocument({ bytes: enc(fixtureText(JD_TXT)), filename: 'role.txt', kind: 'resume' });
    expect(declared.kind).toBe('resume');
  });

  test('filenames used in citations lose directories and control characters', async () => {
    const doc = await parseDocument({ bytes: enc('Priya Raman'), filename: 'C:\\fakepath\\my\u202eresume.txt' });
    expect(doc.filename).toBe('myresume.txt');
    expect(cleanFilename('../../etc/passwd')).toBe('passwd');
    expect(cleanFilename('   ')).toBe('document');
    expect(cleanFilename(`${'a'.repeat(300)}.pdf`)).toHaveLength(120);
  });

  test('pasted text becomes a document with the same line rules', () => {
    const doc = parsedFromText('Senior Backend Engineer\r\n\r\n\r\nGo,\tKubernetes', { filename: 'pasted job description', kind: 'job-description' });
    expect(doc.lines).toEqual(['Senior Backend Engineer', '', 'Go, Kubernetes']);
    expect(doc.kind).toBe('job-description');
    expect(() => parsedFromText(' \n ', { filename: 'p' })).toThrow(expect.objectContaining({ code: 'empty' }));
    expect(() => parsedFromText('x'.repeat(50), { filename: 'p', limits: { maxChars: 10 } })).toThrow(expect.objectContaining({ code: 'too_large' }));
  });
});
