import type { Logger } from 'pino';
import type { KeyValueStore } from '../store/kv.ts';
import type { ProviderCall } from '../types.ts';
import { backoffDelay, type BackoffOptions, sleep } from '../../resilience/backoff.ts';
import { CircuitBreaker } from '../../resilience/breaker.ts';
import { scrubSecrets } from '../../resilience/errors.ts';
import { isAbortError } from '../../resilience/network.ts';
import { AllProvidersFailed, ProviderError, type ProviderErrorKind } from './errors.ts';
import { PriceTable } from './prices.ts';
import { DailyQuota, utcDay } from './quota.ts';
import type { ChatMessage, GenerateOptions, GenerateResult, LanguageModel, StreamChunk } from './types.ts';

export type ProviderState = 'ok' | 'open-circuit' | 'over-quota' | 'misconfigured';
export type SkipReason = 'misconfigured' | 'open-circuit' | 'over-quota' | 'no-time';

/** One try (or skip) of one provider, for logs, metrics and tests. */
export interface Attempt {
  provider: string;
  model: string;
  outcome: 'ok' | 'error' | 'skipped';
  kind?: ProviderErrorKind;
  reason?: SkipReason;
  status?: number;
  ms: number;
}

export interface ProviderHealth {
  /** `provider/model`, unique per entry. */
  name: string;
  provider: string;
  model: string;
  /** Would be tried right now. */
  ok: boolean;
  /** False for a provider with no key/URL set; such entries are listed so /health can say so. */
  configured: boolean;
  state: ProviderState;
  usedToday: number;
  /** Requests per UTC day; 0 = unlimited. */
  quota: number;
  /** Safe text of the last failure (never a key). */
  lastError?: string;
  /** Plain words for a status page: why it is not ok, or the last failure. */
  detail?: string;
  /** True once the start-up check passed. */
  verified?: boolean;
}

export interface ChainCall {
  purpose?: ProviderCall['purpose'];
  /** Time for the whole call, fallbacks and retries included (defaults to the chain's). */
  deadlineMs?: number;
  signal?: AbortSignal;
}

export interface ChainResult extends GenerateResult {
  /** The record for the session: who answered, tokens, cost, time, and (fallbackFrom) who was ahead of it but did not answer. */
  call: ProviderCall;
  attempts: Attempt[];
}

export type ChainStreamEvent = { text: string } | { result: ChainResult };

export interface ChainOptions {
  /** In order of preference. */
  models: LanguageModel[];
  /** Providers with nothing configured, listed in health() with a hint. */
  unconfigured?: { provider: string; model: string; hint: string }[];
  /** Requests per UTC day per provider name; 0 or absent = unlimited. */
  quotas?: Record<string, number>;
  kv: Pick<KeyValueStore, 'increment'>;
  prices?: PriceTable;
  logger: Logger;
  deadlineMs?: number;
  /** Tries per provider for retryable failures (1 = no retry). */
  maxAttempts?: number;
  /** Share of the remaining time one attempt may use while other providers are still available. */
  attemptShare?: number;
  breaker?: { threshold?: number; cooldownMs?: number };
  backoff?: BackoffOptions;
  /** How long a provider found misconfigured is skipped before it is tried again. */
  misconfiguredForMs?: number;
  unreachableForMs?: number;
  verifyTimeoutMs?: number;
  /** Clock for quota days, breaker cool-downs and timestamps (tests move it). */
  now?: () => number;
  random?: () => number;
  onAttempt?: (a: Attempt) => void;
  /** Ends the daily-quota warnings, e.g. with the interviews left today at the current rate. */
  quotaNote?: (provider: string, used: number, limit: number) => string;
}

/** Share of a daily quota at which a warning is logged, before it runs out. */
const QUOTA_WARNING_SHARE = 0.8;

interface Entry {
  provider: string;
  model: string;
  lm: LanguageModel;
  label: string;
  breaker: CircuitBreaker;
  misconfigured?: { message: string; until: number };
  lastError?: string;
  verified?: boolean;
}

