// Slack as a ChatAdapter: replies are Block Kit messages in the interview thread (replacing a
// "thinking" placeholder when one was shown), private notes are ephemeral, and the end of an
// interview posts the report, the chart, the channel summary and refreshes App Home.
import type { WebClient } from '@slack/web-api';
import type { ChatAdapter } from '../../../chat/adapter.ts';
import type { SlackDeps } from '../deps.ts';
import { tellUser } from '../notify.ts';
import type { TurnMessageOptions } from '../views/interview-message.ts';
import { postReply } from './post-reply.ts';
import { postReport } from './report.ts';
import type { ThreadTarget } from './target.ts';
import { startThinking, type ThinkingResult } from './thinking.ts';

/** A Slack interview thread for one turn; `thinking` is what the typing sign left showing. */
export interface SlackPlace extends ThreadTarget {
  thinking: ThinkingResult;
  /** How the first reply is dressed (title, hint, notes). */
  message?: TurnMessageOptions;
}

export function slackPlace(t: ThreadTarget, message?: TurnMessageOptions): SlackPlace {
  return { ...t, thinking: { statusShown: false }, ...(message ? { message } : {}) };
}

export function slackAdapter(deps: SlackDeps, client: WebClient): ChatAdapter<SlackPlace> {
  return {
    render: (place, reply) => postReply(deps, client, reply, place, place.thinking, place.message),
    async notify(place, text) {
      // A placeholder that no reply will replace would say "thinking" forever.
      if (place.thinking.placeholderTs) await client.chat.delete({ channel: place.channel, ts: place.thinking.placeholderTs }).catch(() => undefined);
      await tellUser(client, { channel: place.channel, user: place.userId, threadTs: place.threadTs }, text);
    },
    typing(place) {
      const thinking = startThinking(deps, client, place.channel, place.threadTs);
      return {
        async stop() {
          place.thinking = await thinking.finish();
        },
      };
    },
    async finish(place, reply, session) {
      const report = reply.report ?? session?.report;
      if (report) await postReport(deps, client, report, place);
    },
  };
}
