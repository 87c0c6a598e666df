// Slack's own error codes, for the failures a user can do something about.

/** The Web API error code (`not_in_channel`, `channel_not_found`…) of a failed call, if any. */
export function slackErrorCode(err: unknown): string | undefined {
  const data = (err as { data?: { error?: unknown } } | undefined)?.data;
  return typeof data?.error === 'string' ? data.error : undefined;
}
