/**
 * The fallback chain for one capability (speech-to-text, text-to-speech; the language models
 * add quotas and cost on top of the same rules): providers in preference order, unconfigured
 * ones never added, GPU ones skipped while the health probe says the server is down, a circuit
 * breaker per provider, retries only for retryable failures (timeouts, 429, 5xx, connection
 * resets) with backoff inside one overall deadline, and an immediate fall-through on anything
 * else. Every result says which provider answered and which preferred one it replaced.
 */
import type { Logger } from 'pino';
import { sleep } from './backoff.ts';
import { CircuitBreaker, type BreakerOptions, type BreakerState } from './breaker.ts';
import { NOT_THE_PROVIDERS_FAULT, ServiceError, type FailureKind } from './errors.ts';
import { isAbortError } from './network.ts';

export interface ChainMember<P> {
  name: string;
  provider: P;
  /** Runs on the self-hosted GPU server, so it follows the health probe. */
  gpu: boolean;
  /** Limit for one attempt; the chain deadline may cut it shorter. */
  timeoutMs: number;
}

export interface HealthSignal {
  /** True only when the probe has positively seen the server down. */
  isDown(): boolean;
  /** Asks for an early probe (a GPU call just failed to connect). */
  nudge?(): void;
}

export interface ChainOptions {
  /** What the chain provides, for logs ('stt', 'tts', 'embeddings'). */
  capability: string;
  /** The error thrown when no provider answered. */
  noneAnswered(tried: string[], errors: ServiceError[]): Error;
  deadlineMs: number;
  health?: HealthSignal;
  attemptsPerProvider?: number;
  backoffMs?: number;
  breaker?: BreakerOptions;
  logger?: Logger;
  /** Called after every run, so the owner can recompute and announce its mode. */
  onSettled?: () => void;
}

export interface AttemptRecord {
  provider: string;
  outcome: 'ok' | 'failed' | 'skipped';
  /** Failure kind, or why it was skipped ('gpu_down', 'circuit_open', 'deadline'). */
  reason?: FailureKind | 'gpu_down' | 'circuit_open' | 'deadline';
  ms: number;
}

export interface ChainOutcome<R> {
  value: R;
  provider: string;
  /** The preferred provider this answer replaced, when it did not come from the first choice. */
  fallbackFrom?: string;
  attempts: AttemptRecord[];
}

/** Below this, another attempt cannot finish anyway. */
const MIN_ATTEMPT_MS = 150;

export class FallbackChain<P> {
  readonly members: readonly ChainMember<P>[];
  private readonly opts: ChainOptions;
  private readonly breakers = new Map<string, CircuitBreaker>();
  /** Providers whose latest call failed through their own fault, with the kind of failure. */
  private readonly failing = new Map<string, FailureKind>();

  constructor(members: ChainMember<P>[], options: ChainOptions) {
    this.members = members;
    this.opts = options;
    for (const m of members) this.breakers.set(m.name, new CircuitBreaker(options.breaker));
  }

  /** Members that would be tried now, in order (no side effects). */
  available(accept?: (p: P) => boolean): ChainMember<P>[] {
    return this.members.filter((m) => (!accept || accept(m.provider)) && !(m.gpu && this.opts.health?.isDown()) && this.breakers.get(m.name)!.wouldAllow());
  }

  breakerStates(): Record<string, BreakerState> {
    return Object.fromEntries([...this.breakers].map(([k, b]) => [k, b.state()]));
  }

  /**
   * Providers whose most recent call failed (not through bad input), e.g. { 'edge-tts': 'network' };
   * a provider leaves the list at its next success. The breaker needs several failures to open,
   * so this is what lets /health say at once that a fallback has just failed.
   */
  recentFailures(): Record<string, FailureKind> {
    return Object.fromEntries(this.failing);
  }

  /** The GPU server came back: give its providers a clean slate. */
  resetGpu(): void {
    for (const m of this.members) if (m.gpu) this.breakers.get(m.name)!.reset();
  }

  async run<R>(call: (provider: P, signal: AbortSignal) => Promise<R>, options: { signal?: AbortSignal; accept?: (p: P) => boolean } = {}): Promise<ChainOutcome<R>> {
    try {
      return await this.runInner(call, options);
    } finally {
      this.opts.onSettled?.();
    }
  }

