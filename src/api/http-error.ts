/**
 * An error the API answers with as is: status, a stable machine code and a message that is
 * safe to show a user. Anything else that escapes a handler becomes a generic 500.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: Record<string, unknown> | undefined;
  /** Retry-After in seconds, for 429 and 503 answers. */
  readonly retryAfterS: number | undefined;

  constructor(status: number, code: string, message: string, opts: { details?: Record<string, unknown>; retryAfterS?: number } = {}) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = opts.details;
    this.retryAfterS = opts.retryAfterS;
  }
}

/** A request that failed schema validation; `fields` maps a dotted path to what is wrong with it. */
export class ValidationError extends ApiError {
  readonly fields: Record<string, string>;
  constructor(fields: Record<string, string>, where: 'body' | 'params' | 'query') {
    const names = Object.keys(fields);
    const what = where === 'body' ? 'request body' : where === 'params' ? 'URL' : 'query string';
    super(400, 'validation_error', `The ${what} is invalid: ${names.map((n) => `${n} (${fields[n]})`).join(', ')}.`);
    this.name = 'ValidationError';
    this.fields = fields;
  }
}

/** Engine refusal and UserError codes -> HTTP status. Unknown codes are client errors (400). */
const STATUS_BY_CODE: Record<string, number> = {
  not_found: 404,
  no_interview: 404,
  finished: 409,
  already_active: 409,
  paused: 409,
  not_paused: 409,
  unknown_type: 400,
  unknown_role: 400,
  unknown_level: 400,
  unknown_language: 400,
  empty: 422,
  too_long: 422,
  shutting_down: 503,
};

export function statusForCode(code: string): number {
  return STATUS_BY_CODE[code] ?? 400;
}
