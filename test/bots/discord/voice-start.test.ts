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

test('a Spanish voice interview says in Spanish that Alex joined, and that leaving the channel paused it', async () => {
  const models = await startFakes();
  const es = await createApp(loadConfig({ STORE_URL: 'memory://', GEMINI_API_KEY: GEMINI_KEY, GEMINI_BASE_URL: models.gemini.url, GEMINI_MODELS: 'gemini-2.5-flash', LLM_TURN_DEADLINE_MS: '3000' }), silentLogger());
  const esVoice = createDiscordVoice({ app: es, speech: { stt: new ScriptedStt(), tts: new ToneTts() }, logger: silentLogger(), tuning: { readyTimeoutMs: 5000 } });
  // The default bot above shares the fake gateway: stop it so only the model-backed one answers.
  await bot.stop();
  const esBot = createDiscordBot({ app: es, voice: esVoice }, { token: TOKEN, api: fake.restUrl });
  await esBot.start();
  try {
    const room = fake.channel('Interview Room').id;
    fake.userVoiceState({ user: 'alice', channelId: room });
    await new Promise((r) => setTimeout(r, 100));
    fake.slashCommand({ channelId: 'interviews', user: 'alice', name: 'interview', options: startOptions('screening', [{ name: 'mode', type: 3, value: 'voice' }, { name: 'language', type: 3, value: 'es' }]) });
    const thread = await until(() => fake.threads(fake.channel('interviews').id).at(-1), 5000, 'thread');
    const threadId = thread.id as string;
    const joined = await fake.waitForMessage(threadId, (m) => m.content.startsWith('🔊'), 8000);
    expect(joined.content).toBe(`🔊 Estoy en <#${room}>. Responde en voz alta; iré publicando aquí lo que oiga. Di "repetir", "saltar" o "terminar" cuando quieras, o simplemente habla encima de mí para interrumpirme.`);
    fake.userVoiceState({ user: 'alice', channelId: null });
    const left = await fake.waitForMessage(threadId, (m) => m.content.startsWith('⏸️'), 8000);
    expect(left.content).toBe(`⏸️ Saliste del canal de voz, así que he pausado la entrevista. Vuelve a <#${room}> y seguiremos desde la misma pregunta.`);
  } finally {
    await esVoice.closeAll();
    await esBot.stop();
    await es.close();
    await models.close();
  }
});
