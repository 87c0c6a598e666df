// One turn of a running interview: the engine takes the input, the reply goes to the thread.
// Turns of one thread run one after another (engine call and posting together) so replies
// appear in the order the answers were given.
import type { WebClient } from '@slack/web-api';
import type { EngineInput } from '../../../engine/types.ts';
import type { SlackDeps } from '../deps.ts';
import { tellUser } from '../notify.ts';
import { SOMETHING_WENT_WRONG, userSafeMessage } from '../safe-error.ts';
import { postReply } from './post-reply.ts';
import type { ThreadTarget } from './target.ts';
import { startThinking } from './thinking.ts';

export interface TurnOutcome {
  /** False when the engine did not take the input (an error before anything was recorded). */
  recorded: boolean;
}

export async function runTurn(deps: SlackDeps, client: WebClient, sessionId: string, t: ThreadTarget, input: EngineInput): Promise<TurnOutcome> {
  return deps.engine.store.withLock(`slack:turn:${sessionId}`, async () => {
    const thinking = startThinking(deps, client, t.channel, t.threadTs);
    let reply;
    try {
      reply = await deps.engine.handleSession(sessionId, input);
    } catch (err) {
      const shown = await thinking.finish();
      if (shown.placeholderTs) await client.chat.delete({ channel: t.channel, ts: shown.placeholderTs }).catch(() => undefined);
      const safe = userSafeMessage(err);
      if (!safe) deps.log.error({ err, sessionId }, 'slack turn failed');
      await tellUser(client, { channel: t.channel, user: t.userId, threadTs: t.threadTs }, safe ?? SOMETHING_WENT_WRONG).catch(() => undefined);
      return { recorded: false };
    }
    const shown = await thinking.finish();
    try {
      await postReply(deps, client, reply, t, shown);
    } catch (err) {
      // The engine has the answer; only the message failed. Say so rather than invite a resend.
      deps.log.error({ err, sessionId }, 'could not post the interview reply');
      await tellUser(client, { channel: t.channel, user: t.userId, threadTs: t.threadTs }, 'Your answer was recorded, but I could not post my reply here. Type *repeat* to see the question again.').catch(() => undefined);
    }
    return { recorded: true };
  });
}
