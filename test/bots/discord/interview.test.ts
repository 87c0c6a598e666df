import { afterEach, describe, expect, test } from 'vitest';
import type { APIMessage } from 'discord.js';
import { placeKey } from '../../../src/bots/discord/keys.ts';
import type { FakeDiscord } from '../../fakes/discord/index.ts';
import { STRONG_BEHAVIORAL } from '../../helpers/engine.ts';
import { startHarness, startOptions, until } from './harness.ts';

let cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
});

async function harness(opts: Parameters<typeof startHarness>[0] = {}) {
  const h = await startHarness(opts);
  cleanup.push(async () => {
    await h.bot.stop();
    if (!opts.fake) await h.fake.close();
    if (!opts.runtime) await h.runtime.close();
  });
  return h;
}

function botMessages(fake: FakeDiscord, channelId: string): APIMessage[] {
  return fake.messagesIn(channelId).filter((m) => m.author.id === fake.botId);
}

async function startInterview(fake: FakeDiscord, type = 'behavioral', user = 'alice') {
  const info = fake.slashCommand({ channelId: 'interviews', user, name: 'interview', options: startOptions(type) });
  const thread = await until(() => fake.threads(fake.channel('interviews').id).at(-1), 5000, 'thread');
  await until(() => botMessages(fake, thread.id as string).some((m) => /Question 1 of/.test(m.content)), 5000, 'first question');
  return { info, threadId: thread.id as string };
}

async function answer(fake: FakeDiscord, threadId: string, text: string, user = 'alice') {
  const before = botMessages(fake, threadId).length;
  fake.userMessage({ channelId: threadId, user, content: text });
  await until(() => botMessages(fake, threadId).length > before, 5000, 'bot reply');
  // Let the rest of a multi-message reply land.
  await new Promise((r) => setTimeout(r, 60));
}

