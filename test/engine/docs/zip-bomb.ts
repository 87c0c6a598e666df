/** Builds DOCX-shaped zip bombs: word/document.xml is hundreds of MB of zeros deflated to ~200 KB. */
import { crc32, createDeflateRaw } from 'node:zlib';
import { storedEntry, writeZip, type RawZipEntry } from './make-files.ts';

export interface Deflated {
  data: Uint8Array;
  crc: number;
  size: number;
}

/** Streams `mb` megabytes of zeros through deflate without ever holding them in memory. */
export async function deflatedZeros(mb: number): Promise<Deflated> {
  const deflate = createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  deflate.on('data', (b: Buffer) => out.push(b));
  const ended = new Promise<void>((resolve, reject) => {
    deflate.on('end', resolve);
    deflate.on('error', reject);
  });
  const block = Buffer.alloc(1024 * 1024);
  let crc = 0;
  for (let i = 0; i < mb; i++) {
    crc = crc32(block, crc);
    if (!deflate.write(block)) await new Promise((r) => deflate.once('drain', r));
  }
  deflate.end();
  await ended;
  return { data: new Uint8Array(Buffer.concat(out)), crc, size: mb * 1024 * 1024 };
}

const CONTENT_TYPES =
  '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Default Extension="xml" ContentType="application/xml"/></Types>';

/**
 * `declared`: 'honest' declares the real (huge) size; 'lying' declares a small size so only an
 * actual size check catches it.
 */
export function bombDocx(zeros: Deflated, declared: 'honest' | 'lying'): Uint8Array {
  const doc: RawZipEntry = {
    name: 'word/document.xml',
    data: zeros.data,
    method: 8,
    crc: zeros.crc,
    uncompressedSize: declared === 'honest' ? zeros.size : 4096,
  };
  return writeZip([storedEntry('[Content_Types].xml', CONTENT_TYPES), doc]);
}
