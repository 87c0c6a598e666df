import { afterEach, expect, test } from 'vitest';
import type { APIMessage } from 'discord.js';
import { discordDeps } from '../../../src/bots/discord/surface.ts';
import { placeKey } from '../../../src/bots/discord/keys.ts';
import { loadConfig } from '../../../src/config.ts';
import { silentLogger } from '../../../src/logger.ts';
import { buildApp } from '../../../src/app/app.ts';
import { fixtureText, makePdf, paginate, RESUME_TXT } from '../../engine/docs/make-files.ts';
import { startFakeDiscord, type FakeDiscord } from '../../fakes/discord/index.ts';
import { startHarness, startOptions, TOKEN, until } from './harness.ts';

let closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of closers.reverse()) await c();
  closers = [];
});

/** The bot as `make start` wires it (real documents service and planner) against a fake Discord. */
async function wiredBot() {
  const fake = await startFakeDiscord({ token: TOKEN });
  const runtime = await buildApp(loadConfig({ STORE_URL: 'memory://', EDGE_TTS_ENABLED: 'false' }), silentLogger(), { speech: true });
  const h = await startHarness({ fake, runtime, deps: discordDeps(runtime) });
  closers.push(async () => {
    await h.bot.stop();
    await runtime.close();
    await fake.close();
  });
  return { fake, runtime };
}

const bot = (fake: FakeDiscord, ch: string): APIMessage[] => fake.messagesIn(ch).filter((m) => m.author.id === fake.botId);

test('a customize interview from a PDF resume attached to the slash command asks about the resume', async () => {
  const { fake, runtime } = await wiredBot();
  const pdf = await makePdf(paginate(fixtureText(RESUME_TXT).split('\n'), 40));
  fake.slashCommand({
    channelId: 'interviews',
    user: 'alice',
    name: 'interview',
    options: startOptions('customize', [{ name: 'role', type: 3, value: 'backend engineer' }]),
    attachments: [{ name: 'resume', filename: 'priya-resume.pdf', contentType: 'application/pdf', data: Buffer.from(pdf) }],
  });
  const thread = await until(() => fake.threads(fake.channel('interviews').id).at(-1), 8000, 'thread');
  const first = await until(() => bot(fake, thread.id as string).find((m) => /Question 1 of 10/.test(m.content)), 8000, 'first question');
  // The opening says what was read and how the plan was built.
  const opening = bot(fake, thread.id as string).map((m) => m.content).join('\n');
  expect(opening).toMatch(/Read priya-resume\.pdf/);
  expect(opening).toMatch(/Plan: built by the built-in rules/);
  const s = await runtime.engine.getByKey(placeKey(fake.guild().id, thread.id as string));
  const personal = s!.plan.filter((q) => q.source.kind === 'document');
  expect(personal.length).toBeGreaterThanOrEqual(5);
  // Questions cite the resume and name facts that are in it.
  expect(s!.plan.map((q) => q.text).join(' ')).toMatch(/Ledgerline/);
  expect(personal[0]!.source.refs![0]!.source).toBe('priya-resume.pdf');
  expect(first.content.length).toBeGreaterThan(20);
});

test('a corrupt PDF attached to the command is refused clearly and nothing starts', async () => {
  const { fake, runtime } = await wiredBot();
  const info = fake.slashCommand({
    channelId: 'interviews',
    user: 'alice',
    name: 'interview',
    options: startOptions('customize'),
    attachments: [{ name: 'resume', filename: 'cv.pdf', contentType: 'application/pdf', data: Buffer.from('%PDF-1.7 this is not really a pdf') }],
  });
  const edit = await until(() => fake.interactionResponses(info.token).find((r) => r.method === 'PATCH'), 5000, 'edit');
  expect(JSON.stringify(edit.body)).toMatch(/Nothing was started/);
  expect(fake.threads()).toEqual([]);
});
