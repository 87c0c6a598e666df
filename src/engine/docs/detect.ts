import type { DocumentFormat } from './types.ts';

/** What the bytes themselves say the file is; magic numbers win over names, which users get wrong. */
export type Sniffed = 'pdf' | 'zip' | 'cfb' | 'image' | 'rtf' | 'binary' | 'unknown';

function startsWith(bytes: Uint8Array, sig: number[], at = 0): boolean {
  if (bytes.length < at + sig.length) return false;
  return sig.every((b, i) => bytes[at + i] === b);
}

const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-

export function sniff(bytes: Uint8Array): Sniffed {
  // PDF readers accept a header anywhere in the first KB (some generators prepend junk).
  const head = Math.min(bytes.length - PDF.length, 1024);
  for (let i = 0; i <= head; i++) if (startsWith(bytes, PDF, i)) return 'pdf';
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) return 'zip';
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return 'cfb';
  if (startsWith(bytes, [0x7b, 0x5c, 0x72, 0x74, 0x66])) return 'rtf'; // {\rtf
  if (
    startsWith(bytes, [0x89, 0x50, 0x4e, 0x47]) || // PNG
    startsWith(bytes, [0xff, 0xd8, 0xff]) || // JPEG
    startsWith(bytes, [0x47, 0x49, 0x46, 0x38]) || // GIF
    startsWith(bytes, [0x66, 0x74, 0x79, 0x70], 4) || // HEIC/AVIF/MP4 "ftyp"
    (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && startsWith(bytes, [0x57, 0x45, 0x42, 0x50], 8)) || // WEBP
    startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || // TIFF
    startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a])
  ) {
    return 'image';
  }
  if (
    startsWith(bytes, [0x1f, 0x8b]) || // gzip
    startsWith(bytes, [0x37, 0x7a, 0xbc, 0xaf]) || // 7z
    startsWith(bytes, [0x52, 0x61, 0x72, 0x21]) || // RAR
    startsWith(bytes, [0x7f, 0x45, 0x4c, 0x46]) || // ELF
    startsWith(bytes, [0x4d, 0x5a]) // MZ (Windows executable)
  ) {
    return 'binary';
  }
  return 'unknown';
}

/** The format the filename or MIME type claims, if any. */
export function claimedFormat(filename: string, mimeType?: string): DocumentFormat | 'doc' | undefined {
  const ext = /\.([a-z0-9]{1,10})$/i.exec(filename.trim())?.[1]?.toLowerCase();
  const mime = (mimeType ?? '').split(';')[0]!.trim().toLowerCase();
  if (ext === 'pdf' || mime === 'application/pdf') return 'pdf';
  if (ext === 'docx' || mime === 'application/vnd.openxmlformats-officedocument.wordprocessingml.document') return 'docx';
  if (ext === 'doc' || mime === 'application/msword') return 'doc';
  if (ext === 'md' || ext === 'markdown' || mime === 'text/markdown' || mime === 'text/x-markdown') return 'md';
  if (ext === 'txt' || ext === 'text' || mime === 'text/plain') return 'txt';
  return undefined;
}

/** Password-protected Office files are OLE containers holding an "EncryptedPackage" stream. */
export function isEncryptedOfficeFile(bytes: Uint8Array): boolean {
  const needle = Array.from('EncryptedPackage').flatMap((c) => [c.charCodeAt(0), 0]);
  const limit = Math.min(bytes.length, 2 * 1024 * 1024) - needle.length;
  outer: for (let i = 0; i <= limit; i++) {
    for (let j = 0; j < needle.length; j++) if (bytes[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}
