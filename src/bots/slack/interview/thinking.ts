// "Alex is thinking…" while the engine works on a turn. Slack's assistant thread status is the
// native way; where it is refused (no assistant:write scope, not an assistant thread) a short
// placeholder message stands in and is then replaced by the reply itself.
import type { WebClient } from '@slack/web-api';
import type { SlackDeps } from '../deps.ts';
import { thinkingMessage } from '../views/interview-message.ts';

export interface ThinkingResult {
  /** ts of the placeholder message to turn into the reply, when one was posted. */
  placeholderTs?: string;
  /** True when a thread status was set; it clears itself when the reply is posted. */
  statusShown: boolean;
}

export interface Thinking {
  /** Stops the timer and reports what was shown, waiting for a call already on its way. */
  finish(): Promise<ThinkingResult>;
}

/** Shows the thinking state if the engine has not answered within deps.thinkingDelayMs. */
export function startThinking(deps: SlackDeps, client: WebClient, channel: string, threadTs: string): Thinking {
  const result: ThinkingResult = { statusShown: false };
  let shown: Promise<void> | undefined;
  const show = (): void => {
    shown = (async () => {
      if (deps.statusSupport.known !== false) {
        try {
          await client.assistant.threads.setStatus({ channel_id: channel, thread_ts: threadTs, status: 'is thinking…' });
          deps.statusSupport.known = true;
          result.statusShown = true;
          return;
        } catch (err) {
          deps.statusSupport.known = false;
          deps.log.info({ err: (err as Error).message }, 'assistant thread status unavailable; using a placeholder message');
        }
      }
      try {
        const m = thinkingMessage(deps.interviewer);
        const posted = await client.chat.postMessage({ channel, thread_ts: threadTs, text: m.text, blocks: m.blocks as never });
        if (posted.ts) result.placeholderTs = posted.ts;
      } catch (err) {
        deps.log.warn({ err }, 'could not post the thinking placeholder');
      }
    })();
  };
  const timer = deps.thinkingDelayMs <= 0 ? (show(), undefined) : setTimeout(show, deps.thinkingDelayMs);
  return {
    async finish() {
      if (timer) clearTimeout(timer);
      await shown;
      return result;
    },
  };
}

/** Clears a status that no public reply will clear (the turn ended in a private note). */
export async function clearStatus(deps: SlackDeps, client: WebClient, channel: string, threadTs: string): Promise<void> {
  try {
    await client.assistant.threads.setStatus({ channel_id: channel, thread_ts: threadTs, status: '' });
  } catch (err) {
    deps.log.debug({ err }, 'could not clear the thread status');
  }
}
