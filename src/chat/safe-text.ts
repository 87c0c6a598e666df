// Which errors may be shown to a person as they are, and the words used when one may not.
import { isUserError } from '../engine/errors.ts';

export const SOMETHING_WENT_WRONG = 'Something went wrong on my side and nothing was recorded. Please try again in a moment.';
export const RECORDED_NOT_SHOWN = 'Your answer was recorded, but I could not post my reply here. Type *repeat* to see the question again.';

/** The message of an error written for users (UserError, DocumentError), or undefined. */
export function userSafeMessage(err: unknown): string | undefined {
  if (isUserError(err)) return err.message;
  if (err instanceof Error && err.name === 'DocumentError' && typeof err.message === 'string') return err.message;
  return undefined;
}