describe('Discord text interviews with the real discord.js client', () => {
  test('slash command opens a private thread, adds the candidate, and Alex asks question 1 with buttons', async () => {
    const { fake } = await harness();
    const { info, threadId } = await startInterview(fake);
    const thread = fake.threads(fake.channel('interviews').id).find((t) => t.id === threadId)!;
    expect(thread.type).toBe(12);
    expect(fake.threadMemberIds(threadId)).toContain(fake.user('alice').id);
    const [defer] = fake.interactionResponses(info.token);
    expect(defer?.body).toMatchObject({ type: 5, data: { flags: 64 } });
    const q = botMessages(fake, threadId).find((m) => /Question 1 of 6/.test(m.content))!;
    expect(q.content).toMatch(/I'm Alex/);
    const labels = (q.components![0] as { components: { label: string }[] }).components.map((c) => c.label);
    expect(labels).toEqual(['Skip', 'Repeat', 'End']);
    await until(() => fake.interactionResponses(info.token).some((r) => r.method === 'PATCH' && /ready in <#/.test(JSON.stringify(r.body))), 3000, 'ephemeral confirmation');
  });

  test('answers in the thread advance the interview; typing shows; other users get one note and are ignored', async () => {
    const { fake, runtime } = await harness();
    const { threadId } = await startInterview(fake);
    // bob moderates the server, so he can see and post in private threads.
    fake.setChannelOverwrite({ channelId: 'interviews', target: 'bob', allow: ['ManageThreads'] });
    const first = STRONG_BEHAVIORAL;
    await answer(fake, threadId, first);
    expect(botMessages(fake, threadId).some((m) => /Question 2 of 6/.test(m.content))).toBe(true);
    expect(fake.requests.some((r) => r.route === 'POST /channels/:channelId/typing' && r.params.channelId === threadId)).toBe(true);

    await fake.waitFor(() => true);
    fake.userMessage({ channelId: threadId, user: 'bob', content: 'I think the answer is 42' });
    await until(() => botMessages(fake, threadId).some((m) => /only their messages count/.test(m.content)), 3000, 'note to bob');
    fake.userMessage({ channelId: threadId, user: 'bob', content: 'Hello again' });
    await new Promise((r) => setTimeout(r, 200));
    expect(botMessages(fake, threadId).filter((m) => /only their messages count/.test(m.content))).toHaveLength(1);
    const s = await runtime.engine.getByKey(placeKey(fake.guild().id, threadId));
    expect(s!.transcript.filter((t) => t.role === 'candidate').map((t) => t.text)).toEqual([first]);
  });

  test('Skip button moves on; only the candidate can press it; the full interview ends with an embed report, a PNG chart and a channel summary', async () => {
    const { fake } = await harness();
    const { threadId } = await startInterview(fake, 'screening');
    fake.setChannelOverwrite({ channelId: 'interviews', target: 'bob', allow: ['ManageThreads'] });
    const q1 = botMessages(fake, threadId).find((m) => /Question 1 of 5/.test(m.content))!;
    const skipId = (q1.components![0] as { components: { custom_id: string }[] }).components[0]!.custom_id;
    const bobClick = fake.clickButton({ messageId: q1.id, customId: skipId, user: 'bob' });
    await until(() => fake.interactionResponses(bobClick.token).length > 0, 3000, 'reply to bob');
    expect(JSON.stringify(fake.interactionResponses(bobClick.token)[0]!.body)).toMatch(/Only alice can use these buttons/);
    fake.clickButton({ messageId: q1.id, customId: skipId, user: 'alice' });
    await until(() => botMessages(fake, threadId).some((m) => /Question 2 of 5/.test(m.content)), 3000, 'question 2');
    for (let i = 0; i < 12; i++) {
      if (botMessages(fake, threadId).some((m) => m.embeds.length > 0)) break;
      await answer(fake, threadId, STRONG_BEHAVIORAL);
    }
    const report = await until(() => botMessages(fake, threadId).find((m) => m.embeds.length > 0), 5000, 'report');
    expect(JSON.stringify(report.embeds)).toMatch(/\/5/);
    const upload = fake.requests.find((r) => r.route === 'POST /channels/:channelId/messages' && r.params.channelId === threadId && r.files.length > 0)!;
    expect(upload.files[0]!.contentType).toBe('image/png');
    expect(upload.files[0]!.bytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    const summary = await until(() => botMessages(fake, fake.channel('interviews').id).find((m) => m.content.includes(threadId)), 3000, 'channel summary');
    expect(summary.content).toMatch(/screening/i);
  });

  test('a restart of the bot mid-interview picks the thread up where it was', async () => {
    const first = await harness({ storeUrl: 'memory://' });
    const { fake, runtime } = first;
    const { threadId } = await startInterview(fake);
    await answer(fake, threadId, STRONG_BEHAVIORAL);
    await first.bot.stop();
    // A new client (same store) logs in: the gateway replays the guild with its active threads.
    const second = await harness({ fake, runtime });
    void second;
    await answer(fake, threadId, STRONG_BEHAVIORAL);
    expect(botMessages(fake, threadId).some((m) => /Question 3 of 6/.test(m.content))).toBe(true);
    const s = await runtime.engine.getByKey(placeKey(fake.guild().id, threadId));
    expect(s!.answers.filter((a) => a.status === 'answered')).toHaveLength(2);
  });

  test('missing thread permissions get a clear message naming the permission, and nothing starts', async () => {
    const { fake, runtime } = await harness();
    fake.setChannelOverwrite({ channelId: 'interviews', target: 'bot', deny: ['CreatePrivateThreads', 'CreatePublicThreads'] });
    await new Promise((r) => setTimeout(r, 100));
    const info = fake.slashCommand({ channelId: 'interviews', user: 'alice', name: 'interview', options: startOptions('screening') });
    const edit = await until(() => fake.interactionResponses(info.token).find((r) => r.method === 'PATCH'), 3000, 'edit');
    expect(JSON.stringify(edit.body)).toMatch(/Create Private Threads.*Create Public Threads/);
    expect(fake.threads()).toEqual([]);
    expect(await runtime.engine.history('discord:' + fake.user('alice').id)).toEqual([]);
  });

  test('a deleted thread ends the interview with a partial report kept in history', async () => {
    const { fake, runtime } = await harness();
    const { threadId } = await startInterview(fake);
    await answer(fake, threadId, STRONG_BEHAVIORAL);
    fake.deleteThread(threadId);
    const userKey = 'discord:' + fake.user('alice').id;
    let entry;
    for (let i = 0; i < 100 && !entry; i++) {
      entry = (await runtime.engine.history(userKey)).find((e) => e.finishedAt);
      if (!entry) await new Promise((r) => setTimeout(r, 20));
    }
    expect(entry).toMatchObject({ partial: true, status: 'ended' });
    expect(await runtime.engine.getByKey(placeKey(fake.guild().id, threadId))).toBeUndefined();
  });

  test('one running interview per candidate per server', async () => {
    const { fake } = await harness();
    await startInterview(fake);
    const info = fake.slashCommand({ channelId: 'interviews', user: 'alice', name: 'interview', options: startOptions('technical') });
    const edit = await until(() => fake.interactionResponses(info.token).find((r) => r.method === 'PATCH'), 3000, 'edit');
    expect(JSON.stringify(edit.body)).toMatch(/already have an interview running/);
  });
});

