/**
 * Voice-channel interviews end to end through the real libraries: discord.js against the
 * fake Discord (gateway + REST), @discordjs/voice against the fake voice server (wss + UDP,
 * AES-GCM RTP), the real interview engine, and espeak-ng speech sent in real time.
 * Speech-to-text and text-to-speech are the fakes beside their interfaces.
 */
import { once } from 'node:events';
import { Client, Events, GatewayIntentBits, type Guild } from 'discord.js';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createDiscordVoice, type DiscordVoiceController } from '../../src/bots/discord/voice/index.ts';
import { CONNECTION_LOST, NOT_IN_VOICE } from '../../src/bots/discord/voice/messages.ts';
import { loadConfig } from '../../src/config.ts';
import { silentLogger } from '../../src/logger.ts';
import { createApp, type App } from '../../src/app/app.ts';
import { startFakeDiscord, type FakeDiscord } from '../fakes/discord/index.ts';
import { FakeVoiceServer, selfSignedCert, trustInThisProcess } from '../fakes/discord-voice/index.ts';
import { buildTimeline, speak, type SpokenClip } from '../audio/speech-fixtures.ts';
import { ScriptedStt, ToneTts } from './helpers/fake-speech.ts';

const TOKEN = 'fake-bot-token';
const ALICE_SSRC = 5151;

let clips: SpokenClip[];
let fake: FakeDiscord;
let server: FakeVoiceServer;
let client: Client;
let runtime: App;
let voice: DiscordVoiceController;
let stt: ScriptedStt;
let tts: ToneTts;
let guild: Guild;
let textId: string;
let roomId: string;
let alice: string;
const finished: string[] = [];

beforeAll(async () => {
  clips = await Promise.all([speak('I mentor two junior engineers every week.'), speak('We pair on code reviews and on design documents.')]);
  trustInThisProcess(selfSignedCert().cert);
});

beforeEach(async () => {
  const tls = selfSignedCert();
  server = await FakeVoiceServer.start({ cert: tls.cert, key: tls.key });
  fake = await startFakeDiscord({ token: TOKEN });
  // Discord answers the bot's op 4 with VOICE_STATE_UPDATE (the fake does) and VOICE_SERVER_UPDATE pointing at the voice server.
  fake.onVoiceStateUpdate((req) => {
    if (req.channelId) fake.dispatch('VOICE_SERVER_UPDATE', { token: 'voice-token', guild_id: req.guildId, endpoint: server.endpoint });
  });
  client = new Client({ intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildVoiceStates, GatewayIntentBits.GuildMessages], rest: { api: fake.restUrl } });
  const ready = once(client, Events.ClientReady);
  await client.login(TOKEN);
  await ready;
  guild = client.guilds.cache.get(fake.guild().id)!;
  textId = fake.channel('interviews').id;
  roomId = fake.channel('Interview Room').id;
  alice = fake.user('alice').id;
  runtime = await createApp(loadConfig({ STORE_URL: 'memory://', LOG_LEVEL: 'silent' }), silentLogger());
  stt = await ScriptedStt.forClips(clips);
  tts = new ToneTts();
  tts.msPerChar = 4;
  finished.length = 0;
  voice = createDiscordVoice({
    app: runtime,
    speech: { stt, tts },
    logger: silentLogger(),
    tuning: { reconnectWindowMs: 400, readyTimeoutMs: 5000 },
    onFinished: async (_c, reply) => {
      finished.push(reply.sessionId);
    },
  });
});

afterEach(async () => {
  await voice.closeAll();
  await client.destroy();
  await fake.close();
  await server.stop();
  await runtime.close();
});

async function startInterview(): Promise<string> {
  const reply = await runtime.engine.start({ key: `discord:${guild.id}:${textId}`, userKey: `discord:${alice}`, userName: 'alice', type: 'screening', mode: 'voice', seed: 3 });
  return reply.sessionId;
}

async function aliceJoins(channelId: string | null): Promise<void> {
  const seen = once(client, Events.VoiceStateUpdate);
  fake.userVoiceState({ user: 'alice', channelId });
  await seen;
}

function messages(): string[] {
  return fake.messagesIn(textId).map((m) => m.content);
}

async function waitForMessage(pred: (content: string) => boolean, ms = 8000): Promise<string> {
  return (await fake.waitForMessage(textId, (m) => pred(m.content), ms)).content;
}

/** Alice says a clip the way a Discord client sends it: real-time packets, then nothing while she is quiet. */
async function aliceSays(clip: SpokenClip): Promise<void> {
  const tl = await buildTimeline([{ speech: clip }, { silenceMs: 100 }]);
  await server.sendUserAudio(alice, ALICE_SSRC, tl.packets, { paceMs: 20 });
}

async function untilQuiet(sessionId: string): Promise<void> {
  await waitUntil(() => voice.room(sessionId)?.voice.speaking === false);
}

