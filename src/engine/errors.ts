import { AppError } from '../resilience/errors.ts';

/**
 * An error whose message is written for the candidate and safe to show as is
 * (no secrets, no stack, no internal names). Surfaces render `safeMessage` directly.
 */
export class UserError extends AppError {
  readonly code: string;
  constructor(code: string, message: string) {
    super({ kind: 'user', message, retryable: false, safeMessage: message });
    this.name = 'UserError';
    this.code = code;
  }
}

export function isUserError(e: unknown): e is UserError {
  return e instanceof UserError;
}
