/**
 * One family of errors for the whole app. Every deliberate failure says what kind it is,
 * whether trying again may help, and whether its words may be shown to a user as they are;
 * surfaces decide what to show from `safeMessage`, never from class names.
 */

/** Failure kinds of outside services (language models, speech, embeddings). */
export const FAILURE_KINDS = ['timeout', 'rate_limit', 'server', 'network', 'auth', 'bad_request', 'not_found', 'unsupported', 'safety', 'malformed', 'aborted'] as const;
export type FailureKind = (typeof FAILURE_KINDS)[number];

/** Kinds worth another try on the same provider; the rest fall through to the next one at once. */
export const RETRYABLE_KINDS: ReadonlySet<FailureKind> = new Set(['timeout', 'rate_limit', 'server', 'network']);

export interface AppErrorInit {
  kind: string;
  message: string;
  retryable: boolean;
  /** Words written for users, or null when only a generic text may be shown. */
  safeMessage: string | null;
  cause?: unknown;
}

export class AppError extends Error {
  readonly kind: string;
  readonly retryable: boolean;
  readonly safeMessage: string | null;

  constructor(o: AppErrorInit) {
    super(o.message, o.cause === undefined ? undefined : { cause: o.cause });
    this.name = 'AppError';
    this.kind = o.kind;
    this.retryable = o.retryable;
    this.safeMessage = o.safeMessage;
  }
}

/** The words of an error written for users, or undefined for anything else. */
export function safeMessageOf(err: unknown): string | undefined {
  return err instanceof AppError && err.safeMessage !== null ? err.safeMessage : undefined;
}

export interface ServiceErrorInit {
  provider: string;
  kind: FailureKind;
  message: string;
  status?: number;
  retryable?: boolean;
  retryAfterMs?: number;
  cause?: unknown;
}

/**
 * An outside service failed. The message is scrubbed of anything shaped like a key, so it is
 * safe to log and to show in /health, but it is not for users: they get the surface's own words.
 */
export class ServiceError extends AppError {
  declare readonly kind: FailureKind;
  readonly provider: string;
  readonly status?: number;
  /** Server-suggested wait (Retry-After header or Google RetryInfo), when given. */
  readonly retryAfterMs?: number;

  constructor(o: ServiceErrorInit) {
    super({ kind: o.kind, message: scrubSecrets(o.message).slice(0, 300), retryable: o.retryable ?? RETRYABLE_KINDS.has(o.kind), safeMessage: null, cause: o.cause });
    this.name = 'ServiceError';
    this.provider = o.provider;
    if (o.status !== undefined) this.status = o.status;
    if (o.retryAfterMs !== undefined) this.retryAfterMs = o.retryAfterMs;
  }
}

/** Failures that say nothing about the provider's health (our input or our caller was at fault). */
export const NOT_THE_PROVIDERS_FAULT: ReadonlySet<FailureKind> = new Set(['bad_request', 'unsupported', 'safety', 'aborted']);

const SECRET_PATTERNS: RegExp[] = [
  /AIza[0-9A-Za-z_-]{10,}/g, // Google API keys
  /\bsk-[A-Za-z0-9_-]{8,}/g, // OpenAI keys
  /\bxox[abpr]-[A-Za-z0-9-]{8,}/g, // Slack tokens
  /([?&](?:key|api_key|apikey|token)=)[^&\s"']+/gi,
  /(Bearer\s+)[A-Za-z0-9._~+/=-]{8,}/gi,
  /(\/\/[^:/@\s]*:)[^@\s]+(@)/g, // passwords in URLs
];

/** Removes anything shaped like a key (and the given secret values) from text an SDK or a server wrote. */
export function scrubSecrets(text: string, extra: readonly string[] = []): string {
  let out = text;
  for (const s of extra) if (s.length >= 6) out = out.split(s).join('[REDACTED]');
  for (const re of SECRET_PATTERNS) {
    out = out.replace(re, (_m: string, prefix?: unknown, suffix?: unknown) => (typeof prefix === 'string' ? `${prefix}[REDACTED]${typeof suffix === 'string' ? suffix : ''}` : '[REDACTED]'));
  }
  return out;
}
