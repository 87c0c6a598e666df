// HTTP routes of the fake: Web API methods, the upload URL, private file downloads and
// slash-command response URLs. Every request is recorded before it is answered.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { bearerToken, parseArgs, parseMultipart, readBody } from './request-body.ts';
import { str, type MethodContext, type MethodHandler } from './method-context.ts';
import type { InjectedFailure, SlackState } from './state.ts';

export interface RouteDeps {
  state: SlackState;
  context: Omit<MethodContext, 'token'>;
  methods: Record<string, MethodHandler>;
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function answerFailure(res: ServerResponse, failure: InjectedFailure): void {
  if (failure.status === 429) {
    sendJson(res, 429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(failure.retryAfter ?? 1) });
  } else if (failure.status) {
    sendText(res, failure.status, 'fake Slack: injected upstream failure');
  } else {
    sendJson(res, 200, { ok: false, error: failure.error ?? 'internal_error' });
  }
}

/** Which token a method needs: Socket Mode's connection call takes the app-level token. */
function authError(method: string, token: string | undefined, ctx: RouteDeps['context']): string | undefined {
  if (!token) return 'not_authed';
  const wanted = method === 'apps.connections.open' ? ctx.identity.appToken : ctx.identity.botToken;
  if (token === wanted) return undefined;
  const known = token === ctx.identity.appToken || token === ctx.identity.botToken;
  return known ? 'not_allowed_token_type' : 'invalid_auth';
}

async function apiMethod(req: IncomingMessage, res: ServerResponse, method: string, deps: RouteDeps): Promise<void> {
  const { state, context } = deps;
  let args: Record<string, unknown>;
  try {
    args = await parseArgs(await readBody(req), req.headers['content-type']);
  } catch {
    sendJson(res, 200, { ok: false, error: 'invalid_json' });
    return;
  }
  const token = bearerToken(req) ?? str(args.token);
  delete args.token; // recorded calls must never hold secrets
  const injected = state.takeFailure(method);
  state.calls.push({ method, args, token, at: Date.now(), ...(injected ? { injected } : {}) });
  if (injected) {
    answerFailure(res, injected);
  } else {
    const handler = deps.methods[method];
    const denied = handler ? authError(method, token, context) : 'unknown_method';
    sendJson(res, 200, denied ? { ok: false, error: denied } : handler!(args, { ...context, token }));
  }
  state.changed();
}

async function upload(req: IncomingMessage, res: ServerResponse, fileId: string, deps: RouteDeps): Promise<void> {
  const raw = await readBody(req);
  const injected = deps.state.takeFailure('upload');
  if (injected) return answerFailure(res, injected);
  const record = deps.state.uploads.get(fileId);
  if (!record) return sendText(res, 404, 'unknown upload');
  const type = req.headers['content-type'] ?? '';
  let bytes = raw;
  if (type.toLowerCase().startsWith('multipart/form-data')) {
    const parts = Object.values(await parseMultipart(raw, type));
    bytes = parts.find((p): p is Buffer => Buffer.isBuffer(p)) ?? Buffer.from(String(parts[0] ?? ''));
  }
  record.bytes = bytes;
  sendText(res, 200, `OK - ${bytes.length}`);
  deps.state.changed();
}

function download(req: IncomingMessage, res: ServerResponse, fileId: string, deps: RouteDeps): void {
  const file = deps.state.files.get(fileId);
  if (!file) return sendText(res, 404, 'file not found');
  const authorized = bearerToken(req) === deps.context.identity.botToken;
  deps.state.downloads.push({ file_id: fileId, authorized, at: Date.now() });
  deps.state.changed();
  if (!authorized) return sendText(res, 403, 'a bot token is required to download this file');
  res.writeHead(200, { 'content-type': file.mimetype, 'content-length': file.bytes.length });
  res.end(file.bytes);
}

async function responseUrl(req: IncomingMessage, res: ServerResponse, id: string, deps: RouteDeps): Promise<void> {
  const text = (await readBody(req)).toString('utf8');
  const injected = deps.state.takeFailure('response_url');
  if (injected) return answerFailure(res, injected);
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // respond() always sends JSON; keep anything else verbatim so a test can see what arrived.
  }
  deps.state.responses.push({ id, body, at: Date.now() });
  sendJson(res, 200, { ok: true });
  deps.state.changed();
}

export function createRequestHandler(deps: RouteDeps): (req: IncomingMessage, res: ServerResponse) => void {
  const route = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    const [, root, id] = path.split('/');
    if (req.method === 'POST' && root === 'api' && id) return apiMethod(req, res, decodeURIComponent(id), deps);
    if (req.method === 'POST' && root === 'upload' && id) return upload(req, res, id, deps);
    if (req.method === 'GET' && root === 'files' && id) return download(req, res, id, deps);
    if (req.method === 'POST' && root === 'response' && id) return responseUrl(req, res, id, deps);
    sendText(res, 404, 'fake Slack: no such route');
  };
  return (req, res) => {
    route(req, res).catch((error: unknown) => {
      // A crash here is a bug in the fake; surface it to the client instead of hanging the test.
      if (!res.headersSent) sendText(res, 500, `fake Slack error: ${String(error)}`);
      else res.destroy();
    });
  };
}