  private async runInner<R>(call: (provider: P, signal: AbortSignal) => Promise<R>, options: { signal?: AbortSignal; accept?: (p: P) => boolean }): Promise<ChainOutcome<R>> {
    const outer = options.signal;
    const deadline = Date.now() + this.opts.deadlineMs;
    const maxAttempts = this.opts.attemptsPerProvider ?? 2;
    const backoff = this.opts.backoffMs ?? 200;
    const candidates = this.members.filter((m) => !options.accept || options.accept(m.provider));
    const first = candidates[0]?.name;
    const attempts: AttemptRecord[] = [];
    const tried: string[] = [];
    const errors: ServiceError[] = [];
    const log = this.opts.logger;

    for (const [index, m] of candidates.entries()) {
      if (outer?.aborted) throw abortReason(outer);
      if (m.gpu && this.opts.health?.isDown()) {
        attempts.push({ provider: m.name, outcome: 'skipped', reason: 'gpu_down', ms: 0 });
        continue;
      }
      const breaker = this.breakers.get(m.name)!;
      if (!breaker.allow()) {
        attempts.push({ provider: m.name, outcome: 'skipped', reason: 'circuit_open', ms: 0 });
        continue;
      }
      tried.push(m.name);
      let lastErr: ServiceError | undefined;
      for (let attempt = 1; attempt <= maxAttempts; attempt++) {
        const remaining = deadline - Date.now();
        if (remaining < MIN_ATTEMPT_MS) {
          attempts.push({ provider: m.name, outcome: 'skipped', reason: 'deadline', ms: 0 });
          break;
        }
        const started = Date.now();
        try {
          // Fair share of what is left, so a hanging first choice cannot starve the fallbacks.
          const share = Math.max(MIN_ATTEMPT_MS, remaining / (candidates.length - index));
          const value = await attempt1(call, m, Math.min(m.timeoutMs, share), outer);
          breaker.success();
          this.failing.delete(m.name);
          attempts.push({ provider: m.name, outcome: 'ok', ms: Date.now() - started });
          if (first && m.name !== first) log?.info({ capability: this.opts.capability, provider: m.name, fallbackFrom: first }, 'answered by a fallback provider');
          return first && m.name !== first ? { value, provider: m.name, fallbackFrom: first, attempts } : { value, provider: m.name, attempts };
        } catch (e) {
          if (outer?.aborted) {
            breaker.release();
            throw abortReason(outer);
          }
          lastErr = e instanceof ServiceError ? e : new ServiceError({ provider: m.name, kind: 'malformed', message: e instanceof Error ? e.message : String(e), retryable: false, cause: e });
          attempts.push({ provider: m.name, outcome: 'failed', reason: lastErr.kind, ms: Date.now() - started });
          log?.warn({ capability: this.opts.capability, provider: m.name, attempt, kind: lastErr.kind, status: lastErr.status, err: lastErr.message }, 'provider failed');
          if (!lastErr.retryable || attempt === maxAttempts) break;
          const wait = Math.max(backoff * 2 ** (attempt - 1) * (0.75 + Math.random() * 0.5), lastErr.retryAfterMs ?? 0);
          // Waiting past the deadline would leave nothing for the next provider: fall through instead.
          if (Date.now() + wait + MIN_ATTEMPT_MS > deadline) break;
          await sleep(wait, outer, abortReason);
        }
      }
      if (lastErr) {
        errors.push(lastErr);
        if (NOT_THE_PROVIDERS_FAULT.has(lastErr.kind)) breaker.release();
        else {
          breaker.failure();
          this.failing.set(m.name, lastErr.kind);
        }
        if (m.gpu && lastErr.kind === 'network') this.opts.health?.nudge?.();
      } else {
        breaker.release();
      }
    }
    throw this.opts.noneAnswered(tried, errors);
  }
}

/**
 * One attempt under its own timer. The race matters for providers whose client ignores
 * the abort signal (a WebSocket stream that never ends): the chain moves on regardless.
 */
async function attempt1<P, R>(call: (provider: P, signal: AbortSignal) => Promise<R>, m: ChainMember<P>, timeoutMs: number, outer?: AbortSignal): Promise<R> {
  const ctl = new AbortController();
  let timedOut = false;
  let onAbort: (() => void) | undefined;
  const stop = new Promise<never>((_, reject) => {
    const timer = setTimeout(() => {
      timedOut = true;
      ctl.abort(new DOMException('attempt timed out', 'TimeoutError'));
      reject(new ServiceError({ provider: m.name, kind: 'timeout', message: `no answer within ${timeoutMs} ms` }));
    }, timeoutMs);
    onAbort = () => {
      clearTimeout(timer);
      ctl.abort(outer?.reason);
      reject(abortReason(outer!));
    };
    if (outer) outer.addEventListener('abort', onAbort, { once: true });
    // Any end of the attempt aborts ctl (see finally), which clears the timer.
    ctl.signal.addEventListener('abort', () => clearTimeout(timer), { once: true });
  });
  stop.catch(() => undefined);
  try {
    return await Promise.race([call(m.provider, ctl.signal), stop]);
  } catch (e) {
    if (timedOut && !(e instanceof ServiceError && e.kind === 'timeout')) throw new ServiceError({ provider: m.name, kind: 'timeout', message: `no answer within ${timeoutMs} ms`, cause: e });
    throw e;
  } finally {
    if (!ctl.signal.aborted) ctl.abort(new DOMException('attempt finished', 'AbortError'));
    if (outer && onAbort) outer.removeEventListener('abort', onAbort);
  }
}

function abortReason(signal: AbortSignal): Error {
  const r: unknown = signal.reason;
  if (r instanceof Error && isAbortError(r)) return r;
  return new DOMException('request aborted', 'AbortError');
}

