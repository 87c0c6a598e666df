// The words shown when an error may not be shown as it is.
import { safeMessageOf } from '../resilience/errors.ts';

export const SOMETHING_WENT_WRONG = 'Something went wrong on my side and nothing was recorded. Please try again in a moment.';
export const RECORDED_NOT_SHOWN = 'Your answer was recorded, but I could not post my reply here. Type *repeat* to see the question again.';

/** The message of an error written for users (UserError, DocumentError, AudioFileError), or undefined. */
export function userSafeMessage(err: unknown): string | undefined {
  return safeMessageOf(err);
}
