import { inflateRawSync } from 'node:zlib';
import { DocumentError, formatBytes } from './errors.ts';

/**
 * Reads a zip's central directory without decompressing anything, so a DOCX built to explode
 * (a "zip bomb") is refused before any library inflates it. The declared sizes are then checked
 * against reality by inflating each entry with a hard output cap: a bomb that lies about its sizes
 * is stopped at the cap instead of filling memory.
 */

export interface ZipEntry {
  name: string;
  flags: number;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

export interface ZipBudget {
  maxUncompressedBytes: number;
  maxCompressionRatio: number;
  /** More entries than any real DOCX has; each one costs a little work. */
  maxEntries?: number;
}

const EOCD_SIG = 0x06054b50;
const ZIP64_LOCATOR_SIG = 0x07064b50;
const ZIP64_EOCD_SIG = 0x06064b50;
const CENTRAL_SIG = 0x02014b50;
const LOCAL_SIG = 0x04034b50;
const U32_MAX = 0xffffffff;
/** Below this size a high ratio is harmless (a short, repetitive XML part compresses very well). */
const RATIO_MIN_BYTES = 1024 * 1024;

class ZipFormatError extends Error {}
class ZipTooManyEntries extends Error {
  readonly count: number;
  constructor(count: number) {
    super(`zip has ${count} entries`);
    this.count = count;
  }
}


function view(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function u64(dv: DataView, at: number): number {
  return Number(dv.getBigUint64(at, true));
}

function need(bytes: Uint8Array, at: number, len: number): void {
  if (at < 0 || len < 0 || at + len > bytes.length) throw new ZipFormatError('truncated');
}

function findEndOfCentralDirectory(bytes: Uint8Array, dv: DataView): number {
  const min = Math.max(0, bytes.length - 22 - 0xffff);
  for (let i = bytes.length - 22; i >= min; i--) {
    if (dv.getUint32(i, true) === EOCD_SIG) return i;
  }
  throw new ZipFormatError('no end of central directory');
}

/** Applies the zip64 "extra field" (id 1) to sizes/offsets that overflowed 32 bits. */
function applyZip64Extra(bytes: Uint8Array, dv: DataView, at: number, len: number, entry: ZipEntry): void {
  const end = at + len;
  let p = at;
  while (p + 4 <= end) {
    const id = dv.getUint16(p, true);
    const size = dv.getUint16(p + 2, true);
    if (p + 4 + size > end) break;
    if (id === 0x0001) {
      let q = p + 4;
      const take = (): number => {
        need(bytes, q, 8);
        const v = u64(dv, q);
        q += 8;
        return v;
      };
      if (entry.uncompressedSize === U32_MAX) entry.uncompressedSize = take();
      if (entry.compressedSize === U32_MAX) entry.compressedSize = take();
      if (entry.localHeaderOffset === U32_MAX) entry.localHeaderOffset = take();
      return;
    }
    p += 4 + size;
  }
}

export function readZipDirectory(bytes: Uint8Array, maxEntries = 5000): ZipEntry[] {
  if (bytes.length < 22) throw new ZipFormatError('too short');
  const dv = view(bytes);
  const eocd = findEndOfCentralDirectory(bytes, dv);
  let count = dv.getUint16(eocd + 10, true);
  let cdOffset = dv.getUint32(eocd + 16, true);
  if (count === 0xffff || cdOffset === U32_MAX) {
    const loc = eocd - 20;
    need(bytes, loc, 20);
    if (dv.getUint32(loc, true) !== ZIP64_LOCATOR_SIG) throw new ZipFormatError('zip64 locator missing');
    const z64 = u64(dv, loc + 8);
    need(bytes, z64, 56);
    if (dv.getUint32(z64, true) !== ZIP64_EOCD_SIG) throw new ZipFormatError('zip64 record missing');
    count = u64(dv, z64 + 32);
    cdOffset = u64(dv, z64 + 48);
  }
  if (count > maxEntries) throw new ZipTooManyEntries(count);
  const entries: ZipEntry[] = [];
  let p = cdOffset;
  for (let i = 0; i < count; i++) {
    need(bytes, p, 46);
    if (dv.getUint32(p, true) !== CENTRAL_SIG) throw new ZipFormatError('bad central directory');
    const nameLen = dv.getUint16(p + 28, true);
    const extraLen = dv.getUint16(p + 30, true);
    const commentLen = dv.getUint16(p + 32, true);
    need(bytes, p + 46, nameLen + extraLen + commentLen);
    const entry: ZipEntry = {
      name: new TextDecoder().decode(bytes.subarray(p + 46, p + 46 + nameLen)),
      flags: dv.getUint16(p + 8, true),
      method: dv.getUint16(p + 10, true),
      compressedSize: dv.getUint32(p + 20, true),
      uncompressedSize: dv.getUint32(p + 24, true),
      localHeaderOffset: dv.getUint32(p + 42, true),
    };
    applyZip64Extra(bytes, dv, p + 46 + nameLen, extraLen, entry);
    entries.push(entry);
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

function bomb(detail: string): DocumentError {
  return new DocumentError(
    'zip_bomb',
    `That Word document ${detail}, so it was not opened. Please re-save it from your word processor and try again.`,
  );
}

function corrupt(): DocumentError {
  return new DocumentError('corrupt', 'That Word document is damaged and could not be read. Please re-save it and try again.');
}

/** Lists a DOCX/zip's entries or throws the DocumentError a user should see. */
export function inspectZip(bytes: Uint8Array, budget: ZipBudget): ZipEntry[] {
  let entries: ZipEntry[];
  try {
    entries = readZipDirectory(bytes, budget.maxEntries);
  } catch (e) {
    if (e instanceof ZipTooManyEntries) throw bomb(`contains ${e.count} files`);
    throw corrupt();
  }
  let total = 0;
  for (const e of entries) {
    if (e.flags & 0x1) {
      throw new DocumentError('encrypted', 'That Word document is password-protected. Please remove the password and upload it again.');
    }
    total += e.uncompressedSize;
    if (total > budget.maxUncompressedBytes) {
      throw bomb(`would expand to more than ${formatBytes(budget.maxUncompressedBytes)}`);
    }
    if (e.uncompressedSize >= RATIO_MIN_BYTES && e.uncompressedSize > budget.maxCompressionRatio * Math.max(1, e.compressedSize)) {
      throw bomb('is compressed in a way that looks designed to overload the reader');
    }
  }
  return entries;
}

/**
 * Inflates every entry with an output cap equal to its declared size (and the overall budget),
 * proving the declared sizes are honest before another library decompresses the file.
 */
export function verifyZipSizes(bytes: Uint8Array, entries: ZipEntry[], budget: ZipBudget): void {
  const dv = view(bytes);
  let total = 0;
  for (const e of entries) {
    if (e.name.endsWith('/') && e.uncompressedSize === 0) continue;
    try {
      need(bytes, e.localHeaderOffset, 30);
    } catch {
      throw corrupt();
    }
    if (dv.getUint32(e.localHeaderOffset, true) !== LOCAL_SIG) throw corrupt();
    const start = e.localHeaderOffset + 30 + dv.getUint16(e.localHeaderOffset + 26, true) + dv.getUint16(e.localHeaderOffset + 28, true);
    if (start + e.compressedSize > bytes.length) throw corrupt();
    const data = bytes.subarray(start, start + e.compressedSize);
    const remaining = budget.maxUncompressedBytes - total;
    if (e.method === 0) {
      total += data.length;
    } else if (e.method === 8) {
      const cap = Math.max(1, Math.min(e.uncompressedSize, remaining));
      try {
        total += inflateRawSync(data, { maxOutputLength: cap }).length;
      } catch (err) {
        if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
          throw bomb('expands to more data than it declares');
        }
        throw corrupt();
      }
    } else {
      // Deflate64, bzip2, LZMA...: word processors never write these into a DOCX.
      throw corrupt();
    }
    if (total > budget.maxUncompressedBytes) throw bomb(`would expand to more than ${formatBytes(budget.maxUncompressedBytes)}`);
  }
}
