import MiniSearch from 'minisearch';
import type { Logger } from 'pino';
import { defaultSkillMatcher } from '../docs/skill-matcher.ts';
import type { Chunk, DocumentKind } from '../docs/types.ts';
import type { Embedder } from './embedder.ts';
import { reciprocalRankFusion } from './rrf.ts';
import { topK, VectorMatrix } from './vector.ts';

export interface SearchHit {
  chunk: Chunk;
  /** Fused reciprocal-rank score; higher is better. Comparable only within one result list. */
  score: number;
  /** 1-based rank in the BM25 list, when the chunk was in it. */
  lexicalRank?: number;
  /** 1-based rank in the embedding list, when the chunk was in it. */
  denseRank?: number;
  /** Raw BM25+ score, for callers that want a "nothing relevant" threshold. */
  lexicalScore?: number;
  /** Cosine similarity with the query. */
  denseScore?: number;
}

export interface HybridIndexOptions {
  /** Without one (or when it fails while building) the index is lexical only. */
  embedder?: Embedder;
  logger?: Logger;
  /** RRF constant; 60 is the value from the original paper and rarely worth changing. */
  rrfK?: number;
  /** How many candidates each ranking contributes to the fusion. */
  candidates?: number;
  signal?: AbortSignal;
}

export interface SearchOptions {
  /** Only chunks of this document kind (e.g. just the resume). */
  kind?: DocumentKind;
  signal?: AbortSignal;
}

const STOPWORDS = new Set(
  'a an and are as at be but by for from has have i in is it its of on or our that the their this to was we were will with you your'.split(' '),
);