/** An attempt shorter than this is not worth starting. */
const MIN_ATTEMPT_MS = 40;

/**
 * Tries providers in order for each call: skips unconfigured, misconfigured, over-quota and
 * open-circuit ones; retries retryable failures with backoff inside the call's deadline;
 * falls through at once on the rest. Throws AllProvidersFailed when nobody answered.
 */
export class ProviderChain {
  private readonly entries: Entry[];
  private readonly unconfigured: { provider: string; model: string; hint: string }[];
  private readonly quota: DailyQuota;
  private readonly quotas: Record<string, number>;
  readonly prices: PriceTable;
  private readonly log: Logger;
  private readonly deadlineMs: number;
  private readonly maxAttempts: number;
  private readonly share: number;
  private readonly backoff: BackoffOptions;
  private readonly misconfiguredForMs: number;
  private readonly unreachableForMs: number;
  private readonly verifyTimeoutMs: number;
  private readonly now: () => number;
  private readonly random: () => number;
  private readonly onAttempt: ((a: Attempt) => void) | undefined;
  private readonly quotaNote: (provider: string, used: number, limit: number) => string | undefined;

  constructor(o: ChainOptions) {
    this.now = o.now ?? Date.now;
    this.entries = o.models.map((lm) => ({
      provider: lm.provider,
      model: lm.model,
      lm,
      label: `${lm.provider}/${lm.model}`,
      breaker: new CircuitBreaker({ ...o.breaker, now: this.now }),
    }));
    this.unconfigured = o.unconfigured ?? [];
    this.quota = new DailyQuota(o.kv, this.now);
    this.quotas = o.quotas ?? {};
    this.prices = o.prices ?? new PriceTable();
    this.log = o.logger;
    this.deadlineMs = o.deadlineMs ?? 8000;
    this.maxAttempts = Math.max(1, o.maxAttempts ?? 2);
    this.share = o.attemptShare ?? 0.5;
    this.backoff = o.backoff ?? {};
    this.misconfiguredForMs = o.misconfiguredForMs ?? 10 * 60_000;
    this.unreachableForMs = o.unreachableForMs ?? 60_000;
    this.verifyTimeoutMs = o.verifyTimeoutMs ?? 3000;
    this.random = o.random ?? Math.random;
    this.onAttempt = o.onAttempt;
    this.quotaNote = o.quotaNote ?? (() => undefined);
  }

  /** `provider/model` of every configured entry, in order. */
  get labels(): string[] {
    return this.entries.map((e) => e.label);
  }

  get configured(): boolean {
    return this.entries.length > 0;
  }

  async generate(messages: ChatMessage[], options: GenerateOptions, call: ChainCall = {}): Promise<ChainResult> {
    return this.run(call, (lm, signal) => lm.generate(messages, options, signal));
  }

  /**
   * Streams text from the first provider that starts answering. Before the first chunk a
   * failure falls through like generate(); after it, the stream ends with AllProvidersFailed.
   * The last event carries the result record.
   */
  async *stream(messages: ChatMessage[], options: GenerateOptions, call: ChainCall = {}): AsyncGenerator<ChainStreamEvent> {
    const inner = new AbortController();
    const signal = call.signal ? AbortSignal.any([call.signal, inner.signal]) : inner.signal;
    const queue: string[] = [];
    let wake: (() => void) | null = null;
    let finished = false;
    let failure: unknown;
    let result: ChainResult | undefined;
    const push = (t: string) => {
      queue.push(t);
      wake?.();
    };
    const done = this.run({ ...call, signal }, async (lm, s, state) => {
      if (!lm.stream) {
        const r = await lm.generate(messages, options, s);
        state.committed = true;
        push(r.text);
        return r;
      }
      let text = '';
      let usage = { inputTokens: 0, outputTokens: 0 };
      for await (const c of lm.stream(messages, options, s) as AsyncIterable<StreamChunk>) {
        if (c.text) {
          state.committed = true;
          text += c.text;
          push(c.text);
        }
        if (c.usage) usage = c.usage;
      }
      if (!text) throw new ProviderError({ provider: lm.provider, model: lm.model, kind: 'malformed', message: `${lm.provider} ${lm.model}: the stream had no text` });
      return { text, usage, provider: lm.provider, model: lm.model };
    })
      .then((r) => {
        result = r;
      })
      .catch((err: unknown) => {
        failure = err;
      })
      .finally(() => {
        finished = true;
        wake?.();
      });
    try {
      while (true) {
        if (queue.length) {
          yield { text: queue.shift()! };
          continue;
        }
        if (finished) break;
        await new Promise<void>((r) => {
          wake = r;
        });
        wake = null;
      }
      await done;
      if (failure) throw failure;
      yield { result: result! };
    } finally {
      // A consumer that stops early should not leave a provider streaming into the void.
      if (!finished) inner.abort();
    }
  }

