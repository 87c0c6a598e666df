/**
 * Per-provider circuit breaker, shared by the language-model and speech chains. After
 * `threshold` consecutive failures the provider is skipped for `cooldownMs`; then one trial
 * request is let through (half-open), and its outcome closes the circuit or opens it for
 * another cooldown. This keeps a dead provider from costing every call a full timeout.
 */

export type BreakerState = 'closed' | 'open' | 'half-open';

export interface BreakerOptions {
  threshold?: number;
  cooldownMs?: number;
  now?: () => number;
}

export class CircuitBreaker {
  private readonly threshold: number;
  private readonly cooldownMs: number;
  private readonly now: () => number;
  private failures = 0;
  private openedAt: number | null = null;
  private trialInFlight = false;

  constructor(options: BreakerOptions = {}) {
    this.threshold = options.threshold ?? 3;
    this.cooldownMs = options.cooldownMs ?? 30_000;
    this.now = options.now ?? Date.now;
  }

  state(): BreakerState {
    if (this.openedAt === null) return 'closed';
    return this.now() - this.openedAt >= this.cooldownMs ? 'half-open' : 'open';
  }

  /** Whether a request may go out now; in half-open state only one trial at a time. */
  allow(): boolean {
    const s = this.state();
    if (s === 'closed') return true;
    if (s === 'open' || this.trialInFlight) return false;
    this.trialInFlight = true;
    return true;
  }

  /** True when a request could be let through (no side effects; for mode reporting). */
  wouldAllow(): boolean {
    const s = this.state();
    return s === 'closed' || (s === 'half-open' && !this.trialInFlight);
  }

  success(): void {
    this.failures = 0;
    this.openedAt = null;
    this.trialInFlight = false;
  }

  failure(): void {
    this.trialInFlight = false;
    this.failures++;
    if (this.openedAt !== null || this.failures >= this.threshold) this.openedAt = this.now();
  }

  /** An attempt that ended without a verdict (caller aborted): frees the half-open slot. */
  release(): void {
    this.trialInFlight = false;
  }

  /** Closes the circuit, e.g. when the health probe sees the server come back. */
  reset(): void {
    this.success();
  }
}
