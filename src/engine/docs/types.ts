export type DocumentKind = 'resume' | 'job-description';
export type DocumentFormat = 'pdf' | 'docx' | 'txt' | 'md';

export interface DocumentInput {
  bytes: Uint8Array;
  filename: string;
  mimeType?: string;
  /** When absent the kind is guessed from the text (see guessKind). */
  kind?: DocumentKind;
}

export interface ParsedDocument {
  /** Content hash (hex), stable for the same bytes: usable as a cache key. */
  id: string;
  filename: string;
  kind: DocumentKind;
  format: DocumentFormat;
  /** Normalised text; always exactly `lines.join('\n')`. */
  text: string;
  pages?: number;
  /** Line N of the document (1-based, as shown to users) is lines[N - 1]. */
  lines: string[];
}

export interface Chunk {
  /** `${docId}#${index}` */
  id: string;
  docId: string;
  /** The document's filename, for citations such as "resume.pdf lines 12-14". */
  source: string;
  kind: DocumentKind;
  index: number;
  /** 1-based, inclusive. */
  lineStart: number;
  lineEnd: number;
  text: string;
}
