import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { chunkDocument } from '../../../src/engine/docs/chunk.ts';
import { parsedFromText } from '../../../src/engine/docs/parse.ts';
import { EmbedderError } from '../../../src/engine/rag/embedder.ts';
import { HybridIndex } from '../../../src/engine/rag/hybrid-index.ts';
import { OnnxEmbedder } from '../../../src/engine/rag/onnx-embedder.ts';
import { buildTinyBertOnnx, tinyEmbeddingTable, tinyTokenizerJson } from './tiny-onnx.ts';

const VOCAB = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', 'kafka', 'consumer', '##s', 'cut', 'latency', 'by', '40', '%', 'payments', 'ledger'];
const DIM = 8;
const table = tinyEmbeddingTable(VOCAB.length, DIM);
const dir = mkdtempSync(join(tmpdir(), 'onnx-embedder-'));
const modelPath = join(dir, 'model.onnx');
writeFileSync(modelPath, buildTinyBertOnnx(table, VOCAB.length, DIM));
writeFileSync(join(dir, 'tokenizer.json'), tinyTokenizerJson(VOCAB));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** What the embedder should produce: unit-length mean of the token vectors, [CLS]/[SEP] included. */
function expected(tokens: string[]): number[] {
  const v = new Array<number>(DIM).fill(0);
  for (const t of ['[CLS]', ...tokens, '[SEP]']) {
    const row = VOCAB.indexOf(t);
    for (let k = 0; k < DIM; k++) v[k]! += table[row * DIM + k]!;
  }
  const norm = Math.hypot(...v);
  return v.map((x) => x / norm);
}

describe('ONNX sentence embedder (tiny BERT-shaped model generated in the test)', () => {
  test('mean-pools token vectors under the attention mask and normalises', async () => {
    const e = new OnnxEmbedder({ modelPath });
    const [v] = await e.embed(['Kafka consumers']);
    const want = expected(['kafka', 'consumer', '##s']);
    Array.from(v!).forEach((x, i) => expect(x).toBeCloseTo(want[i]!, 5));
    expect(e.name).toBe('onnx:model.onnx');
  });

  test('padding in a batch does not change a short text’s vector', async () => {
    const e = new OnnxEmbedder({ modelPath, batchSize: 8 });
    const [alone] = await e.embed(['latency']);
    const [short, long] = await e.embed(['latency', 'cut latency by 40 % payments ledger kafka consumers']);
    Array.from(short!).forEach((x, i) => expect(x).toBeCloseTo(alone![i]!, 6));
    expect(Array.from(long!)).not.toEqual(Array.from(short!));
  });

  test('a missing model file fails with a clear, non-retryable error', async () => {
    const e = new OnnxEmbedder({ modelPath: join(dir, 'nope.onnx') });
    const err = await e.embed(['x']).catch((x: unknown) => x);
    expect(err).toBeInstanceOf(EmbedderError);
    expect(err).toMatchObject({ retryable: false, message: expect.stringContaining('ONNX embedding model not found') });
  });

  test('a missing tokenizer is named in the error', async () => {
    const e = new OnnxEmbedder({ modelPath, tokenizerPath: join(dir, 'missing-tokenizer.json') });
    await expect(e.embed(['x'])).rejects.toThrow(/Tokenizer not found at .*missing-tokenizer\.json/);
  });

  test('a HybridIndex over a missing model is lexical and records why', async () => {
    const doc = parsedFromText('Kafka consumers\n\nCut latency by 40%', { filename: 'r.txt', kind: 'resume' });
    const index = await HybridIndex.build(chunkDocument(doc, { maxChars: 50 }), { embedder: new OnnxEmbedder({ modelPath: '/nonexistent/model.onnx' }) });
    expect(index.mode).toBe('lexical');
    expect(index.degradedReason).toMatch(/ONNX embedding model not found at "\/nonexistent\/model\.onnx"/);
  });

  test('a working model makes the index hybrid', async () => {
    const doc = parsedFromText('Kafka consumers\n\nCut latency by 40%\n\npayments ledger', { filename: 'r.txt', kind: 'resume' });
    const index = await HybridIndex.build(chunkDocument(doc, { maxChars: 20, overlap: 0 }), { embedder: new OnnxEmbedder({ modelPath }) });
    expect(index.mode).toBe('hybrid');
    const [top] = await index.search('ledger payments', 1);
    expect(top!.chunk.text).toBe('payments ledger');
    expect(top!.denseRank).toBe(1);
  });
});
