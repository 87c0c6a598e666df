import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Behaviour, chaosResponder, type ChaosOptions, type FakeRequest, type Responder, type Served } from './behaviour.ts';
import { interviewerResponder } from './interviewer-responder.ts';

export interface FakeServerOptions {
  /** When set, requests must carry this key (else the provider's auth error). */
  apiKey?: string;
  /** Models the server knows; others get 404. */
  models?: string[];
  /** Answers successful generate requests; defaults to reasonable interviewer JSON. */
  responder?: Responder;
  /**
   * Implicit prompt caching as the providers do it: a prompt whose start repeats an earlier
   * prompt's (to the model) by at least this many tokens reports that shared start as cached.
   */
  promptCacheMinTokens?: number;
}

/**
 * Shared plumbing of the fake model servers: lifecycle, scripted behaviours,
 * chaos, and a record of every request and of the tokens reported back.
 */
export abstract class FakeModelServer {
  readonly requests: FakeRequest[] = [];
  readonly served: Served[] = [];
  apiKey: string | undefined;
  models: Set<string>;
  /** Behaviour of model lookups (verify); undefined = answer normally. */
  verifyBehaviour: Behaviour | undefined;
  private readonly queue: Behaviour[] = [];
  private responder: Responder;
  private readonly base: Responder;
  private server: Server | undefined;
  url = '';
  private readonly cacheMin: number | undefined;
  private readonly seenPrompts: { model: string; text: string }[] = [];

  constructor(o: FakeServerOptions = {}) {
    this.apiKey = o.apiKey;
    this.models = new Set(o.models ?? []);
    this.base = o.responder ?? interviewerResponder();
    this.responder = this.base;
    this.cacheMin = o.promptCacheMinTokens;
  }

  /** Tokens of this prompt's start already seen in an earlier prompt to the same model (0 below the minimum, or with caching off). */
  protected cachedTokens(model: string, promptText: string): number {
    if (this.cacheMin === undefined) return 0;
    let best = 0;
    for (const p of this.seenPrompts) {
      if (p.model !== model) continue;
      const n = Math.min(p.text.length, promptText.length);
      let i = 0;
      while (i < n && p.text.charCodeAt(i) === promptText.charCodeAt(i)) i++;
      best = Math.max(best, i);
    }
    this.seenPrompts.push({ model, text: promptText });
    if (this.seenPrompts.length > 200) this.seenPrompts.shift();
    const tokens = Math.floor(best / 4);
    return tokens >= this.cacheMin ? tokens : 0;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      void this.handle(req, res).catch((err: unknown) => {
        if (!res.headersSent && !res.destroyed) {
          res.writeHead(500, { 'content-type': 'text/plain' });
          res.end(String(err));
        }
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async close(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
    this.server = undefined;
  }

  /** The next generate requests get these behaviours, in order; then the responder answers. */
  script(...behaviours: Behaviour[]): this {
    this.queue.push(...behaviours);
    return this;
  }

  /** Replaces the responder for successful answers (and clears chaos). */
  respond(responder: Responder): this {
    this.responder = responder;
    return this;
  }

  chaos(o: ChaosOptions): this {
    this.responder = chaosResponder(o, this.base);
    return this;
  }

  calm(): this {
    this.responder = this.base;
    this.queue.length = 0;
    return this;
  }

  generateRequests(): FakeRequest[] {
    return this.requests.filter((r) => r.method === 'POST');
  }

  totals(): { inputTokens: number; outputTokens: number; answers: number } {
    return this.served.reduce((t, s) => ({ inputTokens: t.inputTokens + s.inputTokens, outputTokens: t.outputTokens + s.outputTokens, answers: t.answers + 1 }), { inputTokens: 0, outputTokens: 0, answers: 0 });
  }

  protected nextBehaviour(req: FakeRequest): Behaviour {
    return this.queue.shift() ?? this.responder(req);
  }

  protected abstract handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
}
