import type { Embedder } from '../rag/embedder.ts';
import { GeminiEmbedder } from '../rag/gemini-embedder.ts';
import { OnnxEmbedder } from '../rag/onnx-embedder.ts';
import { gpuServerEmbedder, OpenAIEmbedder } from '../rag/openai-embedder.ts';
import { resilientEmbedder } from '../rag/resilient-embedder.ts';

/** The slice of config that decides dense retrieval. */
export interface EmbeddingSettings {
  GPU_SERVER_URL?: string | undefined;
  GPU_SERVER_API_KEY?: string | undefined;
  EMBEDDINGS_MODEL?: string | undefined;
  GEMINI_API_KEY?: string | undefined;
  GEMINI_BASE_URL?: string | undefined;
  OPENAI_API_KEY?: string | undefined;
  OPENAI_BASE_URL?: string | undefined;
  LOCAL_EMBEDDINGS_MODEL_PATH?: string | undefined;
}

/** What the GPU health probe says (src/gpu/health.ts GpuHealth fits). */
export interface GpuEmbeddingSignal {
  gpuEmbeddingsAvailable(): boolean;
  /** Probes now; called when no probe has finished yet (or the last one is stale). */
  check?(): Promise<unknown>;
  status?(): { lastCheckedAt: string | null };
}

export interface EmbedderChoice {
  embedder?: Embedder;
  /** Why retrieval is not on the first choice (e.g. "GPU embeddings unavailable"). */
  why?: string;
}

export type EmbedderSource = (signal?: AbortSignal) => Promise<EmbedderChoice>;

const GEMINI_MODEL = /gemini|^(models\/)?(text-)?embedding-00\d/i;
const OPENAI_MODEL = /^text-embedding-(3|ada)|ada-00/i;

/**
 * Picks the embedder for one plan, in order: the GPU server's /v1/embeddings when GPU_SERVER_URL
 * is set and the probe says it serves EMBEDDINGS_MODEL; else Gemini or OpenAI embeddings when
 * keyed and EMBEDDINGS_MODEL names one of their models; else a local ONNX model
 * (LOCAL_EMBEDDINGS_MODEL_PATH); else none (keyword retrieval). Embedders are built once.
 */
export function embedderSource(c: EmbeddingSettings, gpu?: GpuEmbeddingSignal, o: { timeoutMs?: number; staleMs?: number } = {}): EmbedderSource {
  const model = c.EMBEDDINGS_MODEL;
  const timeoutMs = o.timeoutMs ?? 5000;
  const gpuEmbedder = c.GPU_SERVER_URL && model ? resilientEmbedder(gpuServerEmbedder({ gpuServerUrl: c.GPU_SERVER_URL, model, timeoutMs, maxRetries: 0, ...(c.GPU_SERVER_API_KEY ? { apiKey: c.GPU_SERVER_API_KEY } : {}) }), { timeoutMs }) : undefined;
  let remote: Embedder | undefined;
  if (model && c.OPENAI_API_KEY && OPENAI_MODEL.test(model)) {
    remote = new OpenAIEmbedder({ model, apiKey: c.OPENAI_API_KEY, timeoutMs, maxRetries: 1, ...(c.OPENAI_BASE_URL ? { baseURL: c.OPENAI_BASE_URL } : {}) });
  } else if (model && c.GEMINI_API_KEY && GEMINI_MODEL.test(model)) {
    remote = new GeminiEmbedder({ apiKey: c.GEMINI_API_KEY, model, timeoutMs, ...(c.GEMINI_BASE_URL ? { baseUrl: c.GEMINI_BASE_URL } : {}) });
  } else if (model && c.OPENAI_API_KEY && !c.GPU_SERVER_URL) {
    // Without a GPU server, EMBEDDINGS_MODEL with an OpenAI key means the OpenAI-compatible endpoint (which may be self-hosted).
    remote = new OpenAIEmbedder({ model, apiKey: c.OPENAI_API_KEY, timeoutMs, maxRetries: 1, ...(c.OPENAI_BASE_URL ? { baseURL: c.OPENAI_BASE_URL } : {}) });
  }
  // Remote calls get the chain's retries, breaker and deadline; the local model needs none.
  if (remote) remote = resilientEmbedder(remote, { timeoutMs });
  const local = c.LOCAL_EMBEDDINGS_MODEL_PATH ? new OnnxEmbedder({ modelPath: c.LOCAL_EMBEDDINGS_MODEL_PATH }) : undefined;
  let lastProbe = 0;

  return async () => {
    let why: string | undefined;
    if (gpuEmbedder) {
      const stale = Date.now() - lastProbe > (o.staleMs ?? 30_000);
      if (gpu?.check && (gpu.status?.().lastCheckedAt == null || stale)) {
        lastProbe = Date.now();
        await gpu.check().catch(() => undefined);
      }
      if (!gpu || gpu.gpuEmbeddingsAvailable()) return { embedder: gpuEmbedder };
      why = 'GPU embeddings unavailable';
    } else if (c.GPU_SERVER_URL && !model) {
      why = 'EMBEDDINGS_MODEL is not set';
    }
    const next = remote ?? local;
    if (next) return why ? { embedder: next, why } : { embedder: next };
    return { why: why ?? 'no embedding model configured' };
  };
}