/** Scripts written without spaces between words (Chinese, Japanese). */
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
/** A lone hiragana character is a particle (の, は, を): no more a keyword than "of". */
const PARTICLE = /^\p{Script=Hiragana}$/u;
const SEGMENTER = new Intl.Segmenter(undefined, { granularity: 'word' });
const NON_WORD = /[^\p{L}\p{M}\p{N}+#]+/u;

/**
 * Words keep "+" and "#" so C++ and C# stay themselves; "Node.js" becomes "node" + "js".
 * Marks stay inside words (Devanagari vowel signs are marks). Runs of Chinese or Japanese have
 * no spaces to split on: the platform's word segmenter (ICU dictionaries) cuts them into words.
 */
export function tokenize(text: string): string[] {
  // Most text has no Chinese or Japanese at all: one test, then the plain split.
  if (!UNSPACED.test(text)) return text.split(NON_WORD).filter((t) => t !== '');
  const out: string[] = [];
  for (const part of text.split(NON_WORD)) {
    if (!part) continue;
    if (!UNSPACED.test(part)) {
      out.push(part);
      continue;
    }
    for (const s of SEGMENTER.segment(part)) if (s.isWordLike && !PARTICLE.test(s.segment)) out.push(s.segment);
  }
  return out;
}

/**
 * A deliberately light, English-only suffix stripper (any word with a letter outside a-z, such as
 * accented, Devanagari, Hangul or CJK words, is left whole) so "migrated", "migration" and "migrate" meet, and so do
 * "latency"/"latencies". Applied identically to chunks and queries, so its imperfections cancel out.
 */
export function stem(word: string): string {
  let w = word;
  if (w.length <= 4 || /[^a-z]/.test(w)) return w;
  if (w.endsWith('ies')) w = `${w.slice(0, -3)}y`;
  else if (/(ions|ion|ing|ed)$/.test(w)) w = w.replace(/(ions|ion|ing|ed)$/, '');
  else if (w.endsWith('s') && !/(ss|us|is)$/.test(w)) w = w.slice(0, -1);
  if (w.length > 4 && w.endsWith('e')) w = w.slice(0, -1);
  return w.length >= 3 ? w : word;
}

function processTerm(term: string): string | null {
  const t = term.toLowerCase();
  return STOPWORDS.has(t) ? null : stem(t);
}

/** Adds canonical skill names so "k8s" finds "Kubernetes" and "postgres" finds "PostgreSQL". */
function withSkillSynonyms(text: string): string {
  const names = defaultSkillMatcher().names(text);
  return names.length ? `${text}\n${names.join(' ')}` : text;
}

/**
 * Retrieval over document chunks: BM25+ (MiniSearch) always, plus cosine similarity over embeddings
 * when an embedder works, combined by reciprocal-rank fusion. An embedder failure never fails the
 * index: building falls back to lexical (with `degradedReason`), a failed query embedding answers
 * that query lexically.
 */
export class HybridIndex {
  readonly mode: 'lexical' | 'hybrid';
  readonly degradedReason?: string;
  /** Queries answered lexically because embedding the query failed. */
  queryFallbacks = 0;
  private readonly chunks: Chunk[];
  private readonly lexical: MiniSearch<{ id: number; text: string }>;
  private readonly dense?: VectorMatrix;
  private readonly embedder?: Embedder;
  private readonly logger?: Logger;
  private readonly rrfK: number;
  private readonly candidates: number;

  private constructor(
    chunks: Chunk[],
    lexical: MiniSearch<{ id: number; text: string }>,
    opts: HybridIndexOptions,
    dense?: VectorMatrix,
    degradedReason?: string,
  ) {
    this.chunks = chunks;
    this.lexical = lexical;
    this.rrfK = opts.rrfK ?? 60;
    this.candidates = opts.candidates ?? 50;
    if (opts.logger) this.logger = opts.logger;
    if (dense && opts.embedder) {
      this.dense = dense;
      this.embedder = opts.embedder;
    }
    this.mode = this.dense ? 'hybrid' : 'lexical';
    if (degradedReason) this.degradedReason = degradedReason;
  }

  static async build(chunks: Chunk[], opts: HybridIndexOptions = {}): Promise<HybridIndex> {
    const list = [...chunks];
    const lexical = new MiniSearch<{ id: number; text: string }>({
      fields: ['text'],
      tokenize,
      processTerm,
      searchOptions: { combineWith: 'OR', prefix: (t) => t.length >= 4, fuzzy: (t) => (t.length >= 6 ? 0.15 : false) },
    });
    lexical.addAll(list.map((c, id) => ({ id, text: withSkillSynonyms(c.text) })));

    if (!opts.embedder || list.length === 0) return new HybridIndex(list, lexical, opts);
    const embedder = opts.embedder;
    try {
      const vectors = await embedder.embed(
        list.map((c) => c.text),
        opts.signal,
      );
      if (vectors.length !== list.length) throw new Error(`got ${vectors.length} vectors for ${list.length} chunks`);
      return new HybridIndex(list, lexical, opts, new VectorMatrix(vectors));
    } catch (e) {
      const reason = `${embedder.name} failed while indexing (${(e as Error)?.message ?? String(e)}); using keyword search only`;
      opts.logger?.warn({ embedder: embedder.name, err: e }, 'embedding failed; retrieval is lexical only');
      return new HybridIndex(list, lexical, opts, undefined, reason);
    }
  }

  get size(): number {
    return this.chunks.length;
  }

  /** BM25+ only; synchronous. */
  searchLexical(query: string, k = 5, opts: Omit<SearchOptions, 'signal'> = {}): SearchHit[] {
    if (k <= 0 || query.trim() === '') return [];
    const lex = this.lexicalRanking(query, opts.kind);
    return lex.slice(0, k).map((r, i) => ({ chunk: this.chunks[r.id]!, score: 1 / (this.rrfK + i + 1), lexicalRank: i + 1, lexicalScore: r.score }));
  }

  async search(query: string, k = 5, opts: SearchOptions = {}): Promise<SearchHit[]> {
    if (k <= 0 || query.trim() === '') return [];
    if (!this.dense || !this.embedder) return this.searchLexical(query, k, opts);
    let qv: Float32Array | undefined;
    try {
      qv = (await this.embedder.embed([query], opts.signal))[0];
      if (!qv || qv.length !== this.dense.dim) throw new Error(`query vector has ${qv?.length ?? 0} dimensions, index has ${this.dense.dim}`);
    } catch (e) {
      this.queryFallbacks++;
      this.logger?.warn({ embedder: this.embedder.name, err: e }, 'query embedding failed; answering with keyword search');
      return this.searchLexical(query, k, opts);
    }
    const lex = this.lexicalRanking(query, opts.kind);
    const sims = this.dense.similarities(qv);
    const allow = opts.kind ? (i: number) => this.chunks[i]!.kind === opts.kind : undefined;
    const denseIds = topK(sims, this.candidates, allow);
    const fused = reciprocalRankFusion([lex.slice(0, this.candidates).map((r) => r.id), denseIds], this.rrfK);
    const lexScore = new Map(lex.map((r) => [r.id, r.score]));
    return fused.slice(0, k).map((f) => {
      const hit: SearchHit = { chunk: this.chunks[f.id]!, score: f.score, denseScore: sims[f.id]! };
      const lr = f.ranks[0];
      const dr = f.ranks[1];
      if (lr !== undefined) {
        hit.lexicalRank = lr;
        hit.lexicalScore = lexScore.get(f.id)!;
      }
      if (dr !== undefined) hit.denseRank = dr;
      return hit;
    });
  }

  private lexicalRanking(query: string, kind?: DocumentKind): { id: number; score: number }[] {
    const filter = kind ? (r: { id: unknown }) => this.chunks[r.id as number]!.kind === kind : undefined;
    return this.lexical
      .search(withSkillSynonyms(query), filter ? { filter } : {})
      .map((r) => ({ id: r.id as number, score: r.score }));
  }
}
