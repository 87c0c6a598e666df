/** `/interview dashboard` in Slack answers privately with a personal link that opens only that person's dashboard. */
import { afterEach, describe, expect, it } from 'vitest';
import { createApiServer, type ApiServer } from '../../src/api/server.ts';
import { loadConfig } from '../../src/config.ts';
import { silentLogger } from '../../src/logger.ts';
import { CANDIDATE, OTHER, startHarness, type Harness } from '../bots/slack/harness.ts';
import { freePort } from '../chaos/processes.ts';

describe('/interview dashboard (Slack)', () => {
  let h: Harness | undefined;
  let api: ApiServer | undefined;
  afterEach(async () => {
    await h?.close();
    await api?.close();
    h = undefined;
    api = undefined;
  });

  it('sends a private link carrying the person\'s token; the link opens their page and no one else\'s', async () => {
    const port = await freePort();
    h = await startHarness({ env: { PUBLIC_URL: `http://127.0.0.1:${port}` } });
    // The API over the same store as the Slack surface, as src/main.ts runs them.
    api = await createApiServer({ engine: h.engine, kv: h.kv, logger: silentLogger(), config: loadConfig({ STORE_URL: 'memory://' }), processMetrics: false, voiceRoutes: false });
    const { url } = await api.listen({ port, host: '127.0.0.1' });

    const mine = await h.command('dashboard');
    const answer = mine.responses()[0]!;
    expect(answer.response_type).toBe('ephemeral');
    const link = /(http:\/\/\S+\/dashboard\/me\?token=\S+)/.exec(answer.text ?? '')?.[1];
    expect(link, answer.text).toBeDefined();
    expect(link!.startsWith(url)).toBe(true);
    const page = await fetch(link!);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(CANDIDATE.id);

    const theirs = await h.command('dashboard', OTHER.id);
    const otherLink = /(http:\/\/\S+)/.exec(theirs.responses()[0]?.text ?? '')?.[1];
    expect(otherLink).toBeDefined();
    expect(otherLink).not.toBe(link);
    const otherPage = await (await fetch(otherLink!)).text();
    expect(otherPage).toContain(OTHER.id);
    expect(otherPage).not.toContain(CANDIDATE.id);
    // A tampered link opens nothing.
    expect((await fetch(link!.replace(/token=ut1\.[^.]+/, `token=ut1.${Buffer.from('slack:T:U').toString('base64url')}`))).status).toBe(401);
  });

  it('says plainly that there is no web dashboard when PUBLIC_URL is not set', async () => {
    h = await startHarness();
    const res = await h.command('dashboard');
    expect(res.responses()[0]).toMatchObject({ response_type: 'ephemeral', text: expect.stringContaining('PUBLIC_URL is not set') });
  });
});

describe('/interview dashboard (Discord)', () => {
  it('answers only the caller, with a link whose token is theirs', async () => {
    const { startHarness: startDiscord, until } = await import('../bots/discord/harness.ts');
    const { UserTokens } = await import('../../src/api/user-tokens.ts');
    const d = await startDiscord({ env: { PUBLIC_URL: 'https://coach.example.com' } });
    try {
      const info = d.fake.slashCommand({ channelId: 'interviews', user: 'alice', name: 'interview', options: [{ name: 'dashboard', type: 1 }] });
      const reply = await until(() => d.fake.interactionResponses(info.token)[0], 3000, 'the dashboard reply');
      const body = reply.body as { data?: { content?: string; flags?: number } };
      expect(body.data?.flags).toBe(64); // ephemeral: only the caller sees it
      const token = decodeURIComponent(/dashboard\/me\?token=(\S+)/.exec(body.data?.content ?? '')?.[1] ?? '');
      expect(body.data?.content).toContain('https://coach.example.com/dashboard/me?token=');
      const owner = await new UserTokens({ kv: d.runtime.kv }).verify(token);
      expect(owner).toBe(`discord:${d.fake.user('alice').id}`);
    } finally {
      await d.bot.stop();
      await d.fake.close();
      await d.runtime.close();
    }
  });
});
