import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import type { InterviewEngine } from '../engine/engine.ts';
import type { Session } from '../engine/types.ts';

/** "discord:g:t" -> "discord": the surface a session runs on, a low-cardinality label. */
const surfaceOf = (s: Session) => s.key.split(':', 1)[0] || 'unknown';

/**
 * Prometheus metrics for the whole process: interviews from every surface (through engine
 * observers), provider usage and cost, and HTTP traffic. One registry per server, so tests
 * can run several servers in a process without clashing.
 */
export class ApiMetrics {
  readonly registry = new Registry();
  readonly started: Counter<'type' | 'surface'>;
  readonly finished: Counter<'type' | 'surface' | 'outcome'>;
  readonly turnSeconds: Histogram<'type' | 'surface'>;
  readonly providerCalls: Counter<'provider' | 'purpose' | 'outcome'>;
  readonly fallbacks: Counter<'from' | 'to'>;
  readonly tokens: Counter<'provider' | 'direction'>;
  readonly costUsd: Counter<'provider'>;
  readonly errors: Counter<'code' | 'status'>;
  readonly httpRequests: Counter<'method' | 'route' | 'status'>;
  readonly httpSeconds: Histogram<'method' | 'route'>;

  constructor(opts: { processMetrics?: boolean } = {}) {
    const registers = [this.registry];
    this.started = new Counter({ name: 'interview_sessions_started_total', help: 'Interviews started, by type and surface.', labelNames: ['type', 'surface'], registers });
    this.finished = new Counter({ name: 'interview_sessions_finished_total', help: 'Interviews finished (completed, or ended early), by type and surface.', labelNames: ['type', 'surface', 'outcome'], registers });
    this.turnSeconds = new Histogram({
      name: 'interview_turn_duration_seconds',
      help: 'Time to handle one candidate input (answer or command), lock and store included.',
      labelNames: ['type', 'surface'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 4, 8, 16],
      registers,
    });
    this.providerCalls = new Counter({ name: 'interview_provider_calls_total', help: 'Language-model calls by provider, purpose and outcome (ok, or failed before a fallback).', labelNames: ['provider', 'purpose', 'outcome'], registers });
    this.fallbacks = new Counter({ name: 'interview_fallbacks_total', help: 'Times a call moved on to the next provider (or to the offline rules).', labelNames: ['from', 'to'], registers });
    this.tokens = new Counter({ name: 'interview_llm_tokens_total', help: 'Language-model tokens, by provider and direction (in, out).', labelNames: ['provider', 'direction'], registers });
    this.costUsd = new Counter({ name: 'interview_llm_cost_usd_total', help: 'Estimated language-model cost in US dollars, by provider.', labelNames: ['provider'], registers });
    this.errors = new Counter({ name: 'interview_http_errors_total', help: 'HTTP error answers by code and status.', labelNames: ['code', 'status'], registers });
    this.httpRequests = new Counter({ name: 'interview_http_requests_total', help: 'HTTP requests by method, route pattern and status.', labelNames: ['method', 'route', 'status'], registers });
    this.httpSeconds = new Histogram({
      name: 'interview_http_request_duration_seconds',
      help: 'HTTP request duration by method and route pattern.',
      labelNames: ['method', 'route'],
      buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    if (opts.processMetrics !== false) collectDefaultMetrics({ register: this.registry, prefix: 'interview_' });
  }

  /** Subscribes to the engine; returns the unsubscribe function. */
  attach(engine: InterviewEngine): () => void {
    return engine.observe({
      started: (s) => this.started.inc({ type: s.type, surface: surfaceOf(s) }),
      finished: (s) => this.finished.inc({ type: s.type, surface: surfaceOf(s), outcome: s.status === 'ended' ? 'ended' : 'completed' }),
      turn: (s, _reply, ms) => this.turnSeconds.observe({ type: s.type, surface: surfaceOf(s) }, ms / 1000),
      calls: (_s, calls) => {
        for (const c of calls) {
          this.providerCalls.inc({ provider: c.provider, purpose: c.purpose, outcome: 'ok' });
          for (const from of c.fallbackFrom ?? []) {
            this.providerCalls.inc({ provider: from, purpose: c.purpose, outcome: 'failed' });
            this.fallbacks.inc({ from, to: c.provider });
          }
          if (c.inputTokens) this.tokens.inc({ provider: c.provider, direction: 'in' }, c.inputTokens);
          if (c.outputTokens) this.tokens.inc({ provider: c.provider, direction: 'out' }, c.outputTokens);
          if (c.costUsd) this.costUsd.inc({ provider: c.provider }, c.costUsd);
        }
      },
    });
  }

  render(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
