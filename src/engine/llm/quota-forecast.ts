import type { EngineObserver } from '../engine.ts';
import type { Session } from '../types.ts';
import type { ProviderHealth } from './chain.ts';

/** Model requests one interview costs before any has finished here: one per message and one for the report, roughly. */
export const DEFAULT_REQUESTS_PER_INTERVIEW = 16;
/** Share of a daily quota at which a warning says how many interviews are left. */
export const QUOTA_WARNING_SHARE = 0.8;

export interface QuotaOutlook {
  /** Requests left today over every provider with a daily quota; null when one without a limit can answer. */
  requestsLeftToday: number | null;
  /** Model requests per finished interview, over the latest interviews (or the default until one finishes). */
  requestsPerInterview: number;
  /** Interviews that still fit today at that rate; null when unlimited. */
  interviewsLeftToday: number | null;
  basis: 'measured' | 'estimate';
}

/**
 * How many interviews today's model quota still allows, at the rate the latest interviews
 * used it. Fed by the engine (finished interviews and the model requests each made), read
 * by /health and by the chain's daily-quota warnings.
 */
export class QuotaForecast {
  private readonly window: number;
  private readonly recent: number[] = [];

  constructor(o: { window?: number } = {}) {
    this.window = o.window ?? 50;
  }

  /** Counts a finished interview's model requests (offline answers cost none). */
  record(session: Pick<Session, 'calls'>): void {
    this.recent.push(session.calls.filter((c) => c.provider !== 'offline').length);
    if (this.recent.length > this.window) this.recent.shift();
  }

  observer(): EngineObserver {
    return { finished: (s) => this.record(s) };
  }

  get requestsPerInterview(): number {
    if (!this.recent.length) return DEFAULT_REQUESTS_PER_INTERVIEW;
    // At least one: an interview that made no request still uses the summary's slot when the model is back.
    return Math.max(1, Math.round((this.recent.reduce((a, b) => a + b, 0) / this.recent.length) * 10) / 10);
  }

  interviewsFor(requests: number): number {
    return Math.floor(Math.max(0, requests) / this.requestsPerInterview);
  }

  /** The outlook over the chain's providers as health() lists them (several models of one provider share its quota). */
  outlook(providers: Pick<ProviderHealth, 'provider' | 'configured' | 'state' | 'quota' | 'usedToday'>[]): QuotaOutlook {
    const byProvider = new Map<string, (typeof providers)[number]>();
    for (const p of providers) if (p.configured && p.state !== 'misconfigured' && !byProvider.has(p.provider)) byProvider.set(p.provider, p);
    const usable = [...byProvider.values()];
    const unlimited = usable.some((p) => !p.quota);
    const left = unlimited ? null : usable.reduce((s, p) => s + Math.max(0, p.quota - p.usedToday), 0);
    return {
      requestsLeftToday: left,
      requestsPerInterview: this.requestsPerInterview,
      interviewsLeftToday: left === null ? null : this.interviewsFor(left),
      basis: this.recent.length ? 'measured' : 'estimate',
    };
  }

  /** The clause a daily-quota warning ends with. */
  warningNote(provider: string, used: number, limit: number): string {
    const n = this.interviewsFor(limit - used);
    return `about ${n} interview${n === 1 ? '' : 's'} left today on ${provider} at the current rate of ${this.requestsPerInterview} requests per interview`;
  }
}
