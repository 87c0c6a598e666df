// Smoke tests: the real discord.js Client against the fake, covering what a thread-based bot relies on.
import { once } from 'node:events';
import {
  ActionRowBuilder,
  AttachmentBuilder,
  ButtonBuilder,
  ButtonStyle,
  ChannelType,
  Client,
  DiscordAPIError,
  Events,
  GatewayIntentBits,
  PermissionFlagsBits,
  type Interaction,
  type Message,
  type TextChannel,
} from 'discord.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeDiscord, type FakeDiscord } from './index.ts';

const TOKEN = 'fake-bot-token';
const PNG = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.from('0000000d49484452', 'hex'), Buffer.alloc(32, 7)]);

let fake: FakeDiscord;
const clients: Client[] = [];

async function login(intents = [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.MessageContent, GatewayIntentBits.GuildVoiceStates]): Promise<Client> {
  const client = new Client({ intents, rest: { api: fake.restUrl } });
  clients.push(client);
  const ready = nextEvent(client, Events.ClientReady);
  await client.login(TOKEN);
  await ready;
  return client;
}

/** Waits for one client event, failing fast instead of at the suite timeout when it never comes. */
function nextEvent<T>(client: Client, event: string, ms = 3000): Promise<T> {
  const signal = AbortSignal.timeout(ms);
  return once(client, event, { signal }).then(
    ([value]) => value as T,
    () => {
      throw new Error(`no ${event} within ${ms} ms`);
    },
  );
}

function nextInteraction(client: Client): Promise<Interaction> {
  return nextEvent<Interaction>(client, Events.InteractionCreate);
}

function textChannel(client: Client, name: string): TextChannel {
  return client.channels.cache.get(fake.channel(name).id) as TextChannel;
}

beforeEach(async () => {
  fake = await startFakeDiscord({ token: TOKEN });
});

afterEach(async () => {
  for (const client of clients.splice(0)) await client.destroy();
  await fake.close();
});

