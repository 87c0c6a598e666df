export type BreakerState = 'closed' | 'open' | 'half-open';

export interface BreakerOptions {
  /** Consecutive failures that open the circuit. */
  threshold?: number;
  /** How long an open circuit rejects calls before one probe is let through. */
  coolDownMs?: number;
  now?: () => number;
}

/**
 * Per-provider circuit breaker (in-process): after `threshold` consecutive failures the
 * provider is skipped for `coolDownMs`; then a single probe decides whether it is back.
 */
export class CircuitBreaker {
  private failures = 0;
  private openedAt: number | null = null;
  private probing = false;
  private readonly threshold: number;
  private readonly coolDownMs: number;
  private readonly now: () => number;

  constructor(o: BreakerOptions = {}) {
    this.threshold = o.threshold ?? 3;
    this.coolDownMs = o.coolDownMs ?? 30_000;
    this.now = o.now ?? Date.now;
  }

  get state(): BreakerState {
    if (this.openedAt === null) return 'closed';
    return this.now() - this.openedAt >= this.coolDownMs ? 'half-open' : 'open';
  }

  /** Whether a request may go out now; in half-open state only one probe at a time. */
  tryPass(): boolean {
    const s = this.state;
    if (s === 'closed') return true;
    if (s === 'open' || this.probing) return false;
    this.probing = true;
    return true;
  }

  /** Would a request pass (without claiming the probe)? */
  wouldPass(): boolean {
    const s = this.state;
    return s === 'closed' || (s === 'half-open' && !this.probing);
  }

  success(): void {
    this.failures = 0;
    this.openedAt = null;
    this.probing = false;
  }

  failure(): void {
    this.failures += 1;
    if (this.probing || this.failures >= this.threshold) this.openedAt = this.now();
    this.probing = false;
  }

  /** A probe that ended without a verdict (cancelled, or a content refusal) frees the slot. */
  release(): void {
    this.probing = false;
  }
}
