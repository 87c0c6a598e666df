// A real Bolt app (createSlackApp) against the fake Slack, over signed HTTP requests to the
// request listener mounted on a plain node:http server (as the API server mounts it), or over
// Socket Mode. The engine is the real one with the offline brain and an in-memory store.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSlackApp, type SlackAppHandle, type SlackAppOptions } from '../../../src/bots/slack/app.ts';
import { loadConfig } from '../../../src/config.ts';
import { ConversationService } from '../../../src/chat/conversation.ts';
import type { DocumentIntake } from '../../../src/chat/documents.ts';
import type { EngineOptions } from '../../../src/engine/engine.ts';
import type { Session } from '../../../src/engine/types.ts';
import { createLogger, silentLogger } from '../../../src/logger.ts';
import { makeEngine } from '../../helpers/engine.ts';
import {
  FAKE_CHANNEL_ID,
  FAKE_USER_ID,
  sendBlockAction,
  sendEvent,
  sendSlashCommand,
  startFakeSlack,
  type SendEventOptions,
  type SlackHttpReply,
  type StoredMessage,
  type FakeSlack,
} from '../../fakes/slack/index.ts';

export const SECRET = 'slack-test-signing-secret';
export const CANDIDATE = { id: FAKE_USER_ID, name: 'emma', real_name: 'Emma Stone', display_name: 'Emma' };
export const OTHER = { id: 'U0OTHER01', name: 'bob', real_name: 'Bob Ray', display_name: 'Bob' };
export const CHANNEL = FAKE_CHANNEL_ID;

export interface HarnessOptions extends SlackAppOptions {
  socket?: boolean;
  env?: Record<string, string>;
  engine?: Partial<EngineOptions>;
  /** Stands in for the documents service; without it, uploads are unavailable. */
  documents?: Pick<DocumentIntake, 'ingest'>;
}

export type Harness = Awaited<ReturnType<typeof startHarness>>;

export async function startHarness(opts: HarnessOptions = {}) {
  const fake: FakeSlack = await startFakeSlack({ users: [CANDIDATE, OTHER] });
  const { engine, kv, store } = makeEngine(opts.engine ?? {});
  const config = loadConfig({
    SLACK_BOT_TOKEN: fake.identity.botToken,
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: fake.apiUrl,
    STORE_URL: 'memory://',
    ...(opts.socket ? { SLACK_APP_TOKEN: fake.identity.appToken } : {}),
    ...opts.env,
  });
  const logger = process.env.TEST_LOG ? createLogger({ level: 'debug' }) : silentLogger();
  const { documents, ...appOpts } = opts;
  const conversation = new ConversationService({ engine, logger, documents: documents ? { ingest: (u, f) => documents.ingest(u, f), maxBytes: config.MAX_UPLOAD_BYTES } : null });
  const slack: SlackAppHandle = createSlackApp(
    { config, logger, kv, conversation },
    { thinkingDelayMs: 60_000, ...appOpts, clientOptions: { retryConfig: { retries: 0 } } },
  );
  await slack.start();
  let server: Server | undefined;
  let url = '';
  if (!opts.socket) {
    server = createServer(slack.requestListener);
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
  }
  let responseSeq = 0;

  const h = {
    fake,
    engine,
    kv,
    store,
    slack,
    url,
    /** `/interview <text>` and its private answers (respond() posts). */
    async command(text: string, user = CANDIDATE.id, extra: { channel_id?: string } = {}) {
      const id = `r${++responseSeq}`;
      const http = await sendSlashCommand(url, SECRET, { text, user_id: user, response_url: fake.responseUrl(id), ...extra });
      await slack.idle();
      return { http, responses: () => fake.responses(id).map((r) => r.body as { text?: string; blocks?: unknown[]; response_type?: string }) };
    },
    async event(event: Record<string, unknown>, o: SendEventOptions = {}): Promise<SlackHttpReply> {
      const http = await sendEvent(url, SECRET, event, o);
      await slack.idle();
      return http;
    },
    /** A person's thread reply: stored in the fake, then delivered as a message event. */
    async reply(threadTs: string, text: string, user = CANDIDATE.id, o: SendEventOptions & { channel?: string } = {}) {
      const channel = o.channel ?? CHANNEL;
      const m = fake.addMessage({ channel, text, user, thread_ts: threadTs });
      const http = await h.event({ type: 'message', channel, channel_type: channel.startsWith('D') ? 'im' : 'channel', user, text, ts: m.ts, thread_ts: threadTs }, o);
      return { http, message: m };
    },
    /** Clicks a button; pass `value` for a message whose buttons are already gone (a stale click). */
    async press(action: 'skip' | 'repeat' | 'end', message: StoredMessage, user = CANDIDATE.id, value = actionValue(message)) {
      const http = await sendBlockAction(url, SECRET, { action_id: `interview_${action}`, value, message_ts: message.ts, thread_ts: message.thread_ts, user_id: user, channel_id: message.channel, response_url: fake.responseUrl() });
      await slack.idle();
      return http;
    },
    /** Our parent message in the channel, from its title. */
    parent(titleIncludes: string, channel = CHANNEL): StoredMessage | undefined {
      return fake.messages(channel).find((m) => (!m.thread_ts || m.thread_ts === m.ts) && m.bot_id && (m.text ?? '').includes(titleIncludes));
    },
    botReplies(threadTs: string, channel = CHANNEL): StoredMessage[] {
      return fake.messages(channel, threadTs).filter((m) => m.bot_id);
    },
    /** The message carrying live interview buttons in a thread. */
    questionMessage(threadTs: string, channel = CHANNEL): StoredMessage | undefined {
      return h.botReplies(threadTs, channel).filter(hasButtons).at(-1);
    },
    async session(key: string): Promise<Session | undefined> {
      return engine.getByKey(key);
    },
    async close() {
      await slack.stop();
      if (server) await new Promise<void>((r) => server!.close(() => r()));
      await engine.idle();
      await fake.close();
    },
  };
  return h;
}

export function hasButtons(m: StoredMessage): boolean {
  return (m.blocks ?? []).some((b) => (b as { type?: string }).type === 'actions');
}

export function actionValue(m: StoredMessage): string {
  const actions = (m.blocks ?? []).find((b) => (b as { type?: string }).type === 'actions') as { elements: { value: string }[] } | undefined;
  return actions?.elements[0]?.value ?? '';
}

/** The progress line ("Question 2 of 6") of an interview message. */
export function progressOf(m: StoredMessage | undefined): string | undefined {
  const ctx = (m?.blocks ?? []).find((b) => (b as { type?: string }).type === 'context') as { elements: { text: string }[] } | undefined;
  return ctx?.elements[0]?.text;
}

/** Everything a message says, blocks included, as one string (for assertions). */
export function textOf(m: { text?: string; blocks?: unknown[] } | undefined): string {
  return `${m?.text ?? ''}\n${JSON.stringify(m?.blocks ?? [])}`;
}