  private async run(call: ChainCall, fn: (lm: LanguageModel, signal: AbortSignal, state: { committed: boolean }) => Promise<GenerateResult>): Promise<ChainResult> {
    const t0 = performance.now();
    const at = this.now();
    const end = t0 + (call.deadlineMs ?? this.deadlineMs);
    const remaining = () => end - performance.now();
    const attempts: Attempt[] = [];
    const tried: string[] = [];
    // Everyone ahead of the answerer that did not answer: failed, or passed over (open circuit, quota, misconfigured).
    const passed: string[] = [];
    const pass = (e: Entry) => {
      if (!passed.includes(e.label)) passed.push(e.label);
    };
    const errors: ProviderError[] = [];
    const failed = (reason?: string, errs: ProviderError[] = errors) => new AllProvidersFailed(tried, errs, reason, passed);
    const note = (e: Entry, a: Omit<Attempt, 'provider' | 'model'>) => {
      const rec: Attempt = { provider: e.provider, model: e.model, ...a };
      attempts.push(rec);
      this.onAttempt?.(rec);
    };

    for (let i = 0; i < this.entries.length; i++) {
      const e = this.entries[i]!;
      const skip = this.skipReason(e);
      if (skip) {
        note(e, { outcome: 'skipped', reason: skip, ms: 0 });
        pass(e);
        continue;
      }
      for (let n = 1; n <= this.maxAttempts; n++) {
        if (call.signal?.aborted) throw failed('the call was cancelled');
        if (remaining() < MIN_ATTEMPT_MS) {
          note(e, { outcome: 'skipped', reason: 'no-time', ms: 0 });
          throw failed(`no provider answered before the deadline${tried.length ? ` (tried ${tried.join(', ')})` : ''}`);
        }
        if (!e.breaker.allow()) {
          note(e, { outcome: 'skipped', reason: 'open-circuit', ms: 0 });
          pass(e);
          break;
        }
        const q = await this.quota.take(e.provider, this.quotas[e.provider] ?? 0);
        if (!q.allowed) {
          e.breaker.release();
          note(e, { outcome: 'skipped', reason: 'over-quota', ms: 0 });
          pass(e);
          const limit = this.quotas[e.provider]!;
          const left = this.quotaNote(e.provider, limit, limit);
          this.warnOnce(e, `daily quota of ${limit} ${e.provider} requests reached for ${utcDay(this.now())}; skipped until 00:00 UTC${left ? ` (${left})` : ''}`);
          break;
        }
        const limit = this.quotas[e.provider] ?? 0;
        if (limit > 0 && q.used === Math.ceil(limit * QUOTA_WARNING_SHARE)) {
          const left = this.quotaNote(e.provider, q.used, limit);
          this.log.warn({ provider: e.provider, used: q.used, quota: limit }, `${q.used} of today's ${limit} ${e.provider} requests used${left ? `: ${left}` : ''}`);
        }
        if (n === 1) {
          tried.push(e.label);
          pass(e);
        }
        const laterUsable = this.entries.slice(i + 1).some((x) => !this.skipReason(x));
        const budget = laterUsable ? Math.max(MIN_ATTEMPT_MS, remaining() * this.share) : remaining();
        const timer = AbortSignal.timeout(Math.max(1, Math.floor(budget)));
        const signal = call.signal ? AbortSignal.any([call.signal, timer]) : timer;
        const a0 = performance.now();
        const state = { committed: false };
        try {
          const value = await fn(e.lm, signal, state);
          e.breaker.success();
          note(e, { outcome: 'ok', ms: Math.round(performance.now() - a0) });
          const fallbackFrom = passed.filter((l) => l !== e.label);
          const usage = value.usage;
          return {
            ...value,
            attempts,
            call: {
              at,
              purpose: call.purpose ?? 'react',
              provider: value.provider,
              model: value.model,
              inputTokens: usage.inputTokens,
              outputTokens: usage.outputTokens,
              ...(usage.cachedInputTokens ? { cachedInputTokens: usage.cachedInputTokens } : {}),
              costUsd: this.prices.cost(value.provider, value.model, usage),
              ms: Math.round(performance.now() - t0),
              ...(fallbackFrom.length ? { fallbackFrom } : {}),
            },
          };
        } catch (err) {
          const pe = this.asProviderError(err, e, timer);
          note(e, { outcome: 'error', kind: pe.kind, ...(pe.status !== undefined ? { status: pe.status } : {}), ms: Math.round(performance.now() - a0) });
          if (call.signal?.aborted) {
            e.breaker.release();
            throw failed('the call was cancelled', [...errors, pe]);
          }
          errors.push(pe);
          this.judge(e, pe);
          this.log.debug({ provider: e.provider, model: e.model, kind: pe.kind, status: pe.status, attempt: n }, 'language model attempt failed');
          if (state.committed) throw failed(`${e.label} broke off mid-answer`);
          // A slow provider is better left for the next one than waited on twice.
          const retry = pe.retryable && n < this.maxAttempts && e.breaker.wouldAllow() && !(pe.kind === 'timeout' && laterUsable);
          if (!retry) break;
          const delay = Math.max(backoffDelay(n, this.backoff, this.random), pe.retryAfterMs ?? 0);
          if (delay + MIN_ATTEMPT_MS > remaining()) break;
          await sleep(delay, call.signal).catch(() => undefined);
        }
      }
    }
    throw failed();
  }

