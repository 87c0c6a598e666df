import type { Logger } from 'pino';
import { chunkDocument } from '../docs/chunk.ts';
import type { Chunk, DocumentKind } from '../docs/types.ts';
import { HybridIndex, stem } from '../rag/hybrid-index.ts';
import { originalLine, type CleanDoc } from './clean-doc.ts';
import type { EmbedderChoice } from './embedders.ts';

export interface Retrieval {
  index: HybridIndex;
  docs: Map<string, CleanDoc>;
  /** "hybrid (gpu:bge-small)", "lexical — GPU embeddings unavailable". */
  note: string;
}

/** A retrieved passage as the model sees it: whole original lines with their numbers. */
export interface Passage {
  source: string;
  kind: DocumentKind;
  lines: { n: number; text: string }[];
}

/**
 * Indexes the clean documents (instruction lines already out, so they can never be retrieved).
 * Chunk line numbers are clean ones; `passage()` maps them back.
 */
export async function buildRetrieval(docs: CleanDoc[], choice: EmbedderChoice, o: { logger?: Logger; signal?: AbortSignal } = {}): Promise<Retrieval> {
  const chunks: Chunk[] = docs.flatMap((d) => chunkDocument(d.clean, { maxChars: 500, overlap: 80 }));
  const index = await HybridIndex.build(chunks, { ...(choice.embedder ? { embedder: choice.embedder } : {}), ...(o.logger ? { logger: o.logger } : {}), ...(o.signal ? { signal: o.signal } : {}) });
  let note: string;
  if (index.mode === 'hybrid') note = `hybrid with ${choice.embedder!.name}${choice.why ? ` — ${choice.why}` : ''}`;
  else if (choice.embedder) note = `lexical — ${choice.embedder.name} failed${choice.why ? `; ${choice.why}` : ''}`;
  else note = `lexical — ${choice.why ?? 'no embedding model configured'}`;
  return { index, docs: new Map(docs.map((d) => [d.original.id, d])), note };
}

export function passage(r: Retrieval, chunk: Chunk): Passage | undefined {
  const d = r.docs.get(chunk.docId);
  if (!d) return undefined;
  const lines: Passage['lines'] = [];
  for (let n = chunk.lineStart; n <= chunk.lineEnd; n++) {
    const text = d.clean.lines[n - 1] ?? '';
    if (text.trim()) lines.push({ n: originalLine(d, n), text });
  }
  return { source: d.original.filename, kind: d.original.kind, lines };
}

const STOP = new Set('about after also and are based been but by can for from has have into its more our over that the their then them they this those through using was were which while will with work your'.split(' '));

/** Content-word stems of a line, for "how much do these two lines talk about the same thing". */
export function stems(text: string): Set<string> {
  const out = new Set<string>();
  for (const w of text.toLowerCase().split(/[^\p{L}\p{N}+#]+/u)) {
    if (w.length < 3 || STOP.has(w)) continue;
    out.add(stem(w).slice(0, 6));
  }
  return out;
}
