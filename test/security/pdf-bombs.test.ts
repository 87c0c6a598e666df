/**
 * Decompression bombs in uploaded documents: every kind is refused with a clear message, quickly,
 * while the process that received the upload stays small and keeps serving other requests.
 * All files are generated here; none is committed.
 */
import { describe, expect, test } from 'vitest';
import { DocumentError } from '../../src/engine/docs/errors.ts';
import { parseDocument } from '../../src/engine/docs/parse.ts';
import { bombDocx, deflatedZeros } from '../engine/docs/zip-bomb.ts';
import { makePdf } from '../engine/docs/make-files.ts';
import { apiForTest } from '../api/helpers.ts';
import { buildPdf, deflate, lzwZeros, onePage } from './pdf-builder.ts';

async function refused(bytes: Uint8Array, filename = 'resume.pdf'): Promise<{ e: DocumentError; ms: number; peakRss: number }> {
  let peakRss = process.memoryUsage().rss;
  const timer = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 10);
  const t0 = performance.now();
  try {
    await parseDocument({ bytes, filename });
  } catch (e) {
    if (!(e instanceof DocumentError)) throw e;
    return { e, ms: performance.now() - t0, peakRss };
  } finally {
    clearInterval(timer);
  }
  throw new Error('the document was accepted');
}

const MB = 1024 * 1024;

/** Zeros deflated twice: a few KB that a reader would grow to `mb` megabytes. */
async function twiceDeflated(mb: number): Promise<Uint8Array> {
  return deflate((await deflatedZeros(mb, 'zlib')).data);
}

describe('PDF bombs', () => {
  const cases: [string, () => Promise<Uint8Array>][] = [
    ['a filter array [/FlateDecode /FlateDecode]', async () => onePage({ body: { dict: '<< /Filter [/FlateDecode /FlateDecode] >>', data: await twiceDeflated(300) } })],
    [
      'a filter given by reference (/Filter 5 0 R)',
      async () => onePage({ body: { dict: '<< /Filter 5 0 R >>', data: await twiceDeflated(300) } }, [{ body: '[/FlateDecode /FlateDecode]' }]),
    ],
    ['hex-escaped filter names (/Fl#61teDecode)', async () => onePage({ body: { dict: '<< /F#69lter [/Fl#61teDecode /#46lateDecode] >>', data: await twiceDeflated(300) } })],
    ['a content stream marked /Subtype /Image', async () => onePage({ body: { dict: '<< /Subtype /Image /Filter /FlateDecode >>', data: (await deflatedZeros(300, 'zlib')).data } })],
    ['LZW', async () => onePage({ body: { dict: '<< /Filter /LZWDecode >>', data: lzwZeros(120 * MB) } })],
    ['RunLength under Flate', async () => onePage({ body: { dict: '<< /Filter [/FlateDecode /RunLengthDecode] >>', data: deflate(Buffer.alloc(2 * MB, Buffer.from([0x81, 0x41]))) } })],
    ['ASCII85 under Flate', async () => onePage({ body: { dict: '<< /Filter [/FlateDecode /A85] >>', data: deflate(Buffer.alloc(30 * MB, 'z')) } })],
    [
      // Only a reader that opens the object stream learns the filter: a guess at zlib layers would stop after one.
      'a filter held in an object stream',
      async () => {
        const header = '7 0 ';
        return onePage({ body: { dict: '<< /Filter 7 0 R >>', data: deflate(Buffer.alloc(2 * MB, Buffer.from([0x81, 0x41]))) } }, [
          { body: { dict: `<< /Type /ObjStm /N 1 /First ${header.length} /Filter /FlateDecode >>`, data: deflate(`${header}[/FlateDecode /RunLengthDecode]`) } },
        ]);
      },
    ],
  ];

  test.each(cases)('%s is refused as a bomb in under 10 s, the parent staying under 400 MB', async (_name, make) => {
    const bytes = await make();
    expect(bytes.length).toBeLessThan(5 * MB);
    const { e, ms, peakRss } = await refused(bytes);
    expect(e.code).toBe('zip_bomb');
    expect(e.message).toMatch(/expand to more than|far more memory/);
    expect(ms).toBeLessThan(10_000);
    expect(peakRss).toBeLessThan(400 * MB);
  });

  test('a DOCX zip bomb is refused the same way', async () => {
    const { e, ms, peakRss } = await refused(bombDocx(await deflatedZeros(300), 'lying'), 'resume.docx');
    expect(e.code).toBe('zip_bomb');
    expect(ms).toBeLessThan(10_000);
    expect(peakRss).toBeLessThan(400 * MB);
  });

  test('a normal PDF with several streams still reads (the budget counts real output only)', async () => {
    const text = (s: string) => `BT /F1 12 Tf 72 700 Td (${s}) Tj ET`;
    const bytes = buildPdf([
      { body: '<< /Type /Catalog /Pages 2 0 R >>' },
      { body: '<< /Type /Pages /Kids [3 0 R] /Count 1 >>' },
      { body: '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents [4 0 R 6 0 R] /Resources << /Font << /F1 5 0 R >> >> >>' },
      { body: { dict: '<< /Filter [/FlateDecode /A85] >>', data: deflate(Buffer.from(a85(text('Senior backend engineer, Kafka and PostgreSQL')) + '~>', 'latin1')) } },
      { body: '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>' },
      { body: { dict: '<< /Filter /LZWDecode >>', data: lzwOf(' BT /F1 12 Tf 72 680 Td (Led a team of five engineers) Tj ET') } },
    ]);
    const doc = await parseDocument({ bytes, filename: 'resume.pdf' });
    expect(doc.text).toContain('Senior backend engineer, Kafka and PostgreSQL');
    expect(doc.text).toContain('Led a team of five engineers');
  });
});

