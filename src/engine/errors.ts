/**
 * An error whose message is written for the candidate and safe to show as is
 * (no secrets, no stack, no internal names). Surfaces render `message` directly.
 */
export class UserError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = 'UserError';
    this.code = code;
  }
}

export function isUserError(e: unknown): e is UserError {
  return e instanceof Error && e.name === 'UserError' && typeof (e as UserError).code === 'string';
}
