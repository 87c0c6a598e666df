// Smoke tests: the real @discordjs/voice client against the fake voice server, joined through a plain adapter.
import { Readable } from 'node:stream';
import {
  AudioPlayerStatus,
  createAudioPlayer,
  createAudioResource,
  EndBehaviorType,
  entersState,
  joinVoiceChannel,
  StreamType,
  VoiceConnectionStatus,
  type VoiceConnection,
} from '@discordjs/voice';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { OpusPacketEncoder } from '../../../src/audio/opus.ts';
import { FakeVoiceServer, selfSignedCert, trustInThisProcess, voiceAdapter } from './index.ts';

const GUILD = '100000000000000001';
const CHANNEL = '100000000000000002';
const BOT = '100000000000000003';
const USER = '100000000000000004';

let server: FakeVoiceServer;
let connection: VoiceConnection | null = null;

beforeAll(async () => {
  const tls = selfSignedCert();
  trustInThisProcess(tls.cert);
  server = await FakeVoiceServer.start({ cert: tls.cert, key: tls.key });
});

afterEach(() => {
  if (connection && connection.state.status !== VoiceConnectionStatus.Destroyed) connection.destroy();
  connection = null;
});

afterAll(async () => {
  await server.stop();
});

function tone(ms: number): Buffer[] {
  const enc = new OpusPacketEncoder();
  const n = (48_000 * ms) / 1000;
  const pcm = new Int16Array(n * 2);
  for (let i = 0; i < n; i++) pcm[2 * i] = pcm[2 * i + 1] = Math.round(8000 * Math.sin((2 * Math.PI * 330 * i) / 48_000));
  const out = [...enc.encode(pcm), ...enc.flush()];
  enc.close();
  return out;
}

async function join(): Promise<VoiceConnection> {
  const { creator, record } = voiceAdapter(() => server.endpoint, BOT);
  connection = joinVoiceChannel({ guildId: GUILD, channelId: CHANNEL, adapterCreator: creator, selfDeaf: false, selfMute: false });
  await entersState(connection, VoiceConnectionStatus.Ready, 5000);
  expect(record.payloads[0]).toMatchObject({ op: 4, d: { guild_id: GUILD, channel_id: CHANNEL, self_deaf: false, self_mute: false } });
  return connection;
}

describe('fake Discord voice server with the real @discordjs/voice', () => {
  it('connects over wss with DAVE offered, and agrees on AES-GCM', async () => {
    await join();
    const identify = server.identifies.at(-1)!;
    expect(identify).toMatchObject({ server_id: GUILD, user_id: BOT, session_id: 'fake-session', token: 'fake-voice-token' });
    expect(Number(identify['max_dave_protocol_version'])).toBeGreaterThanOrEqual(1);
    const select = server.fromBot.find((m) => m.op === 1)!;
    expect(select.d).toMatchObject({ protocol: 'udp', data: { address: '127.0.0.1', mode: 'aead_aes256_gcm_rtpsize' } });
  });

  it("delivers a user's encrypted RTP to a receive subscription as the same Opus packets", async () => {
    const conn = await join();
    const stream = conn.receiver.subscribe(USER, { end: { behavior: EndBehaviorType.Manual } });
    const got: Buffer[] = [];
    stream.on('data', (p: Buffer) => got.push(p));
    const packets = tone(400);
    await server.sendUserAudio(USER, 777, packets, { paceMs: 2 });
    await waitUntil(() => got.length === packets.length);
    expect(got.map((p) => p.toString('hex'))).toEqual(packets.map((p) => p.toString('hex')));
    stream.destroy();
  });

  it('a packet that fails authentication destroys the receive stream (0.19 behaviour the voice surface must survive)', async () => {
    const conn = await join();
    const stream = conn.receiver.subscribe(USER, { end: { behavior: EndBehaviorType.Manual } });
    stream.on('data', () => undefined);
    const errored = new Promise<Error>((resolve) => stream.once('error', resolve));
    server.announceSpeaker(USER, 778);
    await new Promise((r) => setTimeout(r, 50));
    server.sendCorruptPacket(778);
    expect((await errored).message).toMatch(/auth|decrypt/i);
    await waitUntil(() => stream.destroyed);
    // A new subscription for the same user works.
    const again = conn.receiver.subscribe(USER, { end: { behavior: EndBehaviorType.Manual } });
    expect(again).not.toBe(stream);
    const got: Buffer[] = [];
    again.on('data', (p: Buffer) => got.push(p));
    await server.sendUserAudio(USER, 778, tone(100), { paceMs: 2 });
    await waitUntil(() => got.length === 5);
    again.destroy();
  });

  it('plays object-mode Opus packets (StreamType.Opus) that the server decrypts frame for frame', async () => {
    const conn = await join();
    const player = createAudioPlayer();
    conn.subscribe(player);
    const packets = tone(500);
    const before = server.audioFrames.length;
    player.play(createAudioResource(Readable.from(packets, { objectMode: true }), { inputType: StreamType.Opus }));
    await entersState(player, AudioPlayerStatus.Playing, 2000);
    await entersState(player, AudioPlayerStatus.Idle, 5000);
    await waitUntil(() => server.audioFrames.length - before >= packets.length);
    const sent = server.audioFrames.slice(before).map((p) => p.opus.toString('hex'));
    expect(sent).toEqual(packets.map((p) => p.toString('hex')));
    expect(server.audioFrames.slice(before).every((p) => p.ssrc === server.botSsrc)).toBe(true);
    expect(server.undecryptable).toBe(0);
    // The bot said it was speaking, with its own SSRC.
    expect(server.fromBot.some((m) => m.op === 5 && m.d['speaking'] === 1 && m.d['ssrc'] === server.botSsrc)).toBe(true);
    player.stop(true);
  });
});

async function waitUntil(cond: () => boolean, ms = 5000): Promise<void> {
  const until = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}
