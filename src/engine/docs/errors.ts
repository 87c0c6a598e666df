import { AppError } from '../../resilience/errors.ts';

/** `zip_bomb` covers any compression bomb: a DOCX zip or a PDF's compressed streams. */
export const DOCUMENT_ERROR_CODES = [
  'too_large',
  'too_many_pages',
  'unsupported_type',
  'corrupt',
  'encrypted',
  'no_text',
  'zip_bomb',
  'empty',
] as const;
export type DocumentErrorCode = (typeof DOCUMENT_ERROR_CODES)[number];

/**
 * A document was refused. `message` is plain language that can be shown to the person who uploaded
 * the file as is: it never contains stack traces, library names or file contents.
 * None of these are retryable: the same bytes will fail the same way.
 */
export class DocumentError extends AppError {
  readonly code: DocumentErrorCode;

  constructor(code: DocumentErrorCode, message: string, options?: { cause?: unknown }) {
    super({ kind: 'user', message, retryable: false, safeMessage: message, cause: options?.cause });
    this.name = 'DocumentError';
    this.code = code;
  }
}

export function isDocumentError(e: unknown): e is DocumentError {
  return e instanceof DocumentError;
}

/** "5 MB", "512 KB": sizes as a person reads them. */
export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) {
    const mb = n / (1024 * 1024);
    return `${Number.isInteger(mb) ? mb : mb.toFixed(1)} MB`;
  }
  if (n >= 1024) return `${Math.round(n / 1024)} KB`;
  return `${n} bytes`;
}

export function formatLabel(format: string): string {
  return format === 'docx' ? 'Word document' : format === 'pdf' ? 'PDF' : 'file';
}
