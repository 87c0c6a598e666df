/** Retrieval over document chunks: BM25 always, embeddings when available, fused by rank. */
export { EmbedderError, type Embedder } from './embedder.ts';
export { GeminiEmbedder, type GeminiEmbedderOptions } from './gemini-embedder.ts';
export { HybridIndex, type HybridIndexOptions, type SearchHit, type SearchOptions } from './hybrid-index.ts';
export { OnnxEmbedder, type OnnxEmbedderOptions } from './onnx-embedder.ts';
export { gpuServerEmbedder, OpenAIEmbedder, type OpenAIEmbedderOptions } from './openai-embedder.ts';
export { reciprocalRankFusion, type Fused } from './rrf.ts';
export { WordPieceTokenizer, type Encoding } from './wordpiece.ts';
