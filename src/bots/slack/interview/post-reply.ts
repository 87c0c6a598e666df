// Posts one engine reply into the interview thread and keeps the buttons on the latest
// question only, so an old Skip cannot skip the question being answered now.
import type { WebClient } from '@slack/web-api';
import type { Reply } from '../../../engine/types.ts';
import type { SlackDeps } from '../deps.ts';
import { tellUser } from '../notify.ts';
import { turnMessage, withoutButtons, type MessageBlock, type TurnMessageOptions } from '../views/interview-message.ts';
import type { ThreadTarget } from './target.ts';
import type { ThinkingResult } from './thinking.ts';
import { clearStatus } from './thinking.ts';

const QUESTION_TTL_MS = 30 * 24 * 3600_000;

/** The message carrying the live buttons of a session. */
export interface QuestionMessage {
  ts: string;
  text: string;
  /** Its blocks without the buttons, to put back when the interview moves on. */
  blocks: MessageBlock[];
}

const questionKey = (sessionId: string) => `slack:question:${sessionId}`;

export function currentQuestion(deps: SlackDeps, sessionId: string): Promise<QuestionMessage | undefined> {
  return deps.kv.get<QuestionMessage>(questionKey(sessionId));
}

export async function postReply(deps: SlackDeps, client: WebClient, reply: Reply, t: ThreadTarget, thinking: ThinkingResult = { statusShown: false }, opts: TurnMessageOptions = {}): Promise<void> {
  if (reply.refused) {
    // Nothing changed: tell the candidate privately and leave the thread as it was.
    if (thinking.placeholderTs) await client.chat.delete({ channel: t.channel, ts: thinking.placeholderTs }).catch(() => undefined);
    if (thinking.statusShown) await clearStatus(deps, client, t.channel, t.threadTs);
    await tellUser(client, { channel: t.channel, user: t.userId, threadTs: t.threadTs }, reply.refused.message);
    return;
  }
  const m = turnMessage(reply, opts);
  let ts: string | undefined;
  if (thinking.placeholderTs) {
    const res = await client.chat.update({ channel: t.channel, ts: thinking.placeholderTs, text: m.text, blocks: m.blocks as never });
    ts = res.ts ?? thinking.placeholderTs;
  } else {
    const res = await client.chat.postMessage({ channel: t.channel, thread_ts: t.threadTs, text: m.text, blocks: m.blocks as never, unfurl_links: false });
    ts = res.ts;
  }
  const previous = await currentQuestion(deps, reply.sessionId);
  const hasButtons = m.blocks.some((b) => b.type === 'actions');
  if (hasButtons && ts) await deps.kv.set(questionKey(reply.sessionId), { ts, text: m.text, blocks: withoutButtons(m.blocks) } satisfies QuestionMessage, QUESTION_TTL_MS);
  else await deps.kv.delete(questionKey(reply.sessionId));
  if (previous && previous.ts !== ts) {
    await client.chat.update({ channel: t.channel, ts: previous.ts, text: previous.text, blocks: previous.blocks as never }).catch((err: unknown) => deps.log.debug({ err }, 'could not remove old buttons'));
  }
}
