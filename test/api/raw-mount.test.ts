import { App, HTTPReceiver, LogLevel } from '@slack/bolt';
import { afterEach, describe, expect, it } from 'vitest';
import { sendSlashCommand, sendUrlVerification, startFakeSlack, type FakeSlack } from '../fakes/slack/index.ts';
import { makeApi } from './helpers.ts';

const SECRET = 'raw-mount-signing-secret';
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

describe('mountRaw', () => {
  it('hands the untouched request to a raw handler, mounted after the server started', async () => {
    const made = await makeApi({ API_KEYS: 'secret-key-123456' });
    cleanups.push(() => made.api.close());
    const { url } = await made.api.listen({ port: 0, host: '127.0.0.1' });
    const seen: { method?: string; url?: string; body: string }[] = [];
    made.api.mountRaw('/hooks/raw', (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        seen.push({ method: req.method, url: req.url, body: Buffer.concat(chunks).toString('utf8') });
        res.writeHead(202, { 'content-type': 'text/plain' }).end('ok');
      });
    });
    expect(() => made.api.mountRaw('/hooks/raw', () => {})).toThrow(/already mounted/);

    // Odd spacing and key order survive byte for byte: nothing parsed or re-serialised it.
    const body = '{ "b":1,   "a" : [ 2 ,3 ] }';
    const res = await fetch(`${url}/hooks/raw?x=1`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(res.status).toBe(202);
    expect(seen).toEqual([{ method: 'POST', url: '/hooks/raw?x=1', body }]);
    // API keys and JSON parsing are the API's business, not the mounted handler's; the API still enforces them.
    expect((await fetch(`${url}/api/dashboard/x`)).status).toBe(401);
  });

  it('lets a real Bolt HTTPReceiver verify Slack signatures over the raw body at /slack/events', async () => {
    const fake: FakeSlack = await startFakeSlack();
    cleanups.push(() => fake.close());
    const receiver = new HTTPReceiver({ signingSecret: SECRET, endpoints: '/slack/events', logLevel: LogLevel.ERROR });
    const bolt = new App({ token: fake.identity.botToken, receiver, logLevel: LogLevel.ERROR, clientOptions: { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } } });
    const commands: string[] = [];
    bolt.command('/interview', async ({ command, ack }) => {
      commands.push(command.text);
      await ack({ response_type: 'ephemeral', text: `Starting a ${command.text} interview` });
    });

    const made = await makeApi();
    cleanups.push(() => made.api.close());
    made.api.mountRaw('/slack/events', receiver.requestListener);
    const { url } = await made.api.listen({ port: 0, host: '127.0.0.1' });
    const endpoint = `${url}/slack/events`;

    expect((await sendUrlVerification(endpoint, SECRET, 'challenge-7')).json).toEqual({ challenge: 'challenge-7' });
    const ok = await sendSlashCommand(endpoint, SECRET, { command: '/interview', text: 'behavioral', response_url: fake.responseUrl() });
    expect(ok.status).toBe(200);
    expect(commands).toEqual(['behavioral']);
    const forged = await sendSlashCommand(endpoint, SECRET, { command: '/interview', text: 'screening', response_url: fake.responseUrl() }, { forge: 'bad-signature' });
    expect(forged.status).toBe(401);
    expect(commands).toEqual(['behavioral']);
    // The rest of the API is unaffected.
    expect((await fetch(`${url}/health`)).status).toBe(200);
  });
});
