import type { Logger } from 'pino';
import { chunkDocument } from '../docs/chunk.ts';
import type { Chunk, DocumentKind } from '../docs/types.ts';
import type { Embedder } from '../rag/embedder.ts';
import { HybridIndex, stem, tokenize } from '../rag/hybrid-index.ts';
import { originalLine, type CleanDoc } from './clean-doc.ts';
import type { EmbedderChoice } from './embedders.ts';

export interface Retrieval {
  index: HybridIndex;
  docs: Map<string, CleanDoc>;
  /** "hybrid with gpu:bge-small", "lexical — GPU embeddings unavailable" (read it after the searches). */
  readonly note: string;
}

/**
 * After one failure every later call fails at once: a plan runs a dozen searches under one
 * deadline, and an embedder that just timed out would otherwise make each of them wait again.
 */
function failFast(e: Embedder): Embedder {
  let broken: unknown;
  return {
    name: e.name,
    ...(e.dimensions !== undefined ? { dimensions: e.dimensions } : {}),
    async embed(texts, signal) {
      if (broken) throw broken;
      try {
        return await e.embed(texts, signal);
      } catch (err) {
        broken = err;
        throw err;
      }
    },
  };
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
  const embedder = choice.embedder ? failFast(choice.embedder) : undefined;
  const index = await HybridIndex.build(chunks, { ...(embedder ? { embedder } : {}), ...(o.logger ? { logger: o.logger } : {}), ...(o.signal ? { signal: o.signal } : {}) });
  const why = choice.why ? ` — ${choice.why}` : '';
  return {
    index,
    docs: new Map(docs.map((d) => [d.original.id, d])),
    get note() {
      if (index.mode === 'hybrid') return index.queryFallbacks ? `hybrid with ${embedder!.name} until it failed, then lexical${why}` : `hybrid with ${embedder!.name}${why}`;
      if (embedder) return `lexical — ${embedder.name} failed${choice.why ? `; ${choice.why}` : ''}`;
      return `lexical — ${choice.why ?? 'no embedding model configured'}`;
    },
  };
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
  for (const w of tokenize(text.toLowerCase())) {
    // Two characters are a word in Chinese and Japanese; in Latin scripts they are mostly noise.
    if (w.length < (/^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]+$/u.test(w) ? 2 : 3) || STOP.has(w)) continue;
    out.add(stem(w).slice(0, 6));
  }
  return out;
}

/** Passages for the prompt: retrieved for each topic the rules found, merged per document, within a character budget. */
export async function selectPassages(r: Retrieval, queries: string[], o: { budget?: number; signal?: AbortSignal } = {}): Promise<Passage[]> {
  const budget = o.budget ?? 7000;
  const wanted = new Map<string, Set<number>>();
  let used = 0;
  const take = (p: Passage | undefined, docId: string): void => {
    if (!p) return;
    const set = wanted.get(docId) ?? new Set<number>();
    const fresh = p.lines.filter((l) => !set.has(l.n));
    const cost = fresh.reduce((n, l) => n + l.text.length + 8, 0);
    if (!fresh.length || used + cost > budget) return;
    used += cost;
    for (const l of fresh) set.add(l.n);
    wanted.set(docId, set);
  };
  for (const q of queries) {
    for (const h of await r.index.search(q, 2, o.signal ? { signal: o.signal } : {})) take(passage(r, h.chunk), h.chunk.docId);
  }
  // Every document is represented, even when no query found it.
  for (const [id, d] of r.docs) {
    if (wanted.has(id)) continue;
    for (let n = 1; n <= d.clean.lines.length && used < budget; n += 12) {
      take(passage(r, { id: `${id}#head`, docId: id, source: d.original.filename, kind: d.original.kind, index: 0, lineStart: n, lineEnd: Math.min(n + 11, d.clean.lines.length), text: '' }), id);
    }
  }
  const out: Passage[] = [];
  // In the documents' own order (resume before job description, as the user gave them).
  for (const [id, d] of r.docs) {
    const set = wanted.get(id);
    if (!set) continue;
    const lines = [...set].sort((a, b) => a - b).map((n) => ({ n, text: d.original.lines[n - 1]! }));
    out.push({ source: d.original.filename, kind: d.original.kind, lines });
  }
  return out;
}
