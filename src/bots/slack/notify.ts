// Private notes to one person: ephemeral in channels, a plain message in a DM with the app.
import type { WebClient } from '@slack/web-api';
import { isDirectChannel } from './keys.ts';
import type { SlackMessage } from './views/interview-message.ts';

export interface NoteTarget {
  channel: string;
  user: string;
  threadTs?: string;
}

export async function tellUser(client: WebClient, to: NoteTarget, message: string | SlackMessage): Promise<void> {
  const m = typeof message === 'string' ? { text: message } : message;
  const thread = to.threadTs ? { thread_ts: to.threadTs } : {};
  if (isDirectChannel(to.channel)) {
    await client.chat.postMessage({ channel: to.channel, ...m, ...thread } as Parameters<WebClient['chat']['postMessage']>[0]);
  } else {
    await client.chat.postEphemeral({ channel: to.channel, user: to.user, ...m, ...thread } as Parameters<WebClient['chat']['postEphemeral']>[0]);
  }
}
