// The fake's own Web API behaviour through the real web-api client: failure injection,
// Slack-style errors, stateful messages, body formats and clean shutdown.
import { webApi } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAKE_USER_ID, startFakeSlack, type FakeSlack } from './index.ts';

describe('fake Slack failure injection and bookkeeping', () => {
  let fake: FakeSlack;
  let client: webApi.WebClient;

  beforeAll(async () => {
    fake = await startFakeSlack();
    client = new webApi.WebClient(fake.identity.botToken, { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true });
  });
  afterAll(async () => fake?.close());

  it('fails the next call with a Slack error, then recovers', async () => {
    fake.failNext({ method: 'chat.postMessage', error: 'not_in_channel' });
    await expect(client.chat.postMessage({ channel: 'C0OTHER01', text: 'hi' })).rejects.toMatchObject({
      code: webApi.ErrorCode.PlatformError,
      data: { ok: false, error: 'not_in_channel' },
    });
    const ok = await client.chat.postMessage({ channel: 'C0OTHER01', text: 'hi again' });
    expect(ok.ts).toMatch(/^1700000000\.\d{6}$/);
    expect(fake.messages('C0OTHER01').map((m) => m.text)).toEqual(['hi again']);
  });

  it('answers HTTP 429 with Retry-After and HTTP 500 when told to', async () => {
    fake.failNext({ method: 'chat.postMessage', status: 429, retryAfter: 7 });
    await expect(client.chat.postMessage({ channel: 'C0OTHER01', text: 'x' })).rejects.toMatchObject({
      code: webApi.ErrorCode.RateLimitedError,
      retryAfter: 7,
    });
    fake.failNext({ method: 'users.info', status: 500 });
    await expect(client.users.info({ user: FAKE_USER_ID })).rejects.toMatchObject({ code: webApi.ErrorCode.HTTPError, statusCode: 500 });
    const user = await client.users.info({ user: FAKE_USER_ID });
    expect(user.user?.profile?.display_name).toBeTruthy();
  });

  it('rejects unknown methods and wrong tokens the way Slack does', async () => {
    await expect(client.apiCall('interview.start')).rejects.toMatchObject({ data: { error: 'unknown_method' } });
    expect(fake.calls('interview.start')).toHaveLength(1);
    const stranger = new webApi.WebClient('xoxb-stranger', { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } });
    await expect(stranger.auth.test()).rejects.toMatchObject({ data: { error: 'invalid_auth' } });
    await expect(client.apps.connections.open()).rejects.toMatchObject({ data: { error: 'not_allowed_token_type' } });
  });

  it('keeps message state across update, reactions, delete and DMs', async () => {
    const posted = await client.chat.postMessage({ channel: FAKE_USER_ID, text: 'Question 1' });
    const dm = await client.conversations.open({ users: FAKE_USER_ID });
    expect(posted.channel).toBe(dm.channel?.id);
    await client.chat.update({ channel: posted.channel!, ts: posted.ts!, text: 'Question 1 (edited)' });
    await client.reactions.add({ channel: posted.channel!, timestamp: posted.ts!, name: 'eyes' });
    await expect(client.reactions.add({ channel: posted.channel!, timestamp: posted.ts!, name: 'eyes' })).rejects.toMatchObject({ data: { error: 'already_reacted' } });
    const [stored] = fake.messages(posted.channel!);
    expect(stored).toMatchObject({ text: 'Question 1 (edited)', reactions: [{ name: 'eyes', count: 1 }] });
    await client.chat.delete({ channel: posted.channel!, ts: posted.ts! });
    expect(fake.messages(posted.channel!)).toEqual([]);
    await expect(client.chat.update({ channel: posted.channel!, ts: posted.ts!, text: 'gone' })).rejects.toMatchObject({ data: { error: 'message_not_found' } });
  });

  it('accepts JSON and form bodies alike, decoding JSON-valued form fields', async () => {
    const blocks = [{ type: 'section', text: { type: 'mrkdwn', text: '*Q1*' } }];
    const auth = { authorization: `Bearer ${fake.identity.botToken}` };
    const asJson = await fetch(`${fake.apiUrl}chat.postEphemeral`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify({ channel: 'C0JSON001', user: FAKE_USER_ID, text: 'json', blocks }),
    });
    expect(await asJson.json()).toMatchObject({ ok: true, message_ts: expect.any(String) });
    await client.assistant.threads.setStatus({ channel_id: 'C0JSON001', thread_ts: '1700000000.000100', status: 'is thinking…' });
    await client.chat.postEphemeral({ channel: 'C0JSON001', user: FAKE_USER_ID, text: 'form', blocks });
    expect(fake.ephemerals('C0JSON001').map((e) => [e.text, e.blocks])).toEqual([['json', blocks], ['form', blocks]]);
    expect(fake.statuses()).toEqual([{ channel_id: 'C0JSON001', thread_ts: '1700000000.000100', status: 'is thinking…' }]);
    expect(fake.calls('chat.postEphemeral').every((c) => !('token' in c.args))).toBe(true);
  });

  it('closes without leaving sockets or servers open', async () => {
    const tcpHandles = (): number => process.getActiveResourcesInfo().filter((r) => r.startsWith('TCP')).length;
    const before = tcpHandles();
    const extra = await startFakeSlack();
    const ws = new WebSocket(extra.socketUrl);
    const hello = await new Promise<MessageEvent>((resolve) => ws.addEventListener('message', resolve, { once: true }));
    expect(JSON.parse(String(hello.data))).toMatchObject({ type: 'hello' });
    await new webApi.WebClient(extra.identity.botToken, { slackApiUrl: extra.apiUrl, retryConfig: { retries: 0 } }).auth.test();
    expect(tcpHandles()).toBeGreaterThan(before);
    await extra.close();
    // Client-side sockets notice the close on their next tick or two; poll briefly.
    for (let i = 0; i < 100 && tcpHandles() > before; i += 1) await new Promise((r) => setTimeout(r, 10));
    expect(tcpHandles()).toBeLessThanOrEqual(before);
  });
});
