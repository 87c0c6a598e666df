/**
 * The Discord voice surface (DiscordVoice in ../deps.ts): starts and stops voice-channel
 * interviews, speaks replies the text thread produced, and transcribes voice messages.
 * A bot can be in one voice channel per server, so there is at most one live room per
 * server; each is keyed by the interview's session id.
 */
import type { Client } from 'discord.js';
import type { Logger } from 'pino';
import type { Reply, Session } from '../../../engine/types.ts';
import type { App } from '../../../app/app.ts';
import type { CreateVadOptions } from '../../../audio/vad/create.ts';
import { transcribeAudioFile } from '../../../voice/transcribe-file.ts';
import { sessionTerms } from '../../../voice/stt-prompt.ts';
import { turnTakingFromConfig } from '../../../voice/turn-config.ts';
import type { VoiceSpeech } from '../../../voice/types.ts';
import type { DiscordVoice } from '../deps.ts';
import { discordAdapter, threadPlace } from '../adapter.ts';
import type { Sendable } from '../thread-send.ts';
import { findCandidateChannel } from './join.ts';
import { connectFailed, voiceStartLines } from './messages.ts';
import { VoiceRoom, type VoiceTuning } from './room.ts';

export interface DiscordVoiceOptions {
  app: App;
  speech: VoiceSpeech;
  logger: Logger;
  /** Overrides for timings (tests); the rest come from config (VOICE_*). */
  tuning?: Partial<VoiceTuning>;
  vad?: CreateVadOptions;
  /** What happens when a voice interview ends (default: the report in the thread, as for text interviews). */
  onFinished?: (client: Client, reply: Reply, thread: Sendable) => Promise<void>;
}

export interface DiscordVoiceController extends DiscordVoice {
  speak(sessionId: string, texts: string[]): Promise<void>;
  isVoiceSession(sessionId: string): boolean;
  transcribeAttachment(bytes: Buffer, contentType: string, language?: string): Promise<string>;
  /** The live room of a session (tests and /interview status). */
  room(sessionId: string): VoiceRoom | undefined;
  /** Leaves every channel (shutdown). */
  closeAll(): Promise<void>;
}

export function createDiscordVoice(options: DiscordVoiceOptions): DiscordVoiceController {
  const { app, speech, logger } = options;
  const c = app.config;
  const tuning: VoiceTuning = {
    endSilenceMs: c.VOICE_END_SILENCE_MS,
    nudgeAfterMs: c.VOICE_NUDGE_AFTER_MS,
    bargeInMs: c.VOICE_BARGE_IN_MS,
    turnTaking: turnTakingFromConfig(c, logger),
    reconnectWindowMs: 5000,
    readyTimeoutMs: 15_000,
    ...(options.vad ? { vad: options.vad } : {}),
    ...options.tuning,
  };
  const rooms = new Map<string, VoiceRoom>();
  const starting = new Set<string>();

  const api: DiscordVoiceController = {
    async start({ client, guildId, userId, threadId, sessionId }) {
      if (rooms.has(sessionId)) return { ok: true };
      // Read first so that every line below speaks the interview's language.
      const session = await app.store.get(sessionId);
      const said = voiceStartLines(session?.language);
      if ([...rooms.values()].some((r) => r.guildId === guildId) || starting.has(guildId)) return { ok: false, message: said.guildBusy };
      if (speech.mode?.().voice === 'text-only') return { ok: false, message: said.speechUnavailable };
      const found = await findCandidateChannel(client, guildId, userId, session?.language);
      if (!found.ok) return found;
      if (!session) return { ok: false, message: 'That interview no longer exists.' };
      const thread = (await client.channels.fetch(threadId).catch(() => null)) as Sendable | null;
      if (!thread || typeof thread.send !== 'function') return { ok: false, message: connectFailed(session.language) };
      const member = found.guild.members.cache.get(userId) ?? (await found.guild.members.fetch(userId).catch(() => null));
      starting.add(guildId);
      let room: VoiceRoom | null;
      try {
        room = await VoiceRoom.open(
          {
            client,
            conversation: app.conversation,
            language: c.STT_LANGUAGE,
            speech,
            logger,
            tuning,
            voicePreset: c.TTS_VOICE,
            finish: (reply, t) => (options.onFinished ? options.onFinished(client, reply, t) : app.conversation.finish(discordAdapter(client, { app, voice: api }), threadPlace(t), reply)),
            closed: (r) => {
              if (rooms.get(r.sessionId) === r) rooms.delete(r.sessionId);
            },
          },
          { guild: found.guild, channel: found.channel, userId, candidateName: member?.displayName ?? session.userName ?? 'Candidate', thread, sessionId, sttTerms: sessionTerms(session), ...(session.language ? { language: session.language } : {}) },
        );
      } catch (err) {
        logger.error({ err, sessionId }, 'voice interview could not start');
        room = null;
      } finally {
        starting.delete(guildId);
      }
      if (!room) return { ok: false, message: connectFailed(session.language) };
      rooms.set(sessionId, room);
      logger.info({ sessionId, guildId, channelId: found.channel.id, vad: 'listening' }, 'voice interview started');
      // Say the question that is waiting (the greeting and first question, or wherever a text interview was).
      if (session.status === 'active') void room.voice.speak(waitingQuestion(session));
      return { ok: true };
    },

    async stop(sessionId) {
      await rooms.get(sessionId)?.close();
    },

    async speak(sessionId, texts) {
      // Not awaited: the thread handler should not wait for the words to be spoken.
      void rooms.get(sessionId)?.voice.speak(texts);
    },

    isVoiceSession: (sessionId) => rooms.has(sessionId),

    transcribeAttachment: (bytes, contentType, language) =>
      transcribeAudioFile(speech, bytes, contentType, { maxBytes: c.MAX_AUDIO_BYTES, maxSeconds: c.MAX_AUDIO_SECONDS, language: language ?? c.STT_LANGUAGE }),

    room: (sessionId) => rooms.get(sessionId),

    async closeAll() {
      await Promise.all([...rooms.values()].map((r) => r.close()));
    },
  };
  return api;
}

/** Alex's latest words since the candidate last spoke: what the candidate should hear now. */
export function waitingQuestion(session: Session): string[] {
  const out: string[] = [];
  for (let i = session.transcript.length - 1; i >= 0; i--) {
    const t = session.transcript[i]!;
    if (t.role === 'candidate') break;
    if (t.kind !== 'notice') out.unshift(t.text);
  }
  return out;
}
