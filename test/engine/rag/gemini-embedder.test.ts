import { afterEach, describe, expect, test } from 'vitest';
import { EmbedderError } from '../../../src/engine/rag/embedder.ts';
import { GeminiEmbedder } from '../../../src/engine/rag/gemini-embedder.ts';
import { conceptVector, startFakeGemini, type FakeServer } from './fake-embedding-servers.ts';

let server: FakeServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('Gemini embedder (real @google/genai SDK against a fake batchEmbedContents)', () => {
  test('texts are sent as separate contents in one batch call and come back in order', async () => {
    server = await startFakeGemini();
    const e = new GeminiEmbedder({ apiKey: 'g-key', baseUrl: server.url, dimensions: 6, taskType: 'RETRIEVAL_DOCUMENT' });
    const texts = ['Cut latency by 40%', 'Kafka consumers', 'Mentored junior engineers'];
    const vectors = await e.embed(texts);
    expect(vectors.map((v) => Array.from(v))).toEqual(texts.map((t) => conceptVector(t).slice(0, 6)));
    expect(server.requests).toHaveLength(1);
    const req = server.requests[0]!;
    expect(req.path).toBe('/v1/models/gemini-embedding-001:batchEmbedContents');
    expect(req.headers['x-goog-api-key']).toBe('g-key');
    expect(req.body.requests).toHaveLength(3);
    expect(req.body.requests[1]).toMatchObject({
      model: 'models/gemini-embedding-001',
      content: { parts: [{ text: 'Kafka consumers' }] },
      outputDimensionality: 6,
      taskType: 'RETRIEVAL_DOCUMENT',
    });
    expect(e.name).toBe('gemini:gemini-embedding-001');
  });

  test('more than 100 texts are split into batches of at most 100', async () => {
    server = await startFakeGemini();
    const e = new GeminiEmbedder({ apiKey: 'k', baseUrl: server.url, model: 'gemini-embedding-2' });
    const texts = Array.from({ length: 150 }, (_, i) => `chunk ${i} about payments`);
    const vectors = await e.embed(texts);
    expect(vectors).toHaveLength(150);
    expect(server.requests.map((r) => r.body.requests.length)).toEqual([100, 50]);
    expect(server.requests[0]!.path).toBe('/v1/models/gemini-embedding-2:batchEmbedContents');
  });

  test('the API version can be pinned', async () => {
    server = await startFakeGemini();
    await new GeminiEmbedder({ apiKey: 'k', baseUrl: server.url, apiVersion: 'v1beta' }).embed(['a']);
    expect(server.requests[0]!.path).toBe('/v1beta/models/gemini-embedding-001:batchEmbedContents');
  });

  test('rate limits are retryable, bad requests are not', async () => {
    server = await startFakeGemini();
    const e = new GeminiEmbedder({ apiKey: 'k', baseUrl: server.url });
    server.failWith(429, 1);
    await expect(e.embed(['a'])).rejects.toMatchObject({ name: 'EmbedderError', retryable: true, status: 429 });
    server.failWith(400, 1);
    const err = await e.embed(['a']).catch((x: unknown) => x);
    expect(err).toBeInstanceOf(EmbedderError);
    expect(err).toMatchObject({ retryable: false, status: 400 });
  });
});
