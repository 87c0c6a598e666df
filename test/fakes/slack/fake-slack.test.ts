// Smoke test: the real Bolt App (HTTPReceiver and Socket Mode) and web-api client against the fake.
import type { AddressInfo } from 'node:net';
import { App, LogLevel } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  FAKE_CHANNEL_ID,
  FAKE_USER_ID,
  eventCallback,
  sendBlockAction,
  sendEvent,
  sendSlashCommand,
  sendUrlVerification,
  startFakeSlack,
  type FakeSlack,
} from './index.ts';

const SECRET = 'test-signing-secret';

describe('fake Slack with a Bolt HTTPReceiver app', () => {
  let fake: FakeSlack;
  let app: App;
  let endpoint: string;
  const seen = { commands: [] as string[], retryNums: [] as Array<number | undefined>, actions: [] as string[] };

  beforeAll(async () => {
    fake = await startFakeSlack();
    app = new App({
      token: fake.identity.botToken,
      signingSecret: SECRET,
      logLevel: LogLevel.ERROR,
      clientOptions: { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } },
    });
    app.command('/interview', async ({ command, ack, respond }) => {
      seen.commands.push(command.text);
      await ack();
      await respond({ response_type: 'ephemeral', text: `Starting a ${command.text} interview` });
    });
    app.message(async ({ message, say, client, context }) => {
      seen.retryNums.push(context.retryNum);
      if (message.subtype !== undefined || !message.thread_ts) return;
      const thread = await client.conversations.replies({ channel: message.channel, ts: message.thread_ts });
      await say({ text: `thread has ${thread.messages?.length} messages`, thread_ts: message.thread_ts });
    });
    app.action('export', async ({ ack, body, action, client }) => {
      await ack();
      seen.actions.push(action.type === 'button' ? (action.value ?? '') : action.type);
      const channel = body.channel?.id ?? '';
      const threadTs = body.type === 'block_actions' ? body.message?.thread_ts : undefined;
      await client.files.uploadV2({
        channel_id: channel,
        thread_ts: threadTs ?? '',
        file: Buffer.from('# Transcript\nQ1: hello\n'),
        filename: 'transcript.md',
        initial_comment: 'Your transcript',
      });
    });
    app.event('app_home_opened', async ({ event, client }) => {
      await client.views.publish({
        user_id: event.user,
        view: { type: 'home', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'Welcome back' } }] },
      });
    });
    const server = await app.start({ port: 0, host: '127.0.0.1' });
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
  });

  afterAll(async () => {
    await app?.stop();
    await fake?.close();
  });

  it('answers a signed url_verification with its challenge', async () => {
    const reply = await sendUrlVerification(endpoint, SECRET, 'challenge-123');
    expect(reply.status).toBe(200);
    expect(reply.json).toEqual({ challenge: 'challenge-123' });
  });

  it('rejects unsigned, wrongly signed and stale requests with 401 before any listener runs', async () => {
    const responseUrl = fake.responseUrl();
    for (const forge of ['unsigned', 'bad-signature', 'stale-timestamp'] as const) {
      const reply = await sendSlashCommand(endpoint, SECRET, { text: forge, response_url: responseUrl }, { forge });
      expect(reply.status, forge).toBe(401);
    }
    expect(seen.commands).toEqual([]);
    expect(fake.responses(responseUrl.split('/').at(-1))).toEqual([]);
  });

  it('delivers a signed slash command to app.command and lands respond() at the fake', async () => {
    const responseUrl = fake.responseUrl('cmd-1');
    const reply = await sendSlashCommand(endpoint, SECRET, { command: '/interview', text: 'system design', response_url: responseUrl });
    expect(reply.status).toBe(200);
    const [posted] = await fake.waitFor(() => fake.responses('cmd-1').length > 0 && fake.responses('cmd-1'), 3000, 'respond()');
    expect(posted?.body).toEqual({ response_type: 'ephemeral', text: 'Starting a system design interview' });
    expect(seen.commands).toEqual(['system design']);
  });

  it('routes a threaded message event to app.message and posts say() into that thread', async () => {
    const parent = fake.addMessage({ channel: FAKE_CHANNEL_ID, text: 'Mock interview, please' });
    const reply = fake.addMessage({ channel: FAKE_CHANNEL_ID, text: 'Ready', thread_ts: parent.ts });
    const http = await sendEvent(endpoint, SECRET, {
      type: 'message',
      channel: FAKE_CHANNEL_ID,
      channel_type: 'channel',
      user: FAKE_USER_ID,
      text: reply.text,
      ts: reply.ts,
      thread_ts: parent.ts,
    });
    expect(http.status).toBe(200);
    const botReply = await fake.waitFor(
      () => fake.messages(FAKE_CHANNEL_ID, parent.ts).find((m) => m.bot_id === fake.identity.botId),
      3000,
      'the bot reply',
    );
    expect(botReply.text).toBe('thread has 2 messages');
    const [post] = fake.calls('chat.postMessage');
    expect(post?.args).toMatchObject({ channel: FAKE_CHANNEL_ID, thread_ts: parent.ts });
    expect(post?.token).toBe(fake.identity.botToken);
  });

  it('passes Slack retry headers through to the listener context', async () => {
    const before = seen.retryNums.length;
    await sendEvent(endpoint, SECRET, { type: 'message', channel: FAKE_CHANNEL_ID, user: FAKE_USER_ID, text: 'hi', ts: '1700000001.000100' }, { retryNum: 2, retryReason: 'http_timeout' });
    await fake.waitFor(() => seen.retryNums.length > before, 3000, 'the retried event');
    expect(seen.retryNums.at(-1)).toBe(2);
  });

  it('delivers block_actions to app.action, whose files.uploadV2 the fake stores with its bytes', async () => {
    const parent = fake.addMessage({ channel: FAKE_CHANNEL_ID, text: 'Interview finished' });
    const reply = await sendBlockAction(endpoint, SECRET, {
      action_id: 'export',
      value: 'session-42',
      message_ts: parent.ts,
      thread_ts: parent.ts,
      response_url: fake.responseUrl(),
    });
    expect(reply.status).toBe(200);
    const upload = await fake.waitFor(() => fake.uploads().find((u) => u.completed), 3000, 'a completed upload');
    expect(seen.actions).toEqual(['session-42']);
    expect(upload).toMatchObject({ filename: 'transcript.md', channel_id: FAKE_CHANNEL_ID, thread_ts: parent.ts, initial_comment: 'Your transcript' });
    expect(upload.bytes?.toString()).toBe('# Transcript\nQ1: hello\n');
    const shared = fake.messages(FAKE_CHANNEL_ID, parent.ts).find((m) => m.files?.length);
    expect(shared?.files?.[0]?.id).toBe(upload.file_id);

    // The uploaded file is then downloadable only with the bot token, as on Slack.
    const info = await app.client.files.info({ file: upload.file_id });
    const url = info.file?.url_private_download ?? '';
    const withToken = await fetch(url, { headers: { authorization: `Bearer ${fake.identity.botToken}` } });
    expect(await withToken.text()).toBe('# Transcript\nQ1: hello\n');
    expect((await fetch(url)).status).toBe(403);
  });

  it('stores views.publish per user when app_home_opened arrives', async () => {
    await sendEvent(endpoint, SECRET, { type: 'app_home_opened', user: 'U0HOME001', channel: 'D0HOME001', tab: 'home' });
    const [view] = await fake.waitFor(() => fake.views('U0HOME001').length > 0 && fake.views('U0HOME001'), 3000, 'views.publish');
    expect(view?.view).toMatchObject({ type: 'home', blocks: [{ type: 'section', text: { text: 'Welcome back' } }] });
    expect(fake.views('U0OTHER01')).toEqual([]);
  });

  it('serves registered files only to the bot token', async () => {
    const added = fake.addFile({ name: 'resume.pdf', mimetype: 'application/pdf', bytes: Buffer.from('%PDF-1.4 fake'), channel: FAKE_CHANNEL_ID });
    const info = await app.client.files.info({ file: added.id });
    expect(info.file).toMatchObject({ name: 'resume.pdf', mimetype: 'application/pdf', url_private_download: added.url_private_download });
    const ok = await fetch(added.url_private_download, { headers: { authorization: `Bearer ${fake.identity.botToken}` } });
    expect(ok.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await ok.arrayBuffer()).toString()).toBe('%PDF-1.4 fake');
    const wrong = await fetch(added.url_private, { headers: { authorization: 'Bearer xoxb-someone-else' } });
    expect(wrong.status).toBe(403);
  });
});

