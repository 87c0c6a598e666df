// Wider checks of the fake's routes with the real discord.js client: follow-ups, modals, selects, thread
// lifecycle, command registration, fetches and the interaction acknowledgement deadline.
import { once } from 'node:events';
import {
  ActionRowBuilder,
  ChannelType,
  Client,
  Events,
  GatewayIntentBits,
  MessageFlags,
  ModalBuilder,
  SlashCommandBuilder,
  StringSelectMenuBuilder,
  TextInputBuilder,
  TextInputStyle,
  type Interaction,
  type TextChannel,
} from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeDiscord, type FakeDiscord } from './index.ts';
import type { FakeDiscordOptions } from './types.ts';

let fake: FakeDiscord;
let client: Client;

async function setup(opts: FakeDiscordOptions = {}): Promise<void> {
  fake = await startFakeDiscord(opts);
  client = new Client({
    intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.MessageContent],
    rest: { api: fake.restUrl },
  });
  const ready = next(Events.ClientReady);
  await client.login('token');
  await ready;
}

function next<T = unknown>(event: string, ms = 3000): Promise<T> {
  return once(client, event, { signal: AbortSignal.timeout(ms) }).then(
    ([value]) => value as T,
    () => {
      throw new Error(`no ${event} within ${ms} ms`);
    },
  );
}

function channel(name: string): TextChannel {
  return client.channels.cache.get(fake.channel(name).id) as TextChannel;
}

afterEach(async () => {
  await client?.destroy();
  await fake?.close();
});

