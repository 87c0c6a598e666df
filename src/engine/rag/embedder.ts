import { ServiceError, type FailureKind } from '../../resilience/errors.ts';
import { isAbortError } from '../../resilience/network.ts';
import { statusFailure } from '../../resilience/openai-errors.ts';

/** Turns texts into vectors. Implementations: OpenAI-compatible HTTP, Gemini, local ONNX. */
export interface Embedder {
  /** e.g. "openai:text-embedding-3-small"; shown in logs and in HybridIndex.degradedReason. */
  readonly name: string;
  /** Vector length when known up front. */
  readonly dimensions?: number;
  /** One vector per input text, in input order. */
  embed(texts: string[], signal?: AbortSignal): Promise<Float32Array[]>;
}

/** An embedding call failed. `retryable` says whether the same call may succeed later. */
export class EmbedderError extends ServiceError {
  constructor(provider: string, message: string, opts: { retryable: boolean; status?: number; cause?: unknown; kind?: FailureKind }) {
    const kind = opts.kind ?? (opts.status !== undefined ? statusFailure(opts.status).kind : opts.retryable ? 'network' : 'malformed');
    super({ provider, kind, message, retryable: opts.retryable, ...(opts.status !== undefined ? { status: opts.status } : {}), cause: opts.cause });
    this.name = 'EmbedderError';
  }
}

/** Rate limits, server errors and network failures pass; bad requests and bad keys do not. */
export function retryableStatus(status: number | undefined): boolean {
  return status === undefined || status === 408 || status === 409 || status === 429 || status >= 500;
}

/** Wraps any error from an SDK call into an EmbedderError without leaking request bodies or keys. */
export function toEmbedderError(provider: string, e: unknown, signal?: AbortSignal): EmbedderError {
  if (e instanceof EmbedderError) return e;
  // SDKs report a cancelled request in different ways (some as a connection error): trust the signal.
  if (signal?.aborted || isAbortError(e)) return new EmbedderError(provider, `${provider}: embedding request was cancelled`, { retryable: false, kind: 'aborted', cause: e });
  const status = e && typeof e === 'object' && 'status' in e && typeof e.status === 'number' ? e.status : undefined;
  const what = status !== undefined ? `HTTP ${status}` : 'network error';
  return new EmbedderError(provider, `${provider}: embedding request failed (${what})`, { retryable: retryableStatus(status), ...(status !== undefined ? { status } : {}), cause: e });
}

/** Splits `items` into consecutive batches of at most `size`. */
export function batches<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Checks a provider's answer: right count, one consistent finite dimension. */
export function checkVectors(provider: string, vectors: Float32Array[], expected: number, dimensions?: number): Float32Array[] {
  if (vectors.length !== expected) {
    throw new EmbedderError(provider, `${provider}: expected ${expected} embeddings, got ${vectors.length}`, { retryable: false });
  }
  const dim = dimensions ?? vectors[0]?.length;
  for (const v of vectors) {
    if (v.length === 0 || v.length !== dim) {
      throw new EmbedderError(provider, `${provider}: embeddings have inconsistent dimensions (${v.length} vs ${dim})`, { retryable: false });
    }
    for (let i = 0; i < v.length; i++) {
      if (!Number.isFinite(v[i]!)) throw new EmbedderError(provider, `${provider}: embedding contains a non-finite value`, { retryable: false });
    }
  }
  return vectors;
}
