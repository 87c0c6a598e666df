import { userSafeMessage } from './safe-text.ts';

export interface UploadedFile {
  bytes: Uint8Array;
  filename: string;
  mimeType?: string;
  kind?: 'resume' | 'job-description';
}

/**
 * What the conversation layer needs from the documents layer: take an uploaded file for a
 * user. Documents are user records in the session store, so forgetting the user deletes them.
 */
export interface DocumentIntake {
  /** Throws DocumentError (message safe to show) for files it cannot use. */
  ingest(userKey: string, file: UploadedFile): Promise<{ id: string; summary: string }>;
  readonly maxBytes: number;
}

export const DOCUMENT_EXTENSIONS = /\.(pdf|docx|txt|md|markdown)$/i;

/** A safe, user-facing message for any failure while reading a document. */
export function documentErrorMessage(err: unknown): string {
  return userSafeMessage(err) ?? "I couldn't read that file. Please send a PDF, DOCX, TXT or Markdown file.";
}

/**
 * A file named like a job description is taken as one; otherwise undefined, so the
 * documents layer decides from the text itself.
 */
export function kindFromName(filename: string): { kind?: 'job-description' } {
  return /\b(jd|job|description|posting|position|vacancy)\b/i.test(filename.replace(/[_.-]/g, ' ')) ? { kind: 'job-description' } : {};
}