  private skipReason(e: Entry): SkipReason | null {
    if (e.misconfigured) {
      if (this.now() < e.misconfigured.until) return 'misconfigured';
      delete e.misconfigured;
    }
    if (this.quotas[e.provider] && this.quota.isSpent(e.provider)) return 'over-quota';
    if (!e.breaker.wouldAllow()) return 'open-circuit';
    return null;
  }

  private asProviderError(err: unknown, e: Entry, timer: AbortSignal): ProviderError {
    if (err instanceof ProviderError) {
      // The SDK saw an abort; say whether it was our per-attempt clock.
      if (err.kind === 'aborted' && timer.aborted) return new ProviderError({ provider: e.provider, model: e.model, kind: 'timeout', message: `${e.label}: no answer in time` });
      return err;
    }
    if (isAbortError(err)) return new ProviderError({ provider: e.provider, model: e.model, kind: timer.aborted ? 'timeout' : 'aborted', message: `${e.label}: ${timer.aborted ? 'no answer in time' : 'cancelled'}` });
    return new ProviderError({ provider: e.provider, model: e.model, kind: 'server', retryable: false, message: `${e.label}: ${scrubSecrets(err instanceof Error ? err.message : String(err))}` });
  }

  /** What a failure says about the provider's health. */
  private judge(e: Entry, pe: ProviderError): void {
    e.lastError = pe.message;
    if (pe.kind === 'auth' || pe.kind === 'not_found') return this.markMisconfigured(e, pe.message, this.misconfiguredForMs);
    if (pe.kind === 'network' && !pe.retryable) return this.markMisconfigured(e, pe.message, this.unreachableForMs);
    if (pe.kind === 'safety' || pe.kind === 'bad_request' || pe.kind === 'aborted') {
      e.breaker.release();
      return;
    }
    const before = e.breaker.state();
    e.breaker.failure();
    if (before !== 'open' && e.breaker.state() === 'open') this.log.warn({ provider: e.provider, model: e.model, kind: pe.kind }, `${e.label} failed repeatedly; skipping it for a while`);
  }

