// An embedder behind the one fallback chain (src/resilience): a retryable failure (timeout, 429,
// 5xx, dropped connection) is tried again with backoff inside a deadline, and a provider that keeps
// failing is skipped for a while by its breaker. One provider per chain on purpose: vectors from two
// models cannot be compared, so falling over to another model mid-plan would mix them.
import { FallbackChain } from '../../resilience/fallback-chain.ts';
import { EmbedderError, type Embedder } from './embedder.ts';

export function resilientEmbedder(inner: Embedder, o: { timeoutMs: number }): Embedder {
  const chain = new FallbackChain([{ name: inner.name, provider: inner, gpu: false, timeoutMs: o.timeoutMs }], {
    capability: 'embeddings',
    deadlineMs: o.timeoutMs * 2,
    noneAnswered: (_tried, errors) => errors.at(-1) ?? new EmbedderError(inner.name, `${inner.name}: skipped after repeated failures`, { retryable: false }),
  });
  return {
    name: inner.name,
    ...(inner.dimensions !== undefined ? { dimensions: inner.dimensions } : {}),
    embed: async (texts, signal) => (await chain.run((e, s) => e.embed(texts, s), signal ? { signal } : {})).value,
  };
}
