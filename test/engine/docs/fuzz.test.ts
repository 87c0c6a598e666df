import { describe, expect, test } from 'vitest';
import { DocumentError } from '../../../src/engine/docs/errors.ts';
import { parseDocument } from '../../../src/engine/docs/parse.ts';
import { makeDocx, makePdf } from './make-files.ts';

/** Small deterministic PRNG so a failure can be replayed from its seed. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    return s / 2 ** 32;
  };
}

async function outcome(bytes: Uint8Array, filename: string): Promise<'ok' | 'refused'> {
  try {
    const doc = await parseDocument({ bytes, filename });
    expect(doc.text).toBe(doc.lines.join('\n'));
    return 'ok';
  } catch (e) {
    // Anything other than a DocumentError would reach the user as a crash.
    expect(e, `seed input ${filename}`).toBeInstanceOf(DocumentError);
    expect((e as DocumentError).message.length).toBeGreaterThan(10);
    return 'refused';
  }
}

describe('hostile input', () => {
  test('random bytes with and without format headers never crash the parser', async () => {
    const prefixes = ['', '%PDF-1.7\n', 'PK\x03\x04', '{\\rtf1', '\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1', '\uFEFF'];
    const names = ['a.pdf', 'a.docx', 'a.txt', 'a.md', 'a', 'a.doc'];
    const random = rng(1234);
    for (let i = 0; i < 150; i++) {
      const body = new Uint8Array(Math.floor(random() * 4096)).map(() => Math.floor(random() * 256));
      const prefix = Buffer.from(prefixes[i % prefixes.length]!, 'latin1');
      await outcome(new Uint8Array(Buffer.concat([prefix, body])), `${i}-${names[i % names.length]}`);
    }
  });

  test('valid PDFs and DOCX files with random bytes flipped never crash the parser', async () => {
    const pdf = await makePdf([['Priya Raman', 'Senior Software Engineer', 'Kafka, PostgreSQL, Go']]);
    const docx = await makeDocx(['Priya Raman', 'Senior Software Engineer', 'Kafka, PostgreSQL, Go']);
    const random = rng(99);
    const results: string[] = [];
    for (let i = 0; i < 40; i++) {
      const base = i % 2 === 0 ? pdf : docx;
      const bytes = base.slice();
      const flips = 1 + Math.floor(random() * 20);
      for (let f = 0; f < flips; f++) bytes[Math.floor(random() * bytes.length)] = Math.floor(random() * 256);
      results.push(await outcome(bytes, `${i}.${i % 2 === 0 ? 'pdf' : 'docx'}`));
    }
    expect(results.length).toBe(40);
  });

  test('inputs that are not bytes at all are refused, not thrown as TypeErrors', async () => {
    for (const bad of [undefined, null, 'text', 42, {}]) {
      await expect(parseDocument({ bytes: bad as unknown as Uint8Array, filename: 'x.txt' })).rejects.toBeInstanceOf(DocumentError);
    }
    await expect(parseDocument(undefined as never)).rejects.toBeInstanceOf(DocumentError);
  });
});