describe('fake Discord with the real discord.js client', () => {
  it('logs in and becomes ready with the guild, its channels and the bot user cached', async () => {
    const client = await login();
    const guild = client.guilds.cache.get(fake.guild().id);
    expect(guild?.name).toBe('Test Server');
    expect(guild?.channels.cache.map((c) => c.name)).toEqual(expect.arrayContaining(['general', 'interviews', 'Interview Room']));
    expect(client.user?.id).toBe(fake.botId);
    expect(guild?.members.me?.permissions.has(PermissionFlagsBits.CreatePrivateThreads)).toBe(true);
    const gatewayBot = fake.requests.find((r) => r.path === '/gateway/bot');
    expect(gatewayBot?.headers['authorization']).toBe(`Bot ${TOKEN}`);
    expect(fake.gatewayLog.some((e) => e.direction === 'in' && e.op === 2)).toBe(true);
    expect(fake.unmatchedRequests()).toEqual([]);
  });

  it('delivers a slash command to interactionCreate and records deferReply and editReply', async () => {
    const client = await login();
    const received = nextInteraction(client);
    const info = fake.slashCommand({
      channelId: 'interviews',
      user: 'alice',
      name: 'interview',
      options: [{ name: 'start', type: 1, options: [{ name: 'role', type: 3, value: 'backend' }] }],
      attachments: [{ name: 'cv', filename: 'cv.pdf', contentType: 'application/pdf', data: '%PDF-1.4 fake' }],
    });
    expect(info.delivered).toBe(true);
    const interaction = await received;
    if (!interaction.isChatInputCommand()) throw new Error('expected a chat input command');
    expect(interaction.commandName).toBe('interview');
    expect(interaction.options.getSubcommand()).toBe('start');
    expect(interaction.options.getString('role')).toBe('backend');
    expect(interaction.options.getAttachment('cv')?.contentType).toBe('application/pdf');
    expect(interaction.channel?.id).toBe(fake.channel('interviews').id);
    expect(interaction.user.username).toBe('alice');
    await interaction.deferReply();
    await interaction.editReply('Interview started');

    const [callback, edit] = fake.interactionResponses(info.token);
    expect(callback?.body).toMatchObject({ type: 5 });
    expect(callback?.headers['authorization']).toBeUndefined();
    expect(edit?.method).toBe('PATCH');
    expect(edit?.path).toBe(`/webhooks/${fake.applicationId}/${info.token}/messages/@original`);
    const reply = fake.messagesIn('interviews').at(-1);
    expect(reply?.content).toBe('Interview started');
    expect((reply?.flags ?? 0) & 128).toBe(0);
  });

  it('creates a private thread and delivers user messages posted in it to messageCreate', async () => {
    const client = await login();
    const thread = await textChannel(client, 'interviews').threads.create({ name: 'Interview with alice', type: ChannelType.PrivateThread });
    expect(thread.parentId).toBe(fake.channel('interviews').id);
    expect(thread.type).toBe(ChannelType.PrivateThread);
    expect(fake.threads(thread.parentId ?? '')).toMatchObject([{ id: thread.id, type: 12, name: 'Interview with alice' }]);

    await thread.members.add(fake.user('alice').id);
    expect(fake.threadMemberIds(thread.id)).toContain(fake.user('alice').id);

    const got = nextEvent<Message>(client, Events.MessageCreate);
    fake.userMessage({
      channelId: thread.id,
      user: 'alice',
      content: 'My answer',
      attachments: [{ filename: 'answer.ogg', contentType: 'audio/ogg', data: Buffer.from('OggS-voice') }],
    });
    const message = await got;
    expect(message.channel.id).toBe(thread.id);
    expect(message.content).toBe('My answer');
    const attachment = message.attachments.first();
    expect(attachment?.contentType).toBe('audio/ogg');
    const download = await fetch(attachment?.url ?? '');
    expect(Buffer.from(await download.arrayBuffer()).toString()).toBe('OggS-voice');
  });

  it('records a message with a PNG as multipart with the file bytes', async () => {
    const client = await login();
    const sent = await textChannel(client, 'general').send({ content: 'Your report', files: [new AttachmentBuilder(PNG, { name: 'report.png' })] });
    const request = await fake.waitFor((r) => r.route === 'POST /channels/:channelId/messages');
    expect(request.multipart).toBe(true);
    expect(request.body).toMatchObject({ content: 'Your report' });
    expect(request.files).toHaveLength(1);
    expect(request.files[0]?.filename).toBe('report.png');
    expect(request.files[0]?.contentType).toBe('image/png');
    expect(request.files[0]?.bytes.equals(PNG)).toBe(true);
    expect(sent.attachments.first()?.name).toBe('report.png');
    expect(fake.messagesIn('general').at(-1)?.attachments[0]?.size).toBe(PNG.length);
  });

  it('delivers a button click as a ButtonInteraction and records update()', async () => {
    const client = await login();
    const row = new ActionRowBuilder<ButtonBuilder>().addComponents(new ButtonBuilder().setCustomId('next-question').setLabel('Next').setStyle(ButtonStyle.Primary));
    const prompt = await textChannel(client, 'interviews').send({ content: 'Ready?', components: [row] });
    const received = nextInteraction(client);
    const info = fake.clickButton({ messageId: prompt.id, customId: 'next-question', user: 'alice' });
    const interaction = await received;
    if (!interaction.isButton()) throw new Error('expected a button');
    expect(interaction.customId).toBe('next-question');
    expect(interaction.message.id).toBe(prompt.id);
    await interaction.update({ content: 'Question 2', components: [] });
    expect(fake.interactionResponses(info.token)[0]?.body).toMatchObject({ type: 7, data: { content: 'Question 2', components: [] } });
    expect(fake.message(prompt.id)?.content).toBe('Question 2');
    expect(() => fake.clickButton({ messageId: prompt.id, customId: 'next-question', user: 'alice' })).toThrow(/no component/);
  });

  it('turns a scripted 403 and a missing channel permission into DiscordAPIError 50013', async () => {
    const client = await login();
    const channel = textChannel(client, 'interviews');
    fake.failNext({ method: 'POST', path: /\/threads$/, status: 403, code: 50013, message: 'Missing Permissions' });
    const scripted = await channel.threads.create({ name: 'x', type: ChannelType.PrivateThread }).catch((e: unknown) => e);
    expect(scripted).toBeInstanceOf(DiscordAPIError);
    expect(scripted).toMatchObject({ code: 50013, status: 403 });

    const updated = nextEvent(client, Events.ChannelUpdate);
    fake.setChannelOverwrite({ channelId: 'interviews', target: 'bot', deny: ['CreatePrivateThreads'] });
    await updated;
    const denied = await channel.threads.create({ name: 'y', type: ChannelType.PrivateThread }).catch((e: unknown) => e);
    expect(denied).toMatchObject({ code: 50013 });
    const received = nextInteraction(client);
    fake.slashCommand({ channelId: 'interviews', user: 'bob', name: 'interview' });
    const interaction = await received;
    expect(interaction.appPermissions?.has(PermissionFlagsBits.CreatePrivateThreads)).toBe(false);
    expect(channel.permissionsFor(client.user?.id ?? '')?.has(PermissionFlagsBits.CreatePrivateThreads)).toBe(false);
    expect(fake.threads()).toEqual([]);
  });

  it('has the client wait out a 429 (route and global) and retry', async () => {
    const client = await login();
    fake.rateLimitNext({ method: 'POST', path: /\/messages$/, retryAfter: 0.1 });
    await textChannel(client, 'general').send('hello');
    fake.rateLimitNext({ method: 'POST', path: /\/messages$/, retryAfter: 0.1, global: true });
    await textChannel(client, 'general').send('again');
    const attempts = fake.requests.filter((r) => r.route === 'POST /channels/:channelId/messages');
    expect(attempts.map((r) => r.status)).toEqual([429, 200, 429, 200]);
    expect(attempts[0]?.responseBody).toMatchObject({ retry_after: 0.1, global: false });
    expect(attempts[2]?.responseBody).toMatchObject({ global: true });
    expect((attempts[1]?.at ?? 0) - (attempts[0]?.at ?? 0)).toBeGreaterThanOrEqual(90);
    expect((attempts[3]?.at ?? 0) - (attempts[2]?.at ?? 0)).toBeGreaterThanOrEqual(90);
    expect(fake.messagesIn('general').map((m) => m.content)).toEqual(['hello', 'again']);
  });

  it('acknowledges heartbeats so the client never declares a zombie connection', async () => {
    await fake.close();
    fake = await startFakeDiscord({ token: TOKEN, heartbeatIntervalMs: 40 });
    const client = await login();
    const beats = () => fake.gatewayLog.filter((e) => e.direction === 'in' && e.op === 1).length;
    for (let waited = 0; beats() < 3 && waited < 2000; waited += 20) await new Promise((r) => setTimeout(r, 20));
    const inbound = fake.gatewayLog.filter((e) => e.direction === 'in');
    expect(inbound.filter((e) => e.op === 1).length).toBeGreaterThanOrEqual(3);
    expect(fake.gatewayLog.filter((e) => e.direction === 'out' && e.op === 11).length).toBe(inbound.filter((e) => e.op === 1).length);
    expect(inbound.some((e) => e.op === 6)).toBe(false);
    expect(client.ws.ping).toBeGreaterThanOrEqual(0);
  });

  it('rejects payloads Discord would reject', async () => {
    const client = await login();
    const tooLong = await textChannel(client, 'general').send('x'.repeat(2001)).catch((e: unknown) => e);
    expect(tooLong).toMatchObject({ code: 50035, rawError: { errors: { content: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH' }] } } } });
  });

  it('hides message content from a client without the MessageContent intent', async () => {
    const client = await login([GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages]);
    const got = nextEvent<Message>(client, Events.MessageCreate);
    fake.userMessage({ channelId: 'general', user: 'bob', content: 'secret' });
    expect((await got).content).toBe('');
  });

  it('resumes after a dropped gateway connection and replays missed events', async () => {
    const client = await login();
    const got = nextEvent<Message>(client, Events.MessageCreate);
    fake.disconnectGateway();
    fake.userMessage({ channelId: 'general', user: 'alice', content: 'sent while disconnected' });
    expect((await got).content).toBe('sent while disconnected');
    expect(fake.gatewayLog.some((e) => e.direction === 'in' && e.op === 6)).toBe(true);
    expect(fake.gatewayLog.some((e) => e.direction === 'out' && e.t === 'RESUMED')).toBe(true);
  });

  it('records voice state updates (op 4) and answers with VOICE_STATE_UPDATE', async () => {
    const client = await login();
    const guild = client.guilds.cache.get(fake.guild().id);
    const room = fake.channel('Interview Room').id;
    const updated = nextEvent(client, Events.VoiceStateUpdate);
    guild?.shard.send({ op: 4, d: { guild_id: guild.id, channel_id: room, self_mute: false, self_deaf: false } });
    await updated;
    expect(fake.voiceStateUpdates).toMatchObject([{ guildId: guild?.id, channelId: room }]);
    expect(guild?.members.me?.voice.channelId).toBe(room);

    const joined = nextEvent(client, Events.VoiceStateUpdate);
    fake.userVoiceState({ user: 'alice', channelId: room });
    await joined;
    expect(guild?.voiceStates.cache.get(fake.user('alice').id)?.channelId).toBe(room);
  });

  it('lets a new client log in after the old one is destroyed (bot restart)', async () => {
    const first = await login();
    await first.destroy();
    expect(fake.gatewaySessionCount()).toBe(0);
    const second = await login();
    const received = nextInteraction(second);
    fake.slashCommand({ channelId: 'general', user: 'alice', name: 'interview' });
    const interaction = await received;
    if (!interaction.isChatInputCommand()) throw new Error('expected a chat input command');
    await interaction.reply({ content: 'Welcome back' });
    expect(fake.messagesIn('general').at(-1)?.content).toBe('Welcome back');
    expect(fake.gatewayLog.filter((e) => e.direction === 'in' && e.op === 2)).toHaveLength(2);
  });
});
