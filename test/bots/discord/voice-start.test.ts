// /interview start mode:voice through the bot itself: it opens the thread, joins the
// candidate's voice channel (a fake voice server on 127.0.0.1) and speaks the first question.
import { afterEach, beforeEach, expect, test } from 'vitest';
import { createDiscordBot } from '../../../src/bots/discord/client.ts';
import { createDiscordVoice, type DiscordVoiceController } from '../../../src/bots/discord/voice/index.ts';
import { loadConfig } from '../../../src/config.ts';
import { silentLogger } from '../../../src/logger.ts';
import { createApp, type App } from '../../../src/app/app.ts';
import { startFakeDiscord, type FakeDiscord } from '../../fakes/discord/index.ts';
import { FakeVoiceServer, selfSignedCert, trustInThisProcess } from '../../fakes/discord-voice/index.ts';
import { ScriptedStt, ToneTts } from '../../voice/helpers/fake-speech.ts';
import { GEMINI_KEY, startFakes } from '../../engine/llm/setup.ts';
import { startOptions, TOKEN, until } from './harness.ts';

let fake: FakeDiscord;
let server: FakeVoiceServer;
let runtime: App;
let voice: DiscordVoiceController;
let bot: ReturnType<typeof createDiscordBot>;

beforeEach(async () => {
  const tls = selfSignedCert();
  // @discordjs/voice always dials wss://: trust the fake server's self-signed certificate.
  trustInThisProcess(tls.cert);
  server = await FakeVoiceServer.start({ cert: tls.cert, key: tls.key });
  fake = await startFakeDiscord({ token: TOKEN });
  fake.onVoiceStateUpdate((req) => {
    if (req.channelId) fake.dispatch('VOICE_SERVER_UPDATE', { token: 'voice-token', guild_id: req.guildId, endpoint: server.endpoint });
  });
  runtime = await createApp(loadConfig({ STORE_URL: 'memory://' }), silentLogger());
  const tts = new ToneTts();
  tts.msPerChar = 2;
  voice = createDiscordVoice({ app: runtime, speech: { stt: new ScriptedStt(), tts }, logger: silentLogger(), tuning: { readyTimeoutMs: 5000 } });
  bot = createDiscordBot({ app: runtime, voice }, { token: TOKEN, api: fake.restUrl });
  await bot.start();
});

afterEach(async () => {
  await voice.closeAll();
  await bot.stop();
  await fake.close();
  await server.stop();
  await runtime.close();
});

test('mode:voice joins the candidate\'s voice channel undeafened and speaks the first question', async () => {
  const room = fake.channel('Interview Room').id;
  fake.userVoiceState({ user: 'alice', channelId: room });
  await new Promise((r) => setTimeout(r, 100));
  fake.slashCommand({ channelId: 'interviews', user: 'alice', name: 'interview', options: startOptions('screening', [{ name: 'mode', type: 3, value: 'voice' }]) });
  const thread = await until(() => fake.threads(fake.channel('interviews').id).at(-1), 5000, 'thread');
  await until(() => fake.voiceStateUpdates.some((u) => u.channelId === room && u.selfDeaf === false), 5000, 'voice join');
  await server.waitFor(() => server.audioFrames.length > 20, 8000, 'question audio');
  const texts = fake.messagesIn(thread.id as string).map((m) => m.content);
  expect(texts.some((t) => /Question 1 of 5/.test(t))).toBe(true);
  expect(texts).toContain(`🔊 I'm in <#${room}>. Answer out loud; I'll post what I hear here. Say "repeat", "skip" or "end" any time, or just talk over me to interrupt.`);
});

test('mode:voice without being in a voice channel says exactly what is missing and carries on in text', async () => {
  fake.slashCommand({ channelId: 'interviews', user: 'alice', name: 'interview', options: startOptions('screening', [{ name: 'mode', type: 3, value: 'voice' }]) });
  const thread = await until(() => fake.threads(fake.channel('interviews').id).at(-1), 5000, 'thread');
  const note = await fake.waitForMessage(thread.id as string, (m) => /Join a voice channel first/.test(m.content), 5000);
  expect(note.content).toMatch(/Join a voice channel first/);
  expect(fake.voiceStateUpdates.filter((u) => u.channelId)).toEqual([]);
  expect(fake.messagesIn(thread.id as string).some((m) => /Question 1 of 5/.test(m.content))).toBe(true);
});

/** A bot with a language model (so a Spanish interview runs in Spanish), in place of the default one. */
async function spanishCapableBot() {
  const models = await startFakes();
  const app = await createApp(loadConfig({ STORE_URL: 'memory://', GEMINI_API_KEY: GEMINI_KEY, GEMINI_BASE_URL: models.gemini.url, GEMINI_MODELS: 'gemini-2.5-flash', LLM_TURN_DEADLINE_MS: '3000' }), silentLogger());
  const v = createDiscordVoice({ app, speech: { stt: new ScriptedStt(), tts: new ToneTts() }, logger: silentLogger(), tuning: { readyTimeoutMs: 5000 } });
  // The default bot shares the fake gateway: stop it so only this one answers.
  await bot.stop();
  const b = createDiscordBot({ app, voice: v }, { token: TOKEN, api: fake.restUrl });
  await b.start();
  return async () => {
    await v.closeAll();
    await b.stop();
    await app.close();
    await models.close();
  };
}

const spanishVoiceStart = () =>
  fake.slashCommand({ channelId: 'interviews', user: 'alice', name: 'interview', options: startOptions('screening', [{ name: 'mode', type: 3, value: 'voice' }, { name: 'language', type: 3, value: 'es' }]) });

test('a Spanish voice interview says in Spanish that Alex joined, and that leaving the channel paused it', async () => {
  const close = await spanishCapableBot();
  try {
    const room = fake.channel('Interview Room').id;
    fake.userVoiceState({ user: 'alice', channelId: room });
    await new Promise((r) => setTimeout(r, 100));
    spanishVoiceStart();
    const thread = await until(() => fake.threads(fake.channel('interviews').id).at(-1), 5000, 'thread');
    const threadId = thread.id as string;
    const joined = await fake.waitForMessage(threadId, (m) => m.content.startsWith('🔊'), 8000);
    expect(joined.content).toBe(`🔊 Estoy en <#${room}>. Responde en voz alta; iré publicando aquí lo que oiga. Di "repetir", "saltar" o "terminar" cuando quieras, o simplemente habla encima de mí para interrumpirme.`);
    fake.userVoiceState({ user: 'alice', channelId: null });
    const left = await fake.waitForMessage(threadId, (m) => m.content.startsWith('⏸️'), 8000);
    expect(left.content).toBe(`⏸️ Saliste del canal de voz, así que he pausado la entrevista. Vuelve a <#${room}> y seguiremos desde la misma pregunta.`);
  } finally {
    await close();
  }
});

test('a Spanish voice start outside any voice channel says what is missing in Spanish, and carries on in text', async () => {
  const close = await spanishCapableBot();
  try {
    spanishVoiceStart();
    const thread = await until(() => fake.threads(fake.channel('interviews').id).at(-1), 5000, 'thread');
    const note = await fake.waitForMessage(thread.id as string, (m) => /canal de voz/.test(m.content), 8000);
    expect(note.content).toBe('Primero únete a un canal de voz y luego pulsa Voice o vuelve a ejecutar /interview start mode:voice.');
  } finally {
    await close();
  }
});