describe('fake Slack in Socket Mode', () => {
  let fake: FakeSlack;
  let app: App;
  const mentions: string[] = [];

  beforeAll(async () => {
    fake = await startFakeSlack();
    app = new App({
      token: fake.identity.botToken,
      appToken: fake.identity.appToken,
      socketMode: true,
      logLevel: LogLevel.ERROR,
      clientOptions: { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } },
    });
    app.event('app_mention', async ({ event, say }) => {
      mentions.push(event.text);
      await say({ text: 'On it', thread_ts: event.ts });
    });
    app.command('/interview', async ({ ack }) => {
      await ack({ response_type: 'ephemeral', text: 'pong' });
    });
    await app.start();
  });

  afterAll(async () => {
    await app?.stop();
    await fake?.close();
  });

  it('connects with the app token and receives and acks an events_api envelope', async () => {
    expect(fake.socketConnections()).toBe(1);
    const [open] = fake.calls('apps.connections.open');
    expect(open?.token).toBe(fake.identity.appToken);
    const envelopeId = fake.socketSend({
      type: 'events_api',
      payload: eventCallback({ type: 'app_mention', user: FAKE_USER_ID, channel: FAKE_CHANNEL_ID, text: '<@U0FAKEBOT> start', ts: '1700000005.000100' }),
    });
    expect(await fake.waitForAck(envelopeId)).toEqual({});
    const reply = await fake.waitFor(() => fake.messages(FAKE_CHANNEL_ID, '1700000005.000100')[0], 3000, 'the threaded reply');
    expect(reply.text).toBe('On it');
    expect(mentions).toEqual(['<@U0FAKEBOT> start']);
  });

  it('returns the ack payload of a slash command envelope', async () => {
    const envelopeId = fake.socketSend({
      type: 'slash_commands',
      payload: { command: '/interview', text: '', user_id: FAKE_USER_ID, channel_id: FAKE_CHANNEL_ID, team_id: fake.identity.teamId, response_url: fake.responseUrl(), trigger_id: '1.2' },
    });
    expect(await fake.waitForAck(envelopeId)).toEqual({ response_type: 'ephemeral', text: 'pong' });
  });
});
