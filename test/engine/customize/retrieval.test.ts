import { afterEach, describe, expect, test } from 'vitest';
import { loadConfig } from '../../../src/config.ts';
import { embedderSource } from '../../../src/engine/customize/embedders.ts';
import { buildCustomize } from '../../../src/engine/customize/from-config.ts';
import { createCustomPlanner } from '../../../src/engine/customize/planner.ts';
import { startFakeOpenAI, type FakeServer } from '../rag/fake-embedding-servers.ts';
import { startFakeGpu, type FakeGpu } from './fake-gpu-embeddings.ts';
import { expectGrounded, jdTxt, resumeTxt, sessionFor, silent, staticDocuments } from './helpers.ts';

const RESUME_PATH = 'test/fixtures/docs/priya-raman-resume.txt';
const JD_PATH = 'test/fixtures/docs/northwind-senior-backend-jd.txt';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function gpu(model = 'bge-small'): Promise<FakeGpu> {
  const g = await startFakeGpu(model);
  cleanups.push(g.close);
  return g;
}

/** The planner and documents exactly as src/app/parts.ts builds them, on the fixture files. */
async function wiredPlan(env: Record<string, string>) {
  const c = await buildCustomize(loadConfig({ STORE_URL: 'memory://', ...env }), silent);
  cleanups.push(c.close);
  const ids = await c.ingestCliDocuments('cli:test', [RESUME_PATH], JD_PATH);
  const res = (await c.customPlanner({ session: sessionFor('cli:test'), documentIds: ids, signal: AbortSignal.timeout(15_000) }))!;
  expectGrounded(res.plan, await c.documents.load('cli:test', ids));
  return res;
}

describe('retrieval for the plan: dense when an embedder works, keyword search otherwise, and the note says which', () => {
  test('a healthy GPU server embeds the chunks: hybrid retrieval', async () => {
    const g = await gpu();
    const { plan, notes } = await wiredPlan({ GPU_SERVER_URL: g.url, EMBEDDINGS_MODEL: 'bge-small' });
    expect(notes[0]).toBe('Plan: built by the built-in rules from priya-raman-resume.txt and northwind-senior-backend-jd.txt (retrieval: hybrid with gpu:bge-small).');
    expect(g.embedded.length).toBeGreaterThan(1); // the chunks, then the queries
    expect(plan).toHaveLength(10);
  });

  test('GPU server down: keyword retrieval, said plainly; nothing is sent to it', async () => {
    const g = await gpu();
    g.health = 'down';
    const { plan, notes } = await wiredPlan({ GPU_SERVER_URL: g.url, EMBEDDINGS_MODEL: 'bge-small' });
    expect(notes[0]).toMatch(/\(retrieval: lexical — GPU embeddings unavailable\)\.$/);
    expect(g.embedded).toEqual([]);
    expect(plan).toHaveLength(10);
  });

  test('GPU server up but its embeddings fail while indexing: keyword retrieval, naming the embedder that failed', async () => {
    const g = await gpu();
    g.failEmbeddings = true;
    const { notes } = await wiredPlan({ GPU_SERVER_URL: g.url, EMBEDDINGS_MODEL: 'bge-small' });
    expect(notes[0]).toMatch(/\(retrieval: lexical — gpu:bge-small failed\)\.$/);
  });

  test('GPU embeddings failing mid-plan: one failed query (a 5xx is tried once more), the rest by keyword without waiting on the GPU again', async () => {
    const g = await gpu();
    g.failAfter = 1; // the chunks embed; the first query embedding fails
    const { plan, notes } = await wiredPlan({ GPU_SERVER_URL: g.url, EMBEDDINGS_MODEL: 'bge-small' });
    expect(plan).toHaveLength(10);
    // The chunks, then the first query embedding and its one retry.
    expect(g.embeddingPosts).toBe(3);
    expect(notes[0]).toMatch(/\(retrieval: hybrid with gpu:bge-small until it failed, then lexical\)\.$/);
  });

  test('GPU down, OpenAI embeddings keyed: hybrid over OpenAI, and the note says the GPU was unavailable', async () => {
    const openai: FakeServer = await startFakeOpenAI();
    cleanups.push(openai.close);
    const source = embedderSource({ GPU_SERVER_URL: 'http://127.0.0.1:9', EMBEDDINGS_MODEL: 'text-embedding-3-small', OPENAI_API_KEY: 'sk-emb-test', OPENAI_BASE_URL: `${openai.url}/v1` }, { gpuEmbeddingsAvailable: () => false });
    const docs = [resumeTxt(), jdTxt()];
    const res = (await createCustomPlanner({ documents: staticDocuments(docs), logger: silent, embedder: source })({ session: sessionFor(), documentIds: docs.map((d) => d.id), signal: AbortSignal.timeout(10_000) }))!;
    expect(res.notes[0]).toMatch(/\(retrieval: hybrid with openai-compatible:text-embedding-3-small — GPU embeddings unavailable\)\.$/);
    expect(openai.requests.some((r) => r.path === '/v1/embeddings')).toBe(true);
    expectGrounded(res.plan, docs);
  });

  test('nothing configured: keyword retrieval', async () => {
    const { notes } = await wiredPlan({});
    expect(notes[0]).toMatch(/\(retrieval: lexical — no embedding model configured\)\.$/);
  });

  test('EMBEDDINGS_MODEL picks the provider whose model it names; a local ONNX model is the last resort', async () => {
    const name = async (c: Parameters<typeof embedderSource>[0]) => {
      const choice = await embedderSource(c)();
      return choice.embedder?.name ?? `none (${choice.why})`;
    };
    const keys = { OPENAI_API_KEY: 'sk-x', GEMINI_API_KEY: 'AIza-x' };
    expect(await name({ ...keys, EMBEDDINGS_MODEL: 'text-embedding-3-small' })).toBe('openai-compatible:text-embedding-3-small');
    expect(await name({ ...keys, EMBEDDINGS_MODEL: 'gemini-embedding-001' })).toBe('gemini:gemini-embedding-001');
    expect(await name({ ...keys, EMBEDDINGS_MODEL: 'text-embedding-004' })).toBe('gemini:text-embedding-004');
    expect(await name({ OPENAI_API_KEY: 'sk-x', OPENAI_BASE_URL: 'http://127.0.0.1:9/v1', EMBEDDINGS_MODEL: 'nomic-embed-text' })).toBe('openai-compatible:nomic-embed-text');
    expect(await name({ GEMINI_API_KEY: 'AIza-x', EMBEDDINGS_MODEL: 'text-embedding-3-small', LOCAL_EMBEDDINGS_MODEL_PATH: '/models/minilm/model.onnx' })).toBe('onnx:model.onnx');
    expect(await name({ GPU_SERVER_URL: 'http://127.0.0.1:9' })).toBe('none (EMBEDDINGS_MODEL is not set)');
    expect(await name({})).toBe('none (no embedding model configured)');
  });
});
