import type { HealthSources, ProviderHealth } from '../api/health.ts';
import type { Config } from '../config.ts';
import type { ProviderChain } from '../engine/llm/chain.ts';
import type { AppParts } from './parts.ts';

/**
 * How customize interviews retrieve right now, for /health: dense + lexical when an embedding
 * model is reachable (the GPU server's, while its probe says so; Gemini/OpenAI or a local ONNX
 * model when configured), otherwise lexical. Plans are still personal without any model.
 */
export function customizeRetrieval(c: Config, gpu: { gpuEmbeddingsAvailable(): boolean } | null): 'hybrid' | 'lexical' {
  if (c.GPU_SERVER_URL && c.EMBEDDINGS_MODEL && gpu?.gpuEmbeddingsAvailable()) return 'hybrid';
  if (c.LOCAL_EMBEDDINGS_MODEL_PATH) return 'hybrid';
  if (c.EMBEDDINGS_MODEL && (c.OPENAI_API_KEY || c.GEMINI_API_KEY)) return 'hybrid';
  return 'lexical';
}

/** The language-model chain's health as /health lists it: one entry per provider and model. */
export async function providerHealth(chain: Pick<ProviderChain, 'health'>): Promise<ProviderHealth[]> {
  return (await chain.health()).map((p) => ({
    name: p.provider,
    configured: p.configured,
    ok: p.configured && p.ok,
    model: p.model,
    state: p.state,
    ...((p.lastError ?? p.detail) ? { detail: p.lastError ?? p.detail } : {}),
  }));
}

/** The /health sources of the parts that are on. Surfaces add themselves as components when they start. */
export function healthSourcesOf(config: Config, parts: Pick<AppParts, 'models' | 'speech'>): HealthSources {
  const models = parts.models;
  const gpu = parts.speech?.health ?? null;
  return {
    ...(models ? { providers: () => providerHealth(models.chain), quota: async () => models.forecast.outlook(await models.chain.health()) } : {}),
    customize: () => customizeRetrieval(config, gpu),
  };
}
