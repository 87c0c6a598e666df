// "@Alex behavioral backend": a mention starts an interview in the mention's thread, or answers
// in a running one. The same message may also arrive as a `message` event; handleIncoming
// claims it once.
import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { SlackDeps } from '../../deps.ts';
import { handleIncoming } from '../../interview/incoming.ts';
import { teamOf, toIncoming, type RawMessageEvent } from '../messages/normalize.ts';

export function appMention(deps: SlackDeps) {
  return async ({ event, body, client, context }: SlackEventMiddlewareArgs<'app_mention'> & AllMiddlewareArgs): Promise<void> => {
    const m = toIncoming(event as RawMessageEvent, { teamId: teamOf(context, body), botUserId: context.botUserId, retryNum: context.retryNum });
    if (!m) return;
    await handleIncoming(deps, client, { ...m, mentionsBot: true });
  };
}
