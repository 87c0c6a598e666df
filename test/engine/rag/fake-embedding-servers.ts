/**
 * Fake embedding APIs on 127.0.0.1 that speak the real wire formats, so the real `openai` and
 * `@google/genai` clients are exercised end to end:
 *  - OpenAI:  POST /v1/embeddings -> {object:'list', data:[{object:'embedding', index, embedding}], model, usage}
 *  - Gemini:  POST /v1beta/models/{model}:batchEmbedContents -> {embeddings:[{values}]}
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export interface FakeServer {
  url: string;
  requests: RecordedRequest[];
  /** The next `times` requests answer with this HTTP status. */
  failWith(status: number, times?: number): void;
  close(): Promise<void>;
}

/**
 * Toy "semantic" embedding: one dimension per concept, so texts that share a meaning but no words
 * still land close together. Good enough to show dense retrieval finding what BM25 cannot.
 */
const CONCEPTS: RegExp[] = [
  /\b(latency|faster|fast|slow|speed|performance|quick(er)?|p95|ms|minutes)\b/gi,
  /\b(payments?|money|billing|settlements?|ledgers?|reconciliation|invoices?|banks?|banking)\b/gi,
  /\b(mentor(ed|ing)?|junior|coach(ed|ing)?|grow|hiring)\b/gi,
  /\b(docker|kubernetes|containers?|containeri[sz]ed|deploy(ed|ment)?|clusters?)\b/gi,
  /\b(kafka|stream(ing)?|events?|consumers?|queues?)\b/gi,
  /\b(postgresql|mysql|database|sql|sqlite|redis|schema)\b/gi,
  /\b(on-call|pages|alerts?|outages?|incidents?|slos?|uptime|downtime|reliab\w*)\b/gi,
  /\b(learn(ing|ed)?|course|degree|university|certified|b\.tech)\b/gi,
];

export function conceptVector(text: string): number[] {
  const v = CONCEPTS.map((re) => (text.match(re) ?? []).length);
  v.push(0.05); // keeps every vector non-zero
  return v;
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const parts: Buffer[] = [];
  for await (const p of req) parts.push(p as Buffer);
  const raw = Buffer.concat(parts).toString('utf8');
  return raw ? JSON.parse(raw) : undefined;
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

async function start(handler: (req: RecordedRequest, res: ServerResponse) => void): Promise<FakeServer> {
  const requests: RecordedRequest[] = [];
  let failures: { status: number; left: number } | undefined;
  const server: Server = createServer((req, res) => {
    readJson(req)
      .then((body) => {
        const rec: RecordedRequest = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, body };
        requests.push(rec);
        if (failures && failures.left > 0) {
          failures.left--;
          send(res, failures.status, { error: { message: 'simulated failure', code: failures.status } });
          return;
        }
        handler(rec, res);
      })
      .catch(() => send(res, 400, { error: { message: 'bad json' } }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    failWith(status, times = 1_000_000) {
      failures = { status, left: times };
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface FakeOpenAIOptions {
  embed?: (text: string) => number[];
  /** Return `data` in reverse order: clients must use each item's `index`. */
  shuffle?: boolean;
  /** Return one vector fewer than asked. */
  dropOne?: boolean;
}

export function startFakeOpenAI(opts: FakeOpenAIOptions = {}): Promise<FakeServer> {
  const embed = opts.embed ?? conceptVector;
  return start((req, res) => {
    if (req.method !== 'POST' || req.path !== '/v1/embeddings') return send(res, 404, { error: { message: 'not found' } });
    const input: string[] = typeof req.body.input === 'string' ? [req.body.input] : req.body.input;
    let data = input.map((text, index) => {
      let vec = embed(text);
      if (req.body.dimensions) vec = vec.slice(0, req.body.dimensions);
      const embedding = req.body.encoding_format === 'base64' ? Buffer.from(new Float32Array(vec).buffer).toString('base64') : vec;
      return { object: 'embedding', index, embedding };
    });
    if (opts.shuffle) data = data.reverse();
    if (opts.dropOne) data = data.slice(1);
    const tokens = input.reduce((n, t) => n + t.split(/\s+/).length, 0);
    send(res, 200, { object: 'list', data, model: req.body.model, usage: { prompt_tokens: tokens, total_tokens: tokens } });
  });
}

export function startFakeGemini(opts: { embed?: (text: string) => number[] } = {}): Promise<FakeServer> {
  const embed = opts.embed ?? conceptVector;
  return start((req, res) => {
    const m = /^\/v1[^/]*\/models\/([^/:]+):(batchEmbedContents|embedContent)$/.exec(req.path);
    if (req.method !== 'POST' || !m) return send(res, 404, { error: { code: 404, message: 'not found', status: 'NOT_FOUND' } });
    const one = (content: { parts: { text: string }[] }, dims?: number) => {
      const values = embed(content.parts.map((p) => p.text).join(' '));
      return { values: dims ? values.slice(0, dims) : values };
    };
    if (m[2] === 'embedContent') return send(res, 200, { embedding: one(req.body.content, req.body.outputDimensionality) });
    send(res, 200, {
      embeddings: req.body.requests.map((r: { content: { parts: { text: string }[] }; outputDimensionality?: number }) => one(r.content, r.outputDimensionality)),
    });
  });
}