  private markMisconfigured(e: Entry, message: string, forMs: number): void {
    const next = this.entries.filter((x) => x !== e && !x.misconfigured).map((x) => x.label)[0];
    this.warnOnce(e, `${message}. ${next ? `${next} answers instead` : 'The offline interviewer answers instead'}.`);
    e.misconfigured = { message, until: this.now() + forMs };
  }

  private readonly warned = new Map<string, string>();
  private warnOnce(e: Entry, message: string): void {
    const safe = scrubSecrets(message);
    if (this.warned.get(e.label) === safe) return;
    this.warned.set(e.label, safe);
    this.log.warn({ provider: e.provider, model: e.model }, safe);
  }

  /**
   * One cheap request per provider (a model lookup, short timeout). A wrong key, an unknown
   * model or an unreachable URL is reported once and the provider is skipped; the next answers.
   */
  async verify(): Promise<ProviderHealth[]> {
    await Promise.all(
      this.entries.map(async (e) => {
        if (!e.lm.verify) return;
        try {
          await e.lm.verify(AbortSignal.timeout(this.verifyTimeoutMs));
          e.verified = true;
        } catch (err) {
          const pe = err instanceof ProviderError ? err : this.asProviderError(err, e, AbortSignal.abort());
          e.lastError = pe.message;
          if (pe.kind === 'auth' || pe.kind === 'not_found') this.markMisconfigured(e, pe.message, this.misconfiguredForMs);
          else if (pe.kind === 'network' && !pe.retryable) this.markMisconfigured(e, pe.message, this.unreachableForMs);
          else this.warnOnce(e, `could not check ${e.label} at start-up (${pe.message}); it will still be tried`);
        }
      }),
    );
    return this.health();
  }

  async health(): Promise<ProviderHealth[]> {
    const out: ProviderHealth[] = [];
    const used = new Map<string, number>();
    for (const e of this.entries) {
      const quota = this.quotas[e.provider] ?? 0;
      // Several models of one provider share its counter: read it once.
      const usedToday = used.get(e.provider) ?? (await this.quota.used(e.provider));
      used.set(e.provider, usedToday);
      const mis = e.misconfigured && this.now() < e.misconfigured.until;
      const state: ProviderState = mis ? 'misconfigured' : quota > 0 && usedToday >= quota ? 'over-quota' : e.breaker.state() === 'open' ? 'open-circuit' : 'ok';
      const detail = state === 'over-quota' ? `daily quota of ${quota} requests used; back at 00:00 UTC` : state === 'open-circuit' ? `skipped after repeated failures: ${e.lastError ?? ''}` : state === 'misconfigured' ? e.misconfigured!.message : e.lastError;
      out.push({ name: e.label, provider: e.provider, model: e.model, ok: state === 'ok', configured: true, state, usedToday, quota, ...(e.lastError ? { lastError: e.lastError } : {}), ...(detail ? { detail } : {}), ...(e.verified ? { verified: true } : {}) });
    }
    for (const u of this.unconfigured) out.push({ name: `${u.provider}/${u.model}`, provider: u.provider, model: u.model, ok: false, configured: false, state: 'misconfigured', usedToday: 0, quota: this.quotas[u.provider] ?? 0, lastError: u.hint, detail: u.hint });
    return out;
  }

  /** Entries that would be tried now, by label (no store access: for mode lines). */
  usable(): string[] {
    return this.entries.filter((e) => !this.skipReason(e)).map((e) => e.label);
  }
}
