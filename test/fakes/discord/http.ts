// HTTP front of the fake: parses JSON and multipart bodies, records every request, applies scripted failures
// and bot-token auth, dispatches to routes and serves uploaded attachments under /attachments/.
import { EventEmitter } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import type { FailureQueue } from './failures.ts';
import { DiscordError, Errors, type Router } from './router.ts';
import type { DiscordState } from './state.ts';
import type { RecordedFile, RecordedRequest } from './types.ts';

export interface RestDeps {
  state: DiscordState;
  router: Router;
  failures: FailureQueue;
  token: string | undefined;
  maxFileBytes: number;
  logger: Logger | undefined;
}

const API_PREFIX = '/api/v10';

export class RestRecorder {
  readonly requests: RecordedRequest[] = [];
  /** Emits 'request' with each RecordedRequest once its answer is decided. */
  readonly events = new EventEmitter();
  readonly #deps: RestDeps;

  constructor(deps: RestDeps) {
    this.#deps = deps;
    this.events.setMaxListeners(0);
  }

  handle = (req: IncomingMessage, res: ServerResponse): void => {
    this.#handle(req, res).catch((err: unknown) => {
      this.#deps.logger?.error({ err }, 'fake discord: request handling crashed');
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ message: '500: Internal Server Error', code: 0 }));
    });
  };

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = (req.method ?? 'GET').toUpperCase();
    const raw = await readBody(req);
    const decoded = url.pathname.split('/').map((s) => safeDecode(s)).join('/');
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
    const record: RecordedRequest = {
      seq: this.requests.length + 1,
      at: Date.now(),
      method,
      path: decoded.startsWith(`${API_PREFIX}/`) ? decoded.slice(API_PREFIX.length) : decoded,
      query: Object.fromEntries(url.searchParams),
      route: null,
      params: {},
      headers,
      body: undefined,
      multipart: false,
      fields: {},
      files: [],
      status: 0,
      responseBody: undefined,
      injected: false,
    };

    if (method === 'GET' && decoded.startsWith('/attachments/')) {
      const file = this.#deps.state.files.get(url.pathname);
      record.route = file ? 'GET /attachments/*' : null;
      this.#finish(record, file ? 200 : 404, file ? `<${file.bytes.length} bytes>` : Errors.notFound().body());
      if (!file) return sendJson(res, 404, Errors.notFound().body());
      res.writeHead(200, { 'content-type': file.contentType, 'content-length': file.bytes.length });
      res.end(file.bytes);
      return;
    }

    let status: number;
    let body: unknown;
    let extraHeaders: Record<string, string> = {};
    try {
      await parseBody(record, headers['content-type'] ?? '', raw);
      if (record.files.some((f) => f.bytes.length > this.#deps.maxFileBytes)) throw Errors.tooLarge();
      const failure = this.#deps.failures.take(method, record.path);
      const matched = decoded.startsWith(`${API_PREFIX}/`) ? this.#deps.router.match(method, record.path) : null;
      if (matched) {
        record.route = `${method} ${matched.route.pattern}`;
        record.params = matched.params;
        if (matched.route.pattern.startsWith('/interactions/') || matched.route.pattern.startsWith('/webhooks/')) {
          record.interactionToken = matched.params['token'];
        }
      }
      if (failure) {
        record.injected = true;
        ({ status, body, headers: extraHeaders } = failure);
      } else if (!matched) {
        this.#deps.logger?.warn({ method, path: record.path }, 'fake discord: no route');
        throw Errors.notFound();
      } else {
        if (matched.route.auth) this.#checkAuth(headers['authorization']);
        const result = await matched.route.handler({
          method, path: record.path, params: matched.params, query: url.searchParams, headers, body: record.body, files: record.files,
        });
        status = result.status;
        body = result.body;
      }
    } catch (err) {
      if (!(err instanceof DiscordError)) throw err;
      status = err.status;
      body = err.body();
    }
    this.#finish(record, status, body);
    if (status === 204 || body === undefined) {
      res.writeHead(status, extraHeaders);
      res.end();
      return;
    }
    sendJson(res, status, body, extraHeaders);
  }

  #checkAuth(authorization: string | undefined): void {
    const expected = this.#deps.token;
    if (!authorization?.startsWith('Bot ')) throw Errors.unauthorized();
    if (expected !== undefined && authorization !== `Bot ${expected}`) throw Errors.unauthorized();
  }

  #finish(record: RecordedRequest, status: number, body: unknown): void {
    record.status = status;
    record.responseBody = body;
    this.requests.push(record);
    this.events.emit('request', record);
  }
}

async function parseBody(record: RecordedRequest, contentType: string, raw: Buffer): Promise<void> {
  if (raw.length === 0) return;
  if (contentType.startsWith('application/json')) {
    try {
      record.body = JSON.parse(raw.toString('utf8'));
    } catch {
      throw new DiscordError(400, 50109, 'The request body contains invalid JSON.');
    }
    return;
  }
  if (contentType.startsWith('multipart/form-data')) {
    record.multipart = true;
    const form = await new Response(new Uint8Array(raw), { headers: { 'content-type': contentType } }).formData();
    for (const [field, value] of form) {
      if (typeof value === 'string') {
        record.fields[field] = value;
        continue;
      }
      const file: RecordedFile = { field, filename: value.name, contentType: value.type, bytes: Buffer.from(await value.arrayBuffer()) };
      record.files.push(file);
    }
    const payload = record.fields['payload_json'];
    if (payload !== undefined) record.body = JSON.parse(payload);
    return;
  }
  record.body = raw.toString('utf8');
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
