// Which errors may be shown to a person as they are, and the words used when one may not.
import { isUserError } from '../../engine/errors.ts';

/** UserError (engine) and DocumentError (document parsing) carry messages written for users. */
export function userSafeMessage(err: unknown): string | undefined {
  if (isUserError(err)) return err.message;
  if (err instanceof Error && err.name === 'DocumentError' && typeof err.message === 'string') return err.message;
  return undefined;
}

export const SOMETHING_WENT_WRONG = 'Something went wrong on my side and nothing was recorded. Please try again in a moment.';

/** The Web API error code (`not_in_channel`, `channel_not_found`…) of a failed call, if any. */
export function slackErrorCode(err: unknown): string | undefined {
  const data = (err as { data?: { error?: unknown } } | undefined)?.data;
  return typeof data?.error === 'string' ? data.error : undefined;
}
