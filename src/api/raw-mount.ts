import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Logger } from 'pino';

export type RawHandler = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * Paths answered by a plain Node handler before Fastify sees the request, so the handler
 * reads the untouched body stream (Slack's Bolt verifies its signature over the raw bytes).
 * Mounts can be added at any time, before or after the server starts listening.
 */
export class RawMounts {
  private readonly mounts = new Map<string, RawHandler>();
  private readonly log: Logger;

  constructor(log: Logger) {
    this.log = log;
  }

  /** Mounts `handler` at exactly `path` (any method, any query string). */
  mount(path: string, handler: RawHandler): void {
    if (!path.startsWith('/')) throw new Error(`mount path must start with "/": ${path}`);
    if (this.mounts.has(path)) throw new Error(`a handler is already mounted at ${path}`);
    this.mounts.set(path, handler);
  }

  unmount(path: string): void {
    this.mounts.delete(path);
  }

  /** A Fastify `serverFactory`: routes mounted paths to their handler, the rest to Fastify. */
  serverFactory = (fastifyHandler: (req: IncomingMessage, res: ServerResponse) => void): Server =>
    createServer((req, res) => {
      const url = req.url ?? '/';
      const q = url.indexOf('?');
      const handler = this.mounts.get(q >= 0 ? url.slice(0, q) : url);
      if (!handler) return fastifyHandler(req, res);
      const started = performance.now();
      res.on('finish', () => this.log.info({ method: req.method, path: q >= 0 ? url.slice(0, q) : url, statusCode: res.statusCode, ms: Math.round(performance.now() - started) }, 'raw request'));
      try {
        handler(req, res);
      } catch (err) {
        this.log.error({ err }, 'raw handler failed');
        if (!res.headersSent) {
          res.writeHead(500, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ error: 'internal_error', message: 'Something went wrong on our side.' }));
        }
      }
    });
}
