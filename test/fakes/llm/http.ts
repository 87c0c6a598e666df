import type { IncomingMessage, ServerResponse } from 'node:http';

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.destroyed) return;
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

/** Writes server-sent events, one `data:` line each, with the delimiter the SDK expects. */
export function sendSse(res: ServerResponse, events: string[], delimiter = '\n\n'): void {
  if (res.destroyed) return;
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
  for (const e of events) res.write(`data: ${e}${delimiter}`);
  res.end();
}

/** Splits text into roughly n pieces (streaming fakes send several deltas). */
export function pieces(text: string, n = 3): string[] {
  if (text.length <= n) return [text];
  const size = Math.ceil(text.length / n);
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

/** Resolves after ms unless the client went away first (then the response is left alone). */
export function wait(res: ServerResponse, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    if (ms <= 0) return resolve(!res.destroyed);
    const t = setTimeout(() => resolve(!res.destroyed), ms);
    res.on('close', () => {
      clearTimeout(t);
      resolve(false);
    });
  });
}