describe('Discord voice-channel interview', () => {
  it('joins undeafened with DAVE on, speaks the question, hears the answer, posts both and replies out loud; stop leaves', async () => {
    const sessionId = await startInterview();
    await aliceJoins(roomId);
    const res = await voice.start({ client, guildId: guild.id, userId: alice, threadId: textId, sessionId });
    expect(res).toEqual({ ok: true });
    expect(voice.isVoiceSession(sessionId)).toBe(true);
    expect(fake.voiceStateUpdates.at(-1)).toMatchObject({ guildId: guild.id, channelId: roomId, selfDeaf: false, selfMute: false });
    expect(Number(server.identifies.at(-1)!['max_dave_protocol_version'])).toBeGreaterThanOrEqual(1);
    await waitForMessage((c) => c.includes(`<#${roomId}>`) && c.includes('Answer out loud'));

    // The greeting and first question are spoken into the channel.
    await server.waitFor(() => server.audioFrames.length > 20, 8000, 'the question audio');
    await untilQuiet(sessionId);
    const framesBefore = server.audioFrames.length;

    await aliceSays(clips[0]!);
    const heard = await waitForMessage((c) => c.startsWith('🎙️ **'));
    expect(heard).toBe(`🎙️ **alice:** ${clips[0]!.text}`);
    const alexLine = await waitForMessage((c) => c.includes('**Alex:**'));
    expect(alexLine).toMatch(/Question \d of \d/);
    await server.waitFor(() => server.audioFrames.length > framesBefore + 10, 8000, 'the reply audio');
    const session = await runtime.store.get(sessionId);
    expect(session!.answers[0]!.parts).toEqual([clips[0]!.text]);
    expect(server.undecryptable).toBe(0);

    await voice.stop(sessionId);
    expect(voice.isVoiceSession(sessionId)).toBe(false);
    await waitUntil(() => fake.voiceStateUpdates.at(-1)?.channelId === null);
  });

  it('keeps listening after the receive stream is destroyed by a packet it cannot decrypt', async () => {
    const sessionId = await startInterview();
    await aliceJoins(roomId);
    expect((await voice.start({ client, guildId: guild.id, userId: alice, threadId: textId, sessionId })).ok).toBe(true);
    await untilQuiet(sessionId);
    server.announceSpeaker(alice, ALICE_SSRC);
    await new Promise((r) => setTimeout(r, 50));
    server.sendCorruptPacket(ALICE_SSRC);
    await waitUntil(() => voice.room(sessionId)!.receiver.stats.subscriptions >= 2);
    await aliceSays(clips[0]!);
    expect(await waitForMessage((c) => c.startsWith('🎙️ **'))).toContain(clips[0]!.text);
    expect(voice.room(sessionId)!.receiver.stats.errors).toBeGreaterThanOrEqual(1);
  });

  it('pauses when the candidate leaves the channel and resumes, out loud, when they come back', async () => {
    const sessionId = await startInterview();
    await aliceJoins(roomId);
    expect((await voice.start({ client, guildId: guild.id, userId: alice, threadId: textId, sessionId })).ok).toBe(true);
    await untilQuiet(sessionId);

    await aliceJoins(null);
    await waitForMessage((c) => c.startsWith('⏸️'));
    expect((await runtime.store.get(sessionId))!.status).toBe('paused');

    const frames = server.audioFrames.length;
    await aliceJoins(roomId);
    await waitUntil(async () => (await runtime.store.get(sessionId))!.status === 'active');
    const resumed = await waitForMessage((c) => c.includes('**Alex:**'));
    expect(resumed.length).toBeGreaterThan(20);
    await server.waitFor(() => server.audioFrames.length > frames + 10, 8000, 'the repeated question');
  });

  it('a dropped voice connection that cannot reconnect leaves the interview going in text, with a notice', async () => {
    const sessionId = await startInterview();
    await aliceJoins(roomId);
    expect((await voice.start({ client, guildId: guild.id, userId: alice, threadId: textId, sessionId })).ok).toBe(true);
    await untilQuiet(sessionId);
    server.dropGateway(4014);
    expect(await waitForMessage((c) => c === CONNECTION_LOST)).toBe(CONNECTION_LOST);
    await waitUntil(() => !voice.isVoiceSession(sessionId));
    expect((await runtime.store.get(sessionId))!.status).toBe('active');
    // The engine still takes typed answers; speak() is a no-op now.
    await voice.speak(sessionId, ['Next question?']);
  });

  it('a dropped voice connection that Discord re-establishes carries on in voice', async () => {
    const sessionId = await startInterview();
    await aliceJoins(roomId);
    expect((await voice.start({ client, guildId: guild.id, userId: alice, threadId: textId, sessionId })).ok).toBe(true);
    await untilQuiet(sessionId);
    const connections = server.connections;
    server.dropGateway(4014);
    fake.dispatch('VOICE_SERVER_UPDATE', { token: 'voice-token-2', guild_id: guild.id, endpoint: server.endpoint });
    await server.waitFor(() => server.connections > connections && server.ready, 5000, 'a new voice connection');
    await new Promise((r) => setTimeout(r, 600));
    expect(voice.isVoiceSession(sessionId)).toBe(true);
    expect(messages()).not.toContain(CONNECTION_LOST);
    await aliceSays(clips[0]!);
    expect(await waitForMessage((c) => c.startsWith('🎙️ **'))).toContain(clips[0]!.text);
  });

  it('asks the candidate to join a voice channel first, and names missing permissions', async () => {
    const sessionId = await startInterview();
    expect(await voice.start({ client, guildId: guild.id, userId: alice, threadId: textId, sessionId })).toEqual({ ok: false, message: NOT_IN_VOICE });

    await aliceJoins(roomId);
    const updated = once(client, Events.ChannelUpdate);
    fake.setChannelOverwrite({ channelId: roomId, target: 'bot', deny: ['Connect', 'Speak'] });
    await updated;
    const res = await voice.start({ client, guildId: guild.id, userId: alice, threadId: textId, sessionId });
    expect(res.ok).toBe(false);
    expect(!res.ok && res.message).toMatch(/\*\*Connect\*\*, \*\*Speak\*\* permissions/);
    expect(voice.isVoiceSession(sessionId)).toBe(false);
    expect(fake.voiceStateUpdates).toEqual([]);
  });
});

async function waitUntil(cond: () => boolean | Promise<boolean>, ms = 8000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}
