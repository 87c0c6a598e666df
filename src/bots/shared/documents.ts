/** What a chat surface needs from the documents layer: take an uploaded file for a user. */
export interface DocumentIntake {
  ingest(userKey: string, file: { bytes: Uint8Array; filename: string; mimeType?: string; kind?: 'resume' | 'job-description' }): Promise<{ id: string; summary: string }>;
  forget?(userKey: string): Promise<void>;
  readonly maxBytes: number;
}

export const DOCUMENT_EXTENSIONS = /\.(pdf|docx|txt|md|markdown)$/i;

/** A safe, user-facing message for any failure while reading a document. */
export function documentErrorMessage(err: unknown): string {
  if (err instanceof Error && (err.name === 'DocumentError' || err.name === 'UserError')) return err.message;
  return "I couldn't read that file. Please send a PDF, DOCX, TXT or Markdown file.";
}

/**
 * A file named like a job description is taken as one; otherwise undefined, so the
 * documents layer decides from the text itself.
 */
export function kindFromName(filename: string): { kind?: 'job-description' } {
  return /\b(jd|job|description|posting|position|vacancy)\b/i.test(filename.replace(/[_.-]/g, ' ')) ? { kind: 'job-description' } : {};
}
