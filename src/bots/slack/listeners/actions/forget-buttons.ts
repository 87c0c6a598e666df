// The answer to "Delete your data?": everything the engine stores about the user goes, and the
// App Home is redrawn empty.
import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { SlackDeps } from '../../deps.ts';
import { dropPending, pendingOfUser } from '../../interview/pending.ts';
import { publishHome } from '../../interview/report.ts';
import { userKey } from '../../keys.ts';
import { tellUser } from '../../notify.ts';
import { teamOf } from '../messages/normalize.ts';

type Args = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;

async function answer(args: Args, text: string): Promise<void> {
  const channel = args.body.channel?.id ?? args.body.container?.channel_id;
  if (args.body.response_url) await args.respond({ replace_original: true, response_type: 'ephemeral', text });
  else if (channel) await tellUser(args.client, { channel, user: args.body.user.id }, text);
}

export function forgetConfirm(deps: SlackDeps) {
  return async (args: Args): Promise<void> => {
    await args.ack();
    const team = teamOf(args.context, args.body);
    if (!team) return;
    const uk = userKey(team, args.body.user.id);
    const pending = await pendingOfUser(deps, uk);
    if (pending) await dropPending(deps, pending);
    const n = await deps.conversation.forget(uk);
    deps.log.info({ interviews: n }, 'slack user data deleted');
    await answer(args, `Done: deleted ${n} interview${n === 1 ? '' : 's'} and everything stored with ${n === 1 ? 'it' : 'them'}.`);
    await publishHome(deps, args.client, team, args.body.user.id).catch((err: unknown) => deps.log.warn({ err }, 'could not refresh App Home after forget'));
  };
}

export function forgetCancel() {
  return async (args: Args): Promise<void> => {
    await args.ack();
    await answer(args, 'Nothing was deleted.');
  };
}
