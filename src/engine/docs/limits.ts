export interface DocumentLimits {
  /** Largest upload accepted, in bytes. */
  maxBytes: number;
  /** Most PDF pages accepted. */
  maxPages: number;
  /** Most bytes a DOCX may expand to when unzipped, or a PDF's compressed streams when decoded. */
  maxUncompressedBytes: number;
  /** Largest uncompressed/compressed ratio for any sizeable zip entry. */
  maxCompressionRatio: number;
  /** Most characters of extracted text kept; longer documents are refused rather than silently cut. */
  maxChars: number;
  /** Give up on a document that takes longer than this to read (a hostile PDF can be slow). */
  timeoutMs: number;
  /** Resident memory the isolated parser process may use before it is killed. */
  maxWorkerMemoryMb: number;
}

export const DEFAULT_LIMITS: DocumentLimits = {
  maxBytes: 5 * 1024 * 1024,
  maxPages: 10,
  maxUncompressedBytes: 50 * 1024 * 1024,
  maxCompressionRatio: 100,
  maxChars: 200_000,
  timeoutMs: 8_000,
  maxWorkerMemoryMb: 320,
};

export function resolveLimits(partial?: Partial<DocumentLimits>): DocumentLimits {
  const out = { ...DEFAULT_LIMITS };
  for (const [k, v] of Object.entries(partial ?? {})) {
    // Ignore undefined/invalid overrides so a half-filled config object cannot switch a limit off.
    if (typeof v === 'number' && Number.isFinite(v) && v > 0) (out as Record<string, number>)[k] = v;
  }
  return out;
}
