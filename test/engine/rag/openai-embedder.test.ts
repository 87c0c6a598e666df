import { afterEach, describe, expect, test } from 'vitest';
import { EmbedderError } from '../../../src/engine/rag/embedder.ts';
import { gpuServerEmbedder, OpenAIEmbedder } from '../../../src/engine/rag/openai-embedder.ts';
import { conceptVector, startFakeOpenAI, type FakeServer } from './fake-embedding-servers.ts';

let server: FakeServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const TEXTS = ['Cut latency by 40%', 'Kafka consumers', 'Mentored junior engineers', 'PostgreSQL schema', 'on-call alerts'];

async function rejection(p: Promise<unknown>): Promise<EmbedderError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(EmbedderError);
  return e as EmbedderError;
}

describe('OpenAI-compatible embedder (real openai SDK against a fake /v1/embeddings)', () => {
  test('vectors come back in input order even when the server reorders them, in batches', async () => {
    server = await startFakeOpenAI({ shuffle: true });
    const e = new OpenAIEmbedder({ baseURL: `${server.url}/v1`, model: 'text-embedding-3-small', apiKey: 'sk-test', batchSize: 2 });
    const vectors = await e.embed(TEXTS);
    expect(vectors.map((v) => Array.from(v))).toEqual(TEXTS.map((t) => Array.from(new Float32Array(conceptVector(t)))));
    expect(server.requests.map((r) => r.body.input)).toEqual([TEXTS.slice(0, 2), TEXTS.slice(2, 4), TEXTS.slice(4)]);
    expect(server.requests[0]!.headers.authorization).toBe('Bearer sk-test');
    expect(server.requests[0]!.body).toMatchObject({ model: 'text-embedding-3-small', encoding_format: 'float' });
    expect(e.name).toBe('openai-compatible:text-embedding-3-small');
  });

  test('base64 encoding and a requested dimension are honoured', async () => {
    server = await startFakeOpenAI();
    const e = new OpenAIEmbedder({ baseURL: `${server.url}/v1`, model: 'm', encodingFormat: 'base64', dimensions: 4 });
    const [v] = await e.embed(['payments reconciliation latency']);
    expect(Array.from(v!)).toEqual(conceptVector('payments reconciliation latency').slice(0, 4));
    expect(server.requests[0]!.body).toMatchObject({ encoding_format: 'base64', dimensions: 4 });
  });

  test('the GPU server is reached at GPU_SERVER_URL + /v1 with no key needed', async () => {
    server = await startFakeOpenAI();
    const e = gpuServerEmbedder({ gpuServerUrl: `${server.url}/`, model: 'bge-small-en-v1.5' });
    expect((await e.embed(['Kafka'])).length).toBe(1);
    expect(server.requests[0]!.path).toBe('/v1/embeddings');
    expect(server.requests[0]!.headers.authorization).toBe('Bearer none');
    expect(e.name).toBe('gpu:bge-small-en-v1.5');
  });

  test('empty strings are sent as a space (the API rejects empty input) and no texts means no request', async () => {
    server = await startFakeOpenAI();
    const e = new OpenAIEmbedder({ baseURL: `${server.url}/v1`, model: 'm' });
    expect(await e.embed([])).toEqual([]);
    expect(server.requests).toHaveLength(0);
    await e.embed(['', 'x']);
    expect(server.requests[0]!.body.input).toEqual([' ', 'x']);
  });

  test('server errors are retryable, auth errors are not, and the key never appears in the message', async () => {
    server = await startFakeOpenAI();
    const e = new OpenAIEmbedder({ baseURL: `${server.url}/v1`, model: 'm', apiKey: 'sk-secret-123', maxRetries: 0 });
    server.failWith(503, 1);
    const busy = await rejection(e.embed(['a']));
    expect(busy).toMatchObject({ retryable: true, status: 503, provider: 'openai-compatible:m' });
    server.failWith(401, 1);
    const denied = await rejection(e.embed(['a']));
    expect(denied).toMatchObject({ retryable: false, status: 401 });
    expect(`${busy.message} ${denied.message}`).not.toContain('sk-secret-123');
  });

  test('a short answer (fewer vectors than texts) is an error, not a silent misalignment', async () => {
    server = await startFakeOpenAI({ dropOne: true });
    const e = new OpenAIEmbedder({ baseURL: `${server.url}/v1`, model: 'm', maxRetries: 0 });
    expect((await rejection(e.embed(['a', 'b']))).message).toMatch(/expected 2 embeddings, got 1/);
  });

  test('an unreachable server is a retryable network error; a cancelled call is not retryable', async () => {
    server = await startFakeOpenAI();
    const url = server.url;
    await server.close();
    server = undefined;
    const down = new OpenAIEmbedder({ baseURL: `${url}/v1`, model: 'm', maxRetries: 0 });
    expect(await rejection(down.embed(['a']))).toMatchObject({ retryable: true, status: undefined });
    server = await startFakeOpenAI();
    const ok = new OpenAIEmbedder({ baseURL: `${server.url}/v1`, model: 'm', maxRetries: 0 });
    const ac = new AbortController();
    ac.abort();
    expect(await rejection(ok.embed(['a'], ac.signal))).toMatchObject({ retryable: false });
  });
});
