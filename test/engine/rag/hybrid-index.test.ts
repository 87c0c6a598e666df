import { afterEach, describe, expect, test } from 'vitest';
import { chunkDocument } from '../../../src/engine/docs/chunk.ts';
import { parsedFromText } from '../../../src/engine/docs/parse.ts';
import type { Embedder } from '../../../src/engine/rag/embedder.ts';
import { HybridIndex, stem } from '../../../src/engine/rag/hybrid-index.ts';
import { OpenAIEmbedder } from '../../../src/engine/rag/openai-embedder.ts';
import { reciprocalRankFusion } from '../../../src/engine/rag/rrf.ts';
import { fixtureText, JD_TXT, RESUME_TXT } from '../docs/make-files.ts';
import { startFakeOpenAI, type FakeServer } from './fake-embedding-servers.ts';

const resume = parsedFromText(fixtureText(RESUME_TXT), { filename: 'resume.pdf', kind: 'resume' });
const jd = parsedFromText(fixtureText(JD_TXT), { filename: 'jd.txt', kind: 'job-description' });
// Small chunks so each bullet is (nearly) its own chunk and rankings are easy to read.
const chunks = [...chunkDocument(resume, { maxChars: 140, overlap: 0 }), ...chunkDocument(jd, { maxChars: 140, overlap: 0 })];

let server: FakeServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('hybrid retrieval', () => {
  test('without an embedder the index is lexical and finds chunks by keyword, with line citations', async () => {
    const index = await HybridIndex.build(chunks);
    expect(index.mode).toBe('lexical');
    expect(index.degradedReason).toBeUndefined();
    const [top] = await index.search('Kafka consumers nightly batch', 3);
    expect(top!.chunk.text).toContain('replacing nightly batch jobs with Kafka consumers');
    expect(top!.lexicalRank).toBe(1);
    expect(top!.denseRank).toBeUndefined();
    expect(resume.lines.slice(top!.chunk.lineStart - 1, top!.chunk.lineEnd).join('\n')).toContain('Kafka consumers');
  });

  test('skill aliases match their canonical names in both directions (k8s / Kubernetes, postgres / PostgreSQL)', async () => {
    const index = await HybridIndex.build(chunks);
    const k8s = index.searchLexical('k8s experience', 3, { kind: 'job-description' });
    expect(k8s[0]!.chunk.text).toMatch(/Kubernetes/);
    const pg = index.searchLexical('postgres migration', 3, { kind: 'resume' });
    expect(pg[0]!.chunk.text).toContain('Migrated 3 services from a shared MySQL instance to PostgreSQL');
  });

  test('a kind filter keeps results to one document', async () => {
    const index = await HybridIndex.build(chunks);
    const hits = await index.search('PostgreSQL', 10, { kind: 'job-description' });
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.every((h) => h.chunk.kind === 'job-description')).toBe(true);
  });

  test('with an embedder, dense ranking finds the meaning keywords miss, fused with BM25', async () => {
    server = await startFakeOpenAI();
    const embedder = new OpenAIEmbedder({ baseURL: `${server.url}/v1`, model: 'toy' });
    const index = await HybridIndex.build(chunks, { embedder });
    expect(index.mode).toBe('hybrid');
    const query = 'Tell me how you made it quicker';
    const lexicalOnly = index.searchLexical(query, 3);
    expect(lexicalOnly.some((h) => /latency/.test(h.chunk.text))).toBe(false);
    const hits = await index.search(query, 3);
    expect(hits[0]!.chunk.text).toMatch(/latency/);
    expect(hits[0]!.denseRank).toBe(1);
    expect(hits[0]!.denseScore).toBeGreaterThan(0.9);
    // Indexing embedded every chunk once (in one batch); the query was one more call.
    expect(server.requests).toHaveLength(2);
    expect(server.requests[0]!.body.input).toHaveLength(chunks.length);
  });

  test('when the embedder fails while building, the index is lexical and says why', async () => {
    server = await startFakeOpenAI();
    server.failWith(500);
    const embedder = new OpenAIEmbedder({ baseURL: `${server.url}/v1`, model: 'toy', maxRetries: 0 });
    const index = await HybridIndex.build(chunks, { embedder });
    expect(index.mode).toBe('lexical');
    expect(index.degradedReason).toMatch(/openai-compatible:toy failed while indexing \(.*HTTP 500.*\)/);
    expect((await index.search('Kafka consumers', 1))[0]!.chunk.text).toContain('Kafka consumers');
  });

  test('when only the query embedding fails, that query is answered lexically', async () => {
    server = await startFakeOpenAI();
    const embedder = new OpenAIEmbedder({ baseURL: `${server.url}/v1`, model: 'toy', maxRetries: 0 });
    const index = await HybridIndex.build(chunks, { embedder });
    server.failWith(503, 1);
    const hits = await index.search('Redis caching latency', 2);
    expect(hits[0]!.chunk.text).toContain('Redis caching');
    expect(hits[0]!.denseRank).toBeUndefined();
    expect(index.queryFallbacks).toBe(1);
    expect(index.mode).toBe('hybrid');
  });

  test('an embedder returning the wrong number of vectors degrades instead of misaligning', async () => {
    const broken: Embedder = { name: 'broken', embed: async (t) => t.slice(1).map(() => new Float32Array([1, 0])) };
    const index = await HybridIndex.build(chunks, { embedder: broken });
    expect(index.mode).toBe('lexical');
    expect(index.degradedReason).toMatch(/^broken failed while indexing/);
  });

  test('empty queries, k <= 0 and an empty index return nothing', async () => {
    const index = await HybridIndex.build(chunks);
    expect(await index.search('   ', 5)).toEqual([]);
    expect(await index.search('Kafka', 0)).toEqual([]);
    expect(await (await HybridIndex.build([])).search('Kafka', 5)).toEqual([]);
  });
});

test('word forms meet after stemming; short words and names are left alone', () => {
  expect(new Set(['migrated', 'migration', 'migrate', 'migrations'].map(stem)).size).toBe(1);
  expect(stem('latencies')).toBe(stem('latency'));
  expect(stem('services')).toBe(stem('service'));
  expect(['aws', 'redis', 'c++', 'k8s'].map(stem)).toEqual(['aws', 'redis', 'c++', 'k8s']);
});

describe('reciprocal-rank fusion', () => {
  test('items ranked well in both lists beat items ranked first in only one', () => {
    const fused = reciprocalRankFusion([
      [1, 2, 3],
      [2, 4, 1],
    ]);
    expect(fused.map((f) => f.id)).toEqual([2, 1, 4, 3]);
    expect(fused[0]).toEqual({ id: 2, score: 1 / 62 + 1 / 61, ranks: [2, 1] });
    expect(fused.find((f) => f.id === 4)!.ranks).toEqual([undefined, 2]);
  });

  test('ties break by best single rank, then id; duplicates in a list count once', () => {
    expect(reciprocalRankFusion([[7, 9], [9, 7]]).map((f) => f.id)).toEqual([7, 9]);
    expect(reciprocalRankFusion([[5, 5, 6]])[0]).toEqual({ id: 5, score: 1 / 61, ranks: [1] });
  });
});
