/** Compression bombs: DOCX zips and PDFs whose content is hundreds of MB of zeros deflated to ~200 KB. */
import { crc32, createDeflate, createDeflateRaw } from 'node:zlib';
import { PDFDocument, PDFName, PDFRawStream } from 'pdf-lib';
import { storedEntry, writeZip, type RawZipEntry } from './make-files.ts';

export interface Deflated {
  data: Uint8Array;
  crc: number;
  size: number;
}

/**
 * Streams `mb` megabytes of zeros through deflate without ever holding them in memory.
 * 'raw' is what zip entries hold; 'zlib' (with header) is what a PDF FlateDecode stream holds.
 */
export async function deflatedZeros(mb: number, format: 'raw' | 'zlib' = 'raw'): Promise<Deflated> {
  const deflate = format === 'raw' ? createDeflateRaw({ level: 9 }) : createDeflate({ level: 9 });
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

/** A one-page PDF whose content stream is `zeros` (FlateDecode), made with pdf-lib's low-level API. */
export async function bombPdf(zeros: Deflated): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([612, 792]);
  const stream = PDFRawStream.of(doc.context.obj({ Filter: 'FlateDecode', Length: zeros.data.length }), zeros.data);
  page.node.set(PDFName.of('Contents'), doc.context.register(stream));
  return doc.save();
}
