import OpenAI from 'openai';
import { batches, checkVectors, EmbedderError, toEmbedderError, type Embedder } from './embedder.ts';

export interface OpenAIEmbedderOptions {
  model: string;
  /** e.g. "https://api.openai.com/v1" or `${GPU_SERVER_URL}/v1`. */
  baseURL?: string;
  /** Local servers often need none; the SDK requires a string, so "none" is sent. */
  apiKey?: string;
  /** Ask for shorter vectors (text-embedding-3 models support this). */
  dimensions?: number;
  /** Inputs per request; local GPU servers prefer small batches. */
  batchSize?: number;
  /**
   * 'float' works with every OpenAI-compatible server; 'base64' is smaller on the wire
   * (OpenAI, vLLM, llama.cpp and TEI support it).
   */
  encodingFormat?: 'float' | 'base64';
  timeoutMs?: number;
  maxRetries?: number;
  /** Overrides the name shown in logs, e.g. "gpu:bge-small". */
  name?: string;
}

function decodeBase64(s: string): Float32Array {
  const bytes = Buffer.from(s, 'base64');
  // Copy into an aligned buffer: Buffer pool offsets need not be multiples of 4.
  return new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
}

/** Embeddings over the OpenAI `/v1/embeddings` wire format (OpenAI itself or a self-hosted server). */
export class OpenAIEmbedder implements Embedder {
  readonly name: string;
  readonly dimensions?: number;
  private readonly client: OpenAI;
  private readonly model: string;
  private readonly batchSize: number;
  private readonly encodingFormat: 'float' | 'base64';

  constructor(opts: OpenAIEmbedderOptions) {
    this.model = opts.model;
    this.name = opts.name ?? `openai-compatible:${opts.model}`;
    if (opts.dimensions !== undefined) this.dimensions = opts.dimensions;
    this.batchSize = Math.max(1, opts.batchSize ?? 64);
    this.encodingFormat = opts.encodingFormat ?? 'float';
    this.client = new OpenAI({
      apiKey: opts.apiKey ?? 'none',
      baseURL: opts.baseURL,
      timeout: opts.timeoutMs ?? 30_000,
      maxRetries: opts.maxRetries ?? 2,
    });
  }

  async embed(texts: string[], signal?: AbortSignal): Promise<Float32Array[]> {
    const out: Float32Array[] = [];
    for (const batch of batches(texts, this.batchSize)) {
      let res: OpenAI.Embeddings.CreateEmbeddingResponse;
      try {
        res = await this.client.embeddings.create(
          {
            model: this.model,
            // The API rejects empty strings; a space embeds as "nothing" without failing the batch.
            input: batch.map((t) => (t.trim() === '' ? ' ' : t)),
            encoding_format: this.encodingFormat,
            ...(this.dimensions !== undefined ? { dimensions: this.dimensions } : {}),
          },
          { signal },
        );
      } catch (e) {
        throw toEmbedderError(this.name, e, signal);
      }
      if (!Array.isArray(res?.data)) throw new EmbedderError(this.name, `${this.name}: response had no data array`, { retryable: false });
      const vectors = new Array<Float32Array>(batch.length);
      for (const item of res.data) {
        const idx = item.index;
        if (!Number.isInteger(idx) || idx < 0 || idx >= batch.length) {
          throw new EmbedderError(this.name, `${this.name}: response index ${String(idx)} out of range`, { retryable: false });
        }
        const e = item.embedding as unknown;
        vectors[idx] = typeof e === 'string' ? decodeBase64(e) : Float32Array.from(e as ArrayLike<number>);
      }
      out.push(...checkVectors(this.name, Array.from(vectors).filter(Boolean), batch.length, this.dimensions ?? out[0]?.length));
    }
    return out;
  }
}

/** The project's GPU server (`GPU_SERVER_URL`) speaks the OpenAI wire format under /v1. */
export function gpuServerEmbedder(opts: Omit<OpenAIEmbedderOptions, 'baseURL'> & { gpuServerUrl: string }): OpenAIEmbedder {
  const { gpuServerUrl, ...rest } = opts;
  return new OpenAIEmbedder({ name: `gpu:${opts.model}`, batchSize: 32, ...rest, baseURL: `${gpuServerUrl.replace(/\/+$/, '')}/v1` });
}
