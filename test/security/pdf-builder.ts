/** Hand-built PDFs whose stream dictionaries say exactly what a test needs (filters pdf-lib would not write). */
import { deflateSync } from 'node:zlib';

export interface RawObject {
  /** The object's body: a dictionary, array, or dictionary followed by stream data. */
  body: string | { dict: string; data: Uint8Array };
}

/**
 * Objects are numbered from 1 in order. Object 1 must be the catalog; offsets in the xref table
 * are real, so readers need no repair.
 */
export function buildPdf(objects: RawObject[]): Uint8Array {
  const parts: Buffer[] = [Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  let offset = parts[0]!.length;
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(offset);
    const chunk =
      typeof o.body === 'string'
        ? Buffer.from(`${i + 1} 0 obj\n${o.body}\nendobj\n`, 'latin1')
        : Buffer.concat([
            Buffer.from(`${i + 1} 0 obj\n${o.body.dict}\nstream\n`, 'latin1'),
            Buffer.from(o.body.data),
            Buffer.from('\nendstream\nendobj\n', 'latin1'),
          ]);
    parts.push(chunk);
    offset += chunk.length;
  });
  const xref = [`xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`, ...offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`)].join('');
  parts.push(Buffer.from(`${xref}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${offset}\n%%EOF\n`, 'latin1'));
  return new Uint8Array(Buffer.concat(parts));
}

/** Catalog, pages and one page whose /Contents is object 4, which the caller supplies. */
export function onePage(content: RawObject, extra: RawObject[] = []): Uint8Array {
  return buildPdf([
    { body: '<< /Type /Catalog /Pages 2 0 R >>' },
    { body: '<< /Type /Pages /Kids [3 0 R] /Count 1 >>' },
    { body: '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>' },
    content,
    ...extra,
  ]);
}

export const deflate = (data: Uint8Array | string) => deflateSync(typeof data === 'string' ? Buffer.from(data, 'latin1') : data, { level: 9 });

/** LZW codes (EarlyChange 1) that decode to about `bytes` zeros: each new code is the last string plus one zero. */
export function lzwZeros(bytes: number): Uint8Array {
  const codes: number[] = [256, 0];
  let produced = 1;
  let next = 258;
  while (produced < bytes) {
    const code = next < 4096 ? next : 4095;
    codes.push(code);
    produced += code - 256;
    if (next < 4096) next++;
  }
  codes.push(257);
  // Pack with the decoder's widths: 9 bits until 511 entries (EarlyChange), up to 12.
  const out: number[] = [];
  let acc = 0;
  let bits = 0;
  let width = 9;
  let entries = 258;
  let prevWasClear = true;
  for (const c of codes) {
    acc = acc * 2 ** width + c;
    bits += width;
    while (bits >= 8) {
      out.push(Math.floor(acc / 2 ** (bits - 8)) & 0xff);
      bits -= 8;
      acc = acc % 2 ** bits;
    }
    if (c === 256) {
      width = 9;
      entries = 258;
      prevWasClear = true;
      continue;
    }
    if (!prevWasClear && entries < 4096) entries++;
    prevWasClear = false;
    if (entries + 1 >= 1 << width && width < 12) width++;
  }
  if (bits > 0) out.push((acc * 2 ** (8 - bits)) & 0xff);
  return new Uint8Array(out);
}