test('a large real image (never decoded to read text) does not count against the budget', async () => {
  const text = 'BT /F1 12 Tf 72 700 Td (Staff engineer who scaled Kafka to a million events a second) Tj ET';
  const bytes = buildPdf([
    { body: '<< /Type /Catalog /Pages 2 0 R >>' },
    { body: '<< /Type /Pages /Kids [3 0 R] /Count 1 >>' },
    { body: '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> /XObject << /Im1 6 0 R >> >> >>' },
    { body: { dict: '<< /Filter /FlateDecode >>', data: deflate(text) } },
    { body: '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>' },
    // 100 MB of pixels once inflated: twice the budget, but only a renderer would ever decode it.
    { body: { dict: '<< /Type /XObject /Subtype /Image /Width 5000 /Height 6667 /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /FlateDecode >>', data: (await deflatedZeros(100, 'zlib')).data } },
  ]);
  const doc = await parseDocument({ bytes, filename: 'resume.pdf' });
  expect(doc.text).toContain('Staff engineer who scaled Kafka');
});

describe('the isolated parser process', () => {
  test('is killed at the deadline: a slow parse is refused at once, in plain words', async () => {
    const bytes = await makePdf([['Backend engineer with Kafka and PostgreSQL experience']]);
    const t0 = performance.now();
    const err = await parseDocument({ bytes, filename: 'r.pdf' }, { timeoutMs: 1 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DocumentError);
    expect((err as DocumentError).message).toMatch(/took too long/);
    expect(performance.now() - t0).toBeLessThan(2_000);
  });

  test('is killed when its memory passes the cap', async () => {
    const bytes = await makePdf([['Backend engineer with Kafka and PostgreSQL experience']]);
    const err = await parseDocument({ bytes, filename: 'r.pdf' }, { maxWorkerMemoryMb: 20 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DocumentError);
    expect((err as DocumentError).code).toBe('zip_bomb');
    expect((err as DocumentError).message).toMatch(/far more memory/);
  });

  test('while a bomb is being parsed the server answers other requests within 100 ms', async () => {
    const { app } = await apiForTest();
    await app.listen({ port: 0, host: '127.0.0.1' });
    const url = `http://127.0.0.1:${(app.server.address() as { port: number }).port}/health`;
    await fetch(url); // warm the route
    const bomb = onePage({ body: { dict: '<< /Filter [/FlateDecode /FlateDecode] >>', data: await twiceDeflated(300) } });
    // A parser process is normally warm; starting one (fork) is not what this measures.
    await parseDocument({ bytes: await makePdf([['Backend engineer with Kafka and PostgreSQL experience']]), filename: 'warm.pdf' });
    let done = false;
    const parsing = parseDocument({ bytes: bomb, filename: 'resume.pdf' }).catch(() => undefined).finally(() => (done = true));
    const times: number[] = [];
    while (!done || times.length < 5) {
      const t0 = performance.now();
      const res = await fetch(url);
      expect(res.status).toBe(200);
      times.push(performance.now() - t0);
      if (times.length > 200) break;
    }
    await parsing;
    expect(Math.max(...times)).toBeLessThan(100);
  });
});

/** ASCII85 of a latin1 string (no "z" shortcut), for the readable-PDF case. */
function a85(s: string): string {
  const b = Buffer.from(s, 'latin1');
  let out = '';
  for (let i = 0; i < b.length; i += 4) {
    const n = Math.min(4, b.length - i);
    const chunk = Buffer.alloc(4);
    b.copy(chunk, 0, i, i + n);
    let v = chunk.readUInt32BE(0);
    const digits: string[] = [];
    for (let k = 0; k < 5; k++) {
      digits.unshift(String.fromCharCode((v % 85) + 33));
      v = Math.floor(v / 85);
    }
    out += digits.slice(0, n + 1).join('');
  }
  return out;
}

/** A plain LZW encoder (EarlyChange 1), for the readable-PDF case. */
function lzwOf(s: string): Uint8Array {
  const dict = new Map<string, number>();
  for (let i = 0; i < 256; i++) dict.set(String.fromCharCode(i), i);
  let next = 258;
  let width = 9;
  const out: number[] = [];
  let acc = 0;
  let bits = 0;
  const emit = (c: number) => {
    acc = acc * 2 ** width + c;
    bits += width;
    while (bits >= 8) {
      out.push(Math.floor(acc / 2 ** (bits - 8)) & 0xff);
      bits -= 8;
      acc %= 2 ** bits;
    }
  };
  emit(256);
  let w = '';
  for (const ch of s) {
    if (dict.has(w + ch)) {
      w += ch;
      continue;
    }
    emit(dict.get(w)!);
    dict.set(w + ch, next++);
    // The reader's table trails the writer's by one entry, so widths change when it catches up.
    if (next >= 1 << width && width < 12) width++;
    w = ch;
  }
  emit(dict.get(w)!);
  emit(257);
  if (bits > 0) out.push((acc * 2 ** (8 - bits)) & 0xff);
  return new Uint8Array(out);
}
