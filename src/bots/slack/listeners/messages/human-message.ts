// A message in a channel, thread or DM the app can see: answers, requests in DMs, mentions.
import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { SlackDeps } from '../../deps.ts';
import { handleIncoming } from '../../interview/incoming.ts';
import { teamOf, toIncoming, type RawMessageEvent } from './normalize.ts';

export function humanMessage(deps: SlackDeps) {
  return async ({ message, body, client, context }: SlackEventMiddlewareArgs<'message'> & AllMiddlewareArgs): Promise<void> => {
    const m = toIncoming(message as RawMessageEvent, { teamId: teamOf(context, body), botUserId: context.botUserId, retryNum: context.retryNum });
    if (!m) return;
    await handleIncoming(deps, client, m);
  };
}
