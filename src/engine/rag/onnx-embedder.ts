import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { InferenceSession, Tensor } from 'onnxruntime-node';
import { batches, checkVectors, EmbedderError, type Embedder } from './embedder.ts';
import { l2normalize } from './vector.ts';
import { WordPieceTokenizer } from './wordpiece.ts';

export interface OnnxEmbedderOptions {
  /** Path to a sentence-embedding model in ONNX format (BERT-style inputs). */
  modelPath: string;
  /** tokenizer.json (or vocab.txt); default: tokenizer.json, then vocab.txt, next to the model. */
  tokenizerPath?: string;
  /** Tokens per text, [CLS]/[SEP] included. Default: the tokenizer's, else 256. */
  maxLength?: number;
  batchSize?: number;
  /** Unit-length output (what cosine similarity wants). Default true. */
  normalize?: boolean;
  /** CPU threads for one inference; small by default so embedding never starves the bot. */
  threads?: number;
  name?: string;
}

interface Loaded {
  session: InferenceSession;
  tokenizer: WordPieceTokenizer;
  TensorCtor: typeof Tensor;
  output: string;
}

/**
 * Local sentence embeddings with onnxruntime-node: WordPiece tokenisation, one batched inference,
 * mean pooling over `last_hidden_state` weighted by the attention mask (so padding never counts).
 * The model loads lazily on first use; a missing file fails that call with a clear, non-retryable error.
 */
export class OnnxEmbedder implements Embedder {
  readonly name: string;
  private readonly opts: OnnxEmbedderOptions;
  private loading?: Promise<Loaded>;

  constructor(opts: OnnxEmbedderOptions) {
    this.opts = opts;
    this.name = opts.name ?? `onnx:${opts.modelPath.split(/[\\/]/).pop() ?? 'model'}`;
  }

  private fail(message: string, cause?: unknown): EmbedderError {
    return new EmbedderError(this.name, message, { retryable: false, cause });
  }

  private tokenizerFile(): string {
    if (this.opts.tokenizerPath) return this.opts.tokenizerPath;
    const dir = dirname(this.opts.modelPath);
    const candidates = [join(dir, 'tokenizer.json'), join(dir, 'vocab.txt')];
    return candidates.find((p) => existsSync(p)) ?? candidates[0]!;
  }

  private async load(): Promise<Loaded> {
    const { modelPath } = this.opts;
    if (!modelPath || !existsSync(modelPath)) throw this.fail(`ONNX embedding model not found at "${modelPath}"`);
    const tokPath = this.tokenizerFile();
    if (!existsSync(tokPath)) throw this.fail(`Tokenizer not found at "${tokPath}" (expected tokenizer.json or vocab.txt next to the model)`);
    let tokenizer: WordPieceTokenizer;
    try {
      const text = readFileSync(tokPath, 'utf8');
      tokenizer = tokPath.endsWith('.txt') ? WordPieceTokenizer.fromVocabTxt(text) : WordPieceTokenizer.fromTokenizerJson(text);
    } catch (e) {
      throw this.fail(`Tokenizer at "${tokPath}" could not be used: ${(e as Error).message}`, e);
    }
    // Imported here so merely importing the RAG layer never loads the native runtime.
    const ort = await import('onnxruntime-node');
    let session: InferenceSession;
    try {
      session = await ort.InferenceSession.create(modelPath, {
        intraOpNumThreads: this.opts.threads ?? 1,
        interOpNumThreads: 1,
        graphOptimizationLevel: 'all',
      });
    } catch (e) {
      throw this.fail(`ONNX model at "${modelPath}" could not be loaded`, e);
    }
    if (!session.inputNames.includes('input_ids')) throw this.fail(`ONNX model has no input_ids input (inputs: ${session.inputNames.join(', ')})`);
    const output = ['last_hidden_state', 'token_embeddings', 'sentence_embedding'].find((n) => session.outputNames.includes(n)) ?? session.outputNames[0]!;
    return { session, tokenizer, TensorCtor: ort.Tensor, output };
  }

  async embed(texts: string[], signal?: AbortSignal): Promise<Float32Array[]> {
    this.loading ??= this.load();
    let loaded: Loaded;
    try {
      loaded = await this.loading;
    } catch (e) {
      this.loading = undefined; // a later call may find the file (e.g. after a download)
      throw e;
    }
    const out: Float32Array[] = [];
    for (const batch of batches(texts, Math.max(1, this.opts.batchSize ?? 16))) {
      if (signal?.aborted) throw this.fail(`${this.name}: embedding was cancelled`);
      out.push(...(await this.run(loaded, batch)));
    }
    return checkVectors(this.name, out, texts.length);
  }

  private async run({ session, tokenizer, TensorCtor, output }: Loaded, texts: string[]): Promise<Float32Array[]> {
    const maxLength = this.opts.maxLength ?? tokenizer.maxLength;
    const encodings = texts.map((t) => tokenizer.encode(t, maxLength));
    const seq = Math.max(...encodings.map((e) => e.ids.length));
    const n = texts.length;
    const ids = new BigInt64Array(n * seq).fill(BigInt(tokenizer.padId));
    const mask = new BigInt64Array(n * seq);
    const types = new BigInt64Array(n * seq);
    encodings.forEach((e, b) => {
      e.ids.forEach((id, t) => {
        ids[b * seq + t] = BigInt(id);
        mask[b * seq + t] = 1n;
        types[b * seq + t] = BigInt(e.typeIds[t]!);
      });
    });
    const feeds: Record<string, Tensor> = {};
    const all: Record<string, BigInt64Array> = { input_ids: ids, attention_mask: mask, token_type_ids: types };
    // Feed only what the model declares: many exported models drop token_type_ids.
    for (const name of session.inputNames) {
      const data = all[name];
      if (!data) throw this.fail(`ONNX model wants an input this embedder cannot provide: ${name}`);
      feeds[name] = new TensorCtor('int64', data, [n, seq]);
    }
    let result: InferenceSession.ReturnType;
    try {
      result = await session.run(feeds);
    } catch (e) {
      throw this.fail(`${this.name}: inference failed`, e);
    }
    const tensor = result[output]!;
    const data = tensor.data as Float32Array;
    const dims = tensor.dims;
    const vectors: Float32Array[] = [];
    if (dims.length === 2) {
      const d = dims[1]!;
      for (let b = 0; b < n; b++) vectors.push(data.slice(b * d, (b + 1) * d));
    } else if (dims.length === 3) {
      const [, s, d] = dims as [number, number, number];
      for (let b = 0; b < n; b++) {
        const v = new Float32Array(d);
        let count = 0;
        for (let t = 0; t < s; t++) {
          if (mask[b * seq + t] !== 1n) continue;
          count++;
          const base = (b * s + t) * d;
          for (let k = 0; k < d; k++) v[k]! += data[base + k]!;
        }
        for (let k = 0; k < d; k++) v[k]! /= Math.max(1, count);
        vectors.push(v);
      }
    } else {
      throw this.fail(`${this.name}: unexpected output shape [${dims.join(', ')}]`);
    }
    return this.opts.normalize === false ? vectors : vectors.map(l2normalize);
  }
}
