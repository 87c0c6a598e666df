/**
 * A GPU server as the planner sees it, on 127.0.0.1: GET /health, GET /v1/models and
 * POST /v1/embeddings in the OpenAI wire format (vectors from the toy concept embedding).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { conceptVector } from '../rag/fake-embedding-servers.ts';

export interface FakeGpu {
  url: string;
  /** Embedding requests received (inputs per request). */
  embedded: string[][];
  health: 'ok' | 'down';
  /** When true, /v1/embeddings answers 500. */
  failEmbeddings: boolean;
  /** Embedding requests answered before every later one fails (Infinity = never). */
  failAfter: number;
  /** Every POST /v1/embeddings, answered or not. */
  embeddingPosts: number;
  close(): Promise<void>;
}

export async function startFakeGpu(model: string): Promise<FakeGpu> {
  const state: Omit<FakeGpu, 'close' | 'url'> = { embedded: [], health: 'ok', failEmbeddings: false, failAfter: Infinity, embeddingPosts: 0 };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const send = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      if (req.url === '/health') return send(state.health === 'ok' ? 200 : 503, { status: state.health });
      if (req.url === '/v1/models') return state.health === 'ok' ? send(200, { object: 'list', data: [{ id: model, object: 'model' }] }) : send(503, { error: 'down' });
      if (req.method === 'POST' && req.url === '/v1/embeddings') {
        state.embeddingPosts += 1;
        if (state.failEmbeddings || state.embedded.length >= state.failAfter) return send(500, { error: { message: 'out of memory' } });
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { input: string | string[]; model: string };
        const input = typeof body.input === 'string' ? [body.input] : body.input;
        state.embedded.push(input);
        return send(200, { object: 'list', model: body.model, data: input.map((t, index) => ({ object: 'embedding', index, embedding: conceptVector(t) })), usage: { prompt_tokens: 1, total_tokens: 1 } });
      }
      send(404, { error: 'not found' });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const fake = state as FakeGpu;
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake.close = () =>
    new Promise<void>((r) => {
      server.closeAllConnections();
      server.close(() => r());
    });
  return fake;
}
