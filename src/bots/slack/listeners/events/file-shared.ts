// file_shared carries no thread, so the message event (subtype file_share) is the main path for
// documents. This is the fallback for a file whose message event we did not get: it only looks
// further when the sharer has a customized interview waiting in that channel.
import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { SlackDeps } from '../../deps.ts';
import { ingestFiles } from '../../interview/files.ts';
import { pendingOfUser } from '../../interview/pending.ts';
import { userKey } from '../../keys.ts';
import { teamOf } from '../messages/normalize.ts';

type Shares = Record<string, Record<string, { thread_ts?: string }[]> | undefined>;

export function fileShared(deps: SlackDeps) {
  return async ({ event, body, client, context }: SlackEventMiddlewareArgs<'file_shared'> & AllMiddlewareArgs): Promise<void> => {
    const team = teamOf(context, body);
    if (!team || !deps.conversation.documents) return;
    const pending = await pendingOfUser(deps, userKey(team, event.user_id));
    if (!pending || pending.channel !== event.channel_id) return;
    const info = await client.files.info({ file: event.file_id });
    const shares = (info.file as { shares?: Shares } | undefined)?.shares ?? {};
    const inThread = Object.values(shares).some((byChannel) => (byChannel?.[event.channel_id] ?? []).some((s) => s.thread_ts === pending.threadTs));
    if (!inThread) return;
    await ingestFiles(deps, client, pending, [{ id: event.file_id, ...(info.file?.name ? { name: info.file.name } : {}) }]);
  };
}