describe('fake Discord routes', () => {
  it('registers commands with stable ids and uses them in slash commands', async () => {
    await setup();
    const command = new SlashCommandBuilder().setName('interview').setDescription('Run a mock interview')
      .addSubcommand((s) => s.setName('start').setDescription('Start one').addAttachmentOption((o) => o.setName('cv').setDescription('Your CV')));
    const first = await client.application?.commands.set([command.toJSON()], fake.guild().id);
    const again = await client.application?.commands.set([command.toJSON()], fake.guild().id);
    expect(again?.first()?.id).toBe(first?.first()?.id);
    const bad = await client.application?.commands.set([{ name: 'Bad Name', description: 'x' }]).catch((e: unknown) => e);
    expect(bad).toMatchObject({ code: 50035 });

    const received = next<Interaction>(Events.InteractionCreate);
    fake.slashCommand({ channelId: 'general', user: 'alice', name: 'interview', options: [{ name: 'start', type: 1 }] });
    const interaction = await received;
    if (!interaction.isChatInputCommand()) throw new Error('expected a command');
    expect(interaction.commandId).toBe(first?.first()?.id);
    expect(interaction.commandGuildId).toBe(fake.guild().id);
  });

  it('turns the first follow-up after a deferred reply into the reply and posts later ones', async () => {
    await setup();
    const received = next<Interaction>(Events.InteractionCreate);
    const info = fake.slashCommand({ channelId: 'general', user: 'bob', name: 'interview' });
    const interaction = await received;
    if (!interaction.isChatInputCommand()) throw new Error('expected a command');
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    const firstFollowUp = await interaction.followUp('Question 1');
    await interaction.followUp('Question 2');
    const fetched = await interaction.fetchReply();
    expect(fetched.id).toBe(firstFollowUp.id);
    const contents = fake.messagesIn('general').map((m) => [m.content, (m.flags ?? 0) & 64]);
    expect(contents).toEqual([['Question 1', 64], ['Question 2', 0]]);
    const again = await interaction.deferReply().catch((e: unknown) => e);
    expect(again).toBeInstanceOf(Error);
    expect(fake.interactionResponses(info.token).map((r) => r.status)).toEqual([204, 200, 200, 200]);
  });

  it('answers reply({ withResponse }) with the callback resource and its message', async () => {
    await setup();
    const received = next<Interaction>(Events.InteractionCreate);
    fake.slashCommand({ channelId: 'general', user: 'alice', name: 'interview' });
    const interaction = await received;
    if (!interaction.isChatInputCommand()) throw new Error('expected a command');
    const response = await interaction.reply({ content: 'Starting', withResponse: true });
    expect(response.resource?.message?.content).toBe('Starting');
    expect(response.interaction.responseMessageId).toBe(response.resource?.message?.id);
  });

  it('answers a second acknowledgement with 40060 and a late one with 10062', async () => {
    // Long enough that the prompt reply below lands inside it on a busy machine; the late one waits past it.
    await setup({ interactionAckDeadlineMs: 400 });
    const received = next<Interaction>(Events.InteractionCreate);
    fake.slashCommand({ channelId: 'general', user: 'alice', name: 'interview' });
    const interaction = await received;
    if (!interaction.isChatInputCommand()) throw new Error('expected a command');
    await new Promise((r) => setTimeout(r, 500));
    await expect(interaction.reply('too late')).rejects.toMatchObject({ code: 10062 });

    const second = next<Interaction>(Events.InteractionCreate);
    const info = fake.slashCommand({ channelId: 'general', user: 'alice', name: 'interview' });
    const fresh = await second;
    if (!fresh.isChatInputCommand()) throw new Error('expected a command');
    await fresh.reply('ok');
    // discord.js guards double replies itself, so go straight at the route the way a second process would.
    const res = await fetch(`${fake.restUrl}/v10/interactions/${info.id}/${info.token}/callback`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ type: 4, data: { content: 'again' } }),
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ message: 'Interaction has already been acknowledged.', code: 40060 });
  });

  it('shows a modal and delivers its submission as a ModalSubmitInteraction', async () => {
    await setup();
    const received = next<Interaction>(Events.InteractionCreate);
    const info = fake.slashCommand({ channelId: 'general', user: 'alice', name: 'interview' });
    const interaction = await received;
    if (!interaction.isChatInputCommand()) throw new Error('expected a command');
    const modal = new ModalBuilder().setCustomId('setup').setTitle('Interview setup').addComponents(
      new ActionRowBuilder<TextInputBuilder>().addComponents(new TextInputBuilder().setCustomId('role').setLabel('Role').setStyle(TextInputStyle.Short)),
    );
    await interaction.showModal(modal);
    const submitted = next<Interaction>(Events.InteractionCreate);
    fake.submitModal({ fromToken: info.token, fields: { role: 'Data engineer' } });
    const submit = await submitted;
    if (!submit.isModalSubmit()) throw new Error('expected a modal submit');
    expect(submit.customId).toBe('setup');
    expect(submit.fields.getTextInputValue('role')).toBe('Data engineer');
    expect(() => fake.submitModal({ fromToken: info.token, fields: { nope: 'x' } })).toThrow(/no text input/);
  });

  it('delivers a select menu choice and rejects values that are not options', async () => {
    await setup();
    const menu = new StringSelectMenuBuilder().setCustomId('level').addOptions({ label: 'Junior', value: 'junior' }, { label: 'Senior', value: 'senior' });
    const sent = await channel('general').send({ content: 'Level?', components: [new ActionRowBuilder<StringSelectMenuBuilder>().addComponents(menu)] });
    const received = next<Interaction>(Events.InteractionCreate);
    fake.selectMenu({ messageId: sent.id, customId: 'level', user: 'bob', values: ['senior'] });
    const interaction = await received;
    if (!interaction.isStringSelectMenu()) throw new Error('expected a select menu');
    expect(interaction.values).toEqual(['senior']);
    await interaction.deferUpdate();
    expect(() => fake.selectMenu({ messageId: sent.id, customId: 'level', user: 'bob', values: ['principal'] })).toThrow(/not an option/);
  });

  it('follows a thread through archive, reopen by message, delete, and refuses posting after deletion', async () => {
    await setup();
    const thread = await channel('interviews').threads.create({ name: 'Session', type: ChannelType.PrivateThread });
    const updated = next(Events.ThreadUpdate);
    fake.archiveThread(thread.id);
    await updated;
    expect(thread.archived).toBe(true);
    await thread.send('Are you still there?');
    expect(fake.channel(thread.id)['thread_metadata']).toMatchObject({ archived: false });
    await thread.setArchived(true);
    expect(fake.channel(thread.id)['thread_metadata']).toMatchObject({ archived: true });

    const deleted = next(Events.ThreadDelete);
    fake.deleteThread(thread.id);
    await deleted;
    expect(client.channels.cache.has(thread.id)).toBe(false);
    await expect(client.rest.post(`/channels/${thread.id}/messages`, { body: { content: 'x' } })).rejects.toMatchObject({ code: 10003 });
  });

  it('adds a user mentioned in a private thread to it, so they can post there', async () => {
    await setup();
    const thread = await channel('interviews').threads.create({ name: 'Session', type: ChannelType.PrivateThread });
    const bob = fake.user('bob');
    expect(() => fake.userMessage({ channelId: thread.id, user: 'bob', content: 'hi' })).toThrow(/not in private thread/);
    await thread.send(`<@${bob.id}> welcome`);
    expect(fake.threadMemberIds(thread.id)).toContain(bob.id);
    const got = next(Events.MessageCreate);
    fake.userMessage({ channelId: thread.id, user: 'bob', content: 'hi' });
    await got;
  });

  it('starts a public thread from a message and fetches channels, messages and members', async () => {
    await setup();
    const starter = await channel('general').send('Interview for bob');
    const thread = await starter.startThread({ name: 'Bob interview' });
    expect(thread.id).toBe(starter.id);
    expect(thread.type).toBe(ChannelType.PublicThread);
    await thread.send('Q1');
    await thread.sendTyping();
    const fetched = await client.channels.fetch(thread.id, { force: true });
    expect(fetched?.isThread() && fetched.messageCount).toBe(1);
    const messages = await thread.messages.fetch({ limit: 10 });
    expect(messages.map((m) => m.content)).toEqual(['Q1']);
    const member = await client.guilds.cache.get(fake.guild().id)?.members.fetch(fake.user('alice').id);
    expect(member?.user.username).toBe('alice');
    const edited = await messages.first()?.edit('Q1 (edited)');
    expect(edited?.editedTimestamp).not.toBeNull();
    await messages.first()?.react('👍');
    expect(fake.message(thread.id)?.thread).toBeDefined();
    await thread.delete();
    expect(fake.threads()).toEqual([]);
    expect(fake.unmatchedRequests()).toEqual([]);
  });

  it('records unknown routes as 404 so tests notice', async () => {
    await setup();
    await expect(client.rest.get('/guilds/1/audit-logs')).rejects.toMatchObject({ status: 404, code: 0 });
    expect(fake.unmatchedRequests().map((r) => `${r.method} ${r.path}`)).toEqual(['GET /guilds/1/audit-logs']);
  });
});
