/** Typed failures of a language-model call; their messages are safe to log and to show in /health. */
import { FAILURE_KINDS, ServiceError, type FailureKind } from '../../resilience/errors.ts';

export { scrubSecrets } from '../../resilience/errors.ts';

export const PROVIDER_ERROR_KINDS = FAILURE_KINDS;
export type ProviderErrorKind = FailureKind;

export class ProviderError extends ServiceError {
  readonly model: string;

  constructor(o: { provider: string; model: string; kind: ProviderErrorKind; message: string; status?: number; retryable?: boolean; retryAfterMs?: number }) {
    super(o);
    this.name = 'ProviderError';
    this.model = o.model;
  }
}

export function isProviderError(e: unknown): e is ProviderError {
  return e instanceof ProviderError;
}

/** Thrown by the chain when no configured provider produced an answer; the caller then uses the offline rules. */
export class AllProvidersFailed extends Error {
  readonly retryable = false;
  /** `provider/model` of every entry actually tried, in order. */
  readonly tried: string[];
  /** Tried or passed over (open circuit, quota spent, misconfigured), in order. */
  readonly passedOver: string[];
  readonly errors: ProviderError[];
  constructor(tried: string[], errors: ProviderError[], reason?: string, passedOver: string[] = tried) {
    const last = errors[errors.length - 1];
    super(reason ?? (tried.length ? `no provider answered (tried ${tried.join(', ')}${last ? `; last: ${last.kind}` : ''})` : 'no provider available'));
    this.name = 'AllProvidersFailed';
    this.tried = tried;
    this.passedOver = passedOver;
    this.errors = errors;
  }
}
