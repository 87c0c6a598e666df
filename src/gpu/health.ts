/**
 * Periodic probe of the self-hosted GPU speech server. GET /health (speaches, whisper.cpp
 * builds that have it), falling back to GET /v1/models (openedai-speech, LocalAI) when the
 * server has no such route. The chain skips GPU providers while this says "down", and the
 * next good probe brings them back; surfaces subscribe with onChange() to announce the
 * switch once.
 */
import type { Logger } from 'pino';
import type { HealthSignal } from '../resilience/fallback-chain.ts';

export interface GpuStatus {
  configured: boolean;
  up: boolean;
  /** ISO time of the last finished probe; null before the first one. */
  lastCheckedAt: string | null;
  latencyMs: number | null;
  /** Why the last probe failed (never contains a key); null when it passed. */
  lastError: string | null;
  /** Model ids, when the server answered GET /v1/models. */
  models?: string[];
}

export interface GpuHealthOptions {
  url?: string | undefined;
  apiKey?: string | undefined;
  intervalMs: number;
  /** One probe's limit; a speech server that cannot answer this fast is no use to a live turn. */
  timeoutMs?: number;
  /** A server that was up gets one quick re-probe before it is called down (one lost packet is not an outage). */
  confirmDelayMs?: number;
  embeddingsModel?: string | undefined;
  /** nudge() probes at most this often (default 1000 ms), so a burst of failures costs one probe. */
  nudgeGapMs?: number;
  logger?: Logger;
}

type Listener = (now: GpuStatus, before: GpuStatus) => void;

export class GpuHealth implements HealthSignal {
  private readonly opts: GpuHealthOptions;
  private current: GpuStatus;
  private timer: NodeJS.Timeout | null = null;
  private inFlight: Promise<GpuStatus> | null = null;
  private listeners = new Set<Listener>();
  /** The probe path that worked last, so later probes go straight to it. */
  private path: '/health' | '/v1/models' = '/health';
  private lastStartedAt = 0;

  constructor(options: GpuHealthOptions) {
    this.opts = options;
    this.current = { configured: !!options.url, up: false, lastCheckedAt: null, latencyMs: null, lastError: options.url ? null : 'GPU_SERVER_URL is not set' };
  }

  /** Probes now, then every intervalMs; the timer never keeps the process alive. */
  start(): void {
    if (!this.opts.url || this.timer) return;
    void this.check();
    this.timer = setInterval(() => void this.check(), this.opts.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  status(): GpuStatus {
    return { ...this.current, ...(this.current.models ? { models: [...this.current.models] } : {}) };
  }

  isDown(): boolean {
    return !this.current.configured || (this.current.lastCheckedAt !== null && !this.current.up);
  }

  /** A GPU call just failed to connect: probe soon rather than wait out the interval. */
  nudge(): void {
    if (this.opts.url && Date.now() - this.lastStartedAt >= (this.opts.nudgeGapMs ?? 1000)) void this.check();
  }

  /** Called on every change of `up` (including the first probe's verdict); returns an unsubscribe. */
  onChange(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Dense retrieval can embed on the GPU server: it is up and serves the configured embeddings model. */
  gpuEmbeddingsAvailable(): boolean {
    const model = this.opts.embeddingsModel;
    if (!model || !this.current.up) return false;
    return !this.current.models || this.current.models.includes(model);
  }

  /** One probe (shared by concurrent callers). */
  check(): Promise<GpuStatus> {
    if (!this.opts.url) return Promise.resolve(this.status());
    this.inFlight ??= this.runCheck().finally(() => {
      this.inFlight = null;
    });
    return this.inFlight;
  }

  private async runCheck(): Promise<GpuStatus> {
    this.lastStartedAt = Date.now();
    let result = await this.probe();
    if (!result.up && this.current.up) {
      await new Promise((r) => setTimeout(r, this.opts.confirmDelayMs ?? 500));
      result = await this.probe();
    }
    const before = this.current;
    this.current = { configured: true, ...result, lastCheckedAt: new Date().toISOString() };
    const changed = before.up !== result.up || before.lastCheckedAt === null;
    if (changed) {
      this.opts.logger?.[result.up ? 'info' : 'warn']({ gpu: { up: result.up, latencyMs: result.latencyMs, error: result.lastError } }, result.up ? 'GPU speech server is up' : 'GPU speech server is down');
      for (const l of this.listeners) {
        try {
          l(this.status(), before);
        } catch (e) {
          this.opts.logger?.error({ err: e }, 'GPU health listener failed');
        }
      }
    }
    return this.status();
  }

  private async probe(): Promise<Omit<GpuStatus, 'configured' | 'lastCheckedAt'>> {
    const started = performance.now();
    const first = await this.get(this.path);
    let res = first;
    // No /health route (openedai-speech, LocalAI): the model list proves the server answers.
    if (this.path === '/health' && 'status' in first && (first.status === 404 || first.status === 405)) {
      res = await this.get('/v1/models');
      if ('status' in res && res.ok) this.path = '/v1/models';
    }
    const latencyMs = Math.round(performance.now() - started);
    if ('error' in res) return { up: false, latencyMs: null, lastError: res.error };
    if (!res.ok) return { up: false, latencyMs, lastError: `HTTP ${res.status} from ${res.path}` };
    return res.models ? { up: true, latencyMs, lastError: null, models: res.models } : { up: true, latencyMs, lastError: null };
  }

  private async get(path: string): Promise<{ ok: boolean; status: number; path: string; models?: string[] } | { error: string }> {
    const timeoutMs = this.opts.timeoutMs ?? 3000;
    try {
      const res = await fetch(this.opts.url + path, {
        headers: this.opts.apiKey ? { authorization: `Bearer ${this.opts.apiKey}` } : {},
        signal: AbortSignal.timeout(timeoutMs),
      });
      let models: string[] | undefined;
      if (res.ok && path === '/v1/models') {
        const body = (await res.json().catch(() => null)) as { data?: { id?: unknown }[] } | null;
        if (Array.isArray(body?.data)) models = body.data.map((m) => m.id).filter((id): id is string => typeof id === 'string');
      } else {
        await res.body?.cancel().catch(() => undefined);
      }
      return models ? { ok: res.ok, status: res.status, path, models } : { ok: res.ok, status: res.status, path };
    } catch (e) {
      const name = (e as { name?: string }).name;
      if (name === 'TimeoutError' || name === 'AbortError') return { error: `no answer from ${path} within ${timeoutMs} ms` };
      const code = (e as { cause?: { code?: string } }).cause?.code;
      return { error: `cannot reach the GPU server${code ? ` (${code})` : ''}` };
    }
  }
}
