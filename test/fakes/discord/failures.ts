// Scripted REST failures: the next matching request(s) get Discord's error answer instead of the route's.
import type { FailureSpec } from './types.ts';

interface Pending {
  spec: FailureSpec;
  remaining: number;
}

export interface FailureResponse {
  status: number;
  body: Record<string, unknown>;
  headers: Record<string, string>;
}

export class FailureQueue {
  readonly #pending: Pending[] = [];

  add(spec: FailureSpec): void {
    this.#pending.push({ spec, remaining: spec.times ?? 1 });
  }

  clear(): void {
    this.#pending.length = 0;
  }

  /** Returns the failure to answer with, consuming one use of the first matching spec. */
  take(method: string, path: string): FailureResponse | null {
    const index = this.#pending.findIndex((p) => matches(p.spec, method, path));
    if (index < 0) return null;
    const pending = this.#pending[index] as Pending;
    if (--pending.remaining <= 0) this.#pending.splice(index, 1);
    return respond(pending.spec);
  }
}

function matches(spec: FailureSpec, method: string, path: string): boolean {
  if (spec.method && spec.method.toUpperCase() !== method) return false;
  if (spec.path === undefined) return true;
  return typeof spec.path === 'string' ? spec.path === path : spec.path.test(path);
}

function respond(spec: FailureSpec): FailureResponse {
  if (spec.status === 429) {
    const retryAfter = spec.retryAfter ?? 0.05;
    const global = spec.global ?? false;
    // Discord sends the wait both in the body and in headers; @discordjs/rest reads the Retry-After header.
    return {
      status: 429,
      body: { message: spec.message ?? 'You are being rate limited.', retry_after: retryAfter, global, ...(spec.code ? { code: spec.code } : {}) },
      headers: {
        'retry-after': String(retryAfter),
        'x-ratelimit-limit': '5',
        'x-ratelimit-remaining': '0',
        'x-ratelimit-reset': String((Date.now() / 1000 + retryAfter).toFixed(3)),
        'x-ratelimit-reset-after': String(retryAfter),
        'x-ratelimit-bucket': 'fakebucket',
        'x-ratelimit-scope': global ? 'global' : 'user',
        ...(global ? { 'x-ratelimit-global': 'true' } : {}),
      },
    };
  }
  const body: Record<string, unknown> = {
    message: spec.message ?? defaultMessage(spec.status),
    code: spec.code ?? 0,
    ...(spec.errors === undefined ? {} : { errors: spec.errors }),
  };
  return { status: spec.status, body, headers: {} };
}

function defaultMessage(status: number): string {
  if (status === 401) return '401: Unauthorized';
  if (status === 403) return 'Missing Permissions';
  if (status === 404) return '404: Not Found';
  if (status >= 500) return `${status}: Internal Server Error`;
  return 'Bad Request';
}
