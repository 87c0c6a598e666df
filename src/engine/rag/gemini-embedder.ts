import { GoogleGenAI } from '@google/genai';
import { batches, checkVectors, EmbedderError, toEmbedderError, type Embedder } from './embedder.ts';

export interface GeminiEmbedderOptions {
  apiKey: string;
  /** Default "gemini-embedding-001". */
  model?: string;
  /** Point the SDK elsewhere (a proxy, or a fake server in tests). */
  baseUrl?: string;
  /** API version path segment; the SDK's default ("v1" in @google/genai 3.x) when absent. */
  apiVersion?: string;
  /** Truncate vectors to this length (Matryoshka-style models support it). */
  dimensions?: number;
  /** e.g. "RETRIEVAL_DOCUMENT" / "RETRIEVAL_QUERY". */
  taskType?: string;
  /** The API accepts at most 100 texts per batch call. */
  batchSize?: number;
  timeoutMs?: number;
}

/** Gemini embeddings through @google/genai (`models.embedContent`, sent as batchEmbedContents). */
export class GeminiEmbedder implements Embedder {
  readonly name: string;
  readonly dimensions?: number;
  private readonly ai: GoogleGenAI;
  private readonly model: string;
  private readonly taskType?: string;
  private readonly batchSize: number;

  constructor(opts: GeminiEmbedderOptions) {
    this.model = opts.model ?? 'gemini-embedding-001';
    this.name = `gemini:${this.model}`;
    if (opts.dimensions !== undefined) this.dimensions = opts.dimensions;
    if (opts.taskType !== undefined) this.taskType = opts.taskType;
    this.batchSize = Math.min(100, Math.max(1, opts.batchSize ?? 100));
    this.ai = new GoogleGenAI({
      apiKey: opts.apiKey,
      httpOptions: {
        ...(opts.baseUrl ? { baseUrl: opts.baseUrl } : {}),
        ...(opts.apiVersion ? { apiVersion: opts.apiVersion } : {}),
        timeout: opts.timeoutMs ?? 30_000,
      },
    });
  }

  async embed(texts: string[], signal?: AbortSignal): Promise<Float32Array[]> {
    const out: Float32Array[] = [];
    for (const batch of batches(texts, this.batchSize)) {
      let embeddings: { values?: number[] }[] | undefined;
      try {
        const res = await this.ai.models.embedContent({
          model: this.model,
          // Content objects, not bare strings: some models would merge bare strings into one input.
          contents: batch.map((text) => ({ role: 'user', parts: [{ text: text.trim() === '' ? ' ' : text }] })),
          config: {
            ...(this.dimensions !== undefined ? { outputDimensionality: this.dimensions } : {}),
            ...(this.taskType !== undefined ? { taskType: this.taskType } : {}),
            ...(signal ? { abortSignal: signal } : {}),
          },
        });
        embeddings = res.embeddings;
      } catch (e) {
        throw toEmbedderError(this.name, e, signal);
      }
      if (!Array.isArray(embeddings)) throw new EmbedderError(this.name, `${this.name}: response had no embeddings`, { retryable: false });
      const vectors = embeddings.map((e) => Float32Array.from(e.values ?? []));
      out.push(...checkVectors(this.name, vectors, batch.length, this.dimensions ?? out[0]?.length));
    }
    return out;
  }
}
