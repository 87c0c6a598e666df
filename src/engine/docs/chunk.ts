import type { Chunk, ParsedDocument } from './types.ts';

export interface ChunkOptions {
  /** Upper bound on a chunk's text length. */
  maxChars?: number;
  /** Characters of trailing lines repeated at the start of the next chunk, for context. */
  overlap?: number;
}

interface Segment {
  line: number;
  text: string;
}

/** Splits a line longer than `max` at word boundaries (hard-splitting words only when unavoidable). */
function splitLong(text: string, max: number): string[] {
  const out: string[] = [];
  let rest = text;
  while (rest.length > max) {
    let cut = rest.lastIndexOf(' ', max);
    if (cut < max * 0.5) cut = max;
    out.push(rest.slice(0, cut).trim());
    rest = rest.slice(cut).trim();
  }
  if (rest !== '') out.push(rest);
  return out;
}

function joinedLength(segs: Segment[]): number {
  return segs.reduce((n, s) => n + s.text.length, 0) + Math.max(0, segs.length - 1);
}

/**
 * Cuts a document into overlapping chunks of whole lines, each remembering the line range it came
 * from so a question can cite "resume.pdf lines 12-14". A blank line (section break) ends a chunk
 * early once it is half full, so chunks tend to follow the document's own sections.
 */
export function chunkDocument(doc: ParsedDocument, options: ChunkOptions = {}): Chunk[] {
  const maxChars = Math.max(50, Math.floor(options.maxChars ?? 600));
  const overlap = Math.max(0, Math.min(Math.floor(options.overlap ?? 100), Math.floor(maxChars / 2)));
  const chunks: Chunk[] = [];
  let current: Segment[] = [];

  const emit = (carryOverlap: boolean): void => {
    if (current.length === 0) return;
    const index = chunks.length;
    chunks.push({
      id: `${doc.id}#${index}`,
      docId: doc.id,
      source: doc.filename,
      kind: doc.kind,
      index,
      lineStart: current[0]!.line,
      lineEnd: current[current.length - 1]!.line,
      text: current.map((s) => s.text).join('\n'),
    });
    const carried: Segment[] = [];
    if (carryOverlap) {
      for (let i = current.length - 1; i > 0; i--) {
        const next = [current[i]!, ...carried];
        if (joinedLength(next) > overlap) break;
        carried.unshift(current[i]!);
      }
    }
    current = carried;
  };

  doc.lines.forEach((raw, i) => {
    const line = i + 1;
    if (raw.trim() === '') {
      if (joinedLength(current) >= maxChars / 2) emit(false);
      return;
    }
    for (const text of splitLong(raw, maxChars)) {
      const seg = { line, text };
      if (current.length > 0 && joinedLength([...current, seg]) > maxChars) {
        emit(true);
        // The carried overlap plus this segment may still not fit: then drop the overlap.
        if (joinedLength([...current, seg]) > maxChars) current = [];
      }
      current.push(seg);
    }
  });
  emit(false);
  return chunks;
}

/** The citation shape the interview plan stores (QuestionSource.refs). */
export function chunkCitation(chunk: Chunk): { source: string; lineStart: number; lineEnd: number; quote: string } {
  return { source: chunk.source, lineStart: chunk.lineStart, lineEnd: chunk.lineEnd, quote: chunk.text };
}

/** "resume.pdf line 4" / "resume.pdf lines 12-14". */
export function formatLineRange(source: string, lineStart: number, lineEnd: number): string {
  return lineStart === lineEnd ? `${source} line ${lineStart}` : `${source} lines ${lineStart}-${lineEnd}`;
}
