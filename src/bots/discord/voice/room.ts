/**
 * One live voice interview in one server: the voice connection, Alex's player, the
 * candidate's receive stream, and the platform-independent VoiceInterviewSession between
 * them. It also follows the candidate (leaving the channel pauses the interview, coming
 * back resumes it) and the connection (a drop gets a few seconds to recover, then the
 * interview carries on in text in the same thread).
 */
import { entersState, VoiceConnectionStatus, type VoiceConnection, type VoiceConnectionState } from '@discordjs/voice';
import { Events, type Client, type Guild, type VoiceBasedChannel, type VoiceState } from 'discord.js';
import type { Logger } from 'pino';
import type { ConversationService } from '../../../chat/conversation.ts';
import { isUserError } from '../../../engine/errors.ts';
import type { Reply } from '../../../engine/types.ts';
import type { CreateVadOptions } from '../../../audio/vad/create.ts';
import { VoiceInterviewSession } from '../../../voice/session.ts';
import type { TranscriptEvent, VoiceSpeech } from '../../../voice/types.ts';
import type { TurnTaking } from '../../../voice/turn-config.ts';
import type { Sendable } from '../thread-send.ts';
import { connectToChannel } from './join.ts';
import { CONNECTION_LOST, joinedNote, leftNote } from './messages.ts';
import { CandidateReceiver } from './receive.ts';
import { DiscordAudioSink } from './sink.ts';
import { transcriptMessages } from './transcript-post.ts';

export interface VoiceTuning {
  endSilenceMs: number;
  nudgeAfterMs: number;
  bargeInMs: number;
  /** End of turn, barge-in words, noise gate (VOICE_TURN_*, TURN_MODEL_PATH); endSilenceMs alone when absent. */
  turnTaking?: TurnTaking;
  /** How long a dropped connection may take to start reconnecting before the interview goes to text. */
  reconnectWindowMs: number;
  /** How long joining may take. */
  readyTimeoutMs: number;
  vad?: CreateVadOptions;
}

export interface RoomDeps {
  client: Client;
  /** Answers go through the conversation layer, in turn order with the text thread's. */
  conversation: ConversationService;
  language: string;
  speech: VoiceSpeech;
  logger: Logger;
  tuning: VoiceTuning;
  voicePreset?: string;
  finish(reply: Reply, thread: Sendable): Promise<void>;
  closed(room: VoiceRoom): void;
}

export interface RoomTarget {
  guild: Guild;
  channel: VoiceBasedChannel;
  userId: string;
  candidateName: string;
  thread: Sendable;
  sessionId: string;
  /** Resume / job-description vocabulary for the transcription prompt. */
  sttTerms?: string[];
  /** The interview's language: heard and spoken in it. */
  language?: string;
}

export class VoiceRoom {
  readonly sessionId: string;
  readonly guildId: string;
  readonly userId: string;
  readonly receiver: CandidateReceiver;
  readonly voice: VoiceInterviewSession;
  private readonly deps: RoomDeps;
  private readonly connection: VoiceConnection;
  private readonly sink: DiscordAudioSink;
  private readonly thread: Sendable;
  private readonly candidateName: string;
  private readonly log: Logger;
  private posts: Promise<void> = Promise.resolve();
  private presence: Promise<void> = Promise.resolve();
  private closing: Promise<void> | null = null;
  private recovering = false;

  private constructor(deps: RoomDeps, target: RoomTarget, connection: VoiceConnection, sink: DiscordAudioSink, voice: VoiceInterviewSession, log: Logger) {
    this.deps = deps;
    this.sessionId = target.sessionId;
    this.guildId = target.guild.id;
    this.userId = target.userId;
    this.thread = target.thread;
    this.candidateName = target.candidateName;
    this.connection = connection;
    this.sink = sink;
    this.voice = voice;
    this.log = log;
    this.receiver = new CandidateReceiver(connection, target.userId, (packet) => void voice.push(target.userId, packet), log);
  }

  /** Joins the channel and starts listening; null when the connection could not be made. */
  static async open(deps: RoomDeps, target: RoomTarget): Promise<VoiceRoom | null> {
    const log = deps.logger.child({ sessionId: target.sessionId, guildId: target.guild.id });
    const connection = await connectToChannel(target.guild, target.channel, { readyTimeoutMs: deps.tuning.readyTimeoutMs, logger: log });
    if (!connection) return null;
    const sink = new DiscordAudioSink(connection, log);
    let room: VoiceRoom | null = null;
    let voice: VoiceInterviewSession;
    try {
      voice = await VoiceInterviewSession.create({
        candidateId: target.userId,
        speech: deps.speech,
        sink,
        endSilenceMs: deps.tuning.endSilenceMs,
        nudgeAfterMs: deps.tuning.nudgeAfterMs,
        bargeInMs: deps.tuning.bargeInMs,
        ...(deps.tuning.turnTaking ? await deps.tuning.turnTaking.options() : {}),
        ...(target.sttTerms ? { sttTerms: target.sttTerms } : {}),
        language: target.language ?? deps.language,
        ...(deps.voicePreset ? { voice: deps.voicePreset } : {}),
        ...(deps.tuning.vad ? { vad: deps.tuning.vad } : {}),
        logger: log,
        onAnswer: (text) => deps.conversation.handle(target.sessionId, { kind: 'answer', text }),
        onTranscript: (event) => room?.post(event),
        onFinished: (reply) => deps.finish(reply, target.thread),
      });
    } catch (e) {
      sink.close();
      connection.destroy();
      throw e;
    }
    room = new VoiceRoom(deps, target, connection, sink, voice, log);
    room.listen();
    room.postText(joinedNote(target.channel.id));
    return room;
  }

  /** The voice channel the bot is in now (it can be moved). */
  get channelId(): string | null {
    return this.connection.joinConfig.channelId;
  }

  /** Stops everything and leaves the channel. Safe to call more than once. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      this.deps.client.off(Events.VoiceStateUpdate, this.onVoiceState);
      this.connection.off('stateChange', this.onConnectionState);
      this.receiver.stop();
      await this.voice.close();
      this.sink.close();
      if (this.connection.state.status !== VoiceConnectionStatus.Destroyed) this.connection.destroy();
      await this.posts;
      this.deps.closed(this);
    })();
    return this.closing;
  }

  private listen(): void {
    this.receiver.start();
    this.connection.on('stateChange', this.onConnectionState);
    this.deps.client.on(Events.VoiceStateUpdate, this.onVoiceState);
  }

  post(event: TranscriptEvent): Promise<void> {
    const messages = transcriptMessages(event, this.candidateName);
    this.posts = this.posts.then(async () => {
      for (const m of messages) await this.thread.send(m);
    }).catch((err: unknown) => this.log.warn({ err }, 'could not post to the interview thread'));
    return this.posts;
  }

  private postText(text: string): void {
    this.posts = this.posts.then(async () => {
      await this.thread.send({ content: text, allowedMentions: { parse: [] } });
    }).catch((err: unknown) => this.log.warn({ err }, 'could not post to the interview thread'));
  }

  private readonly onConnectionState = (_before: VoiceConnectionState, after: VoiceConnectionState): void => {
    if (this.closing) return;
    if (after.status === VoiceConnectionStatus.Disconnected) void this.recover();
    else if (after.status === VoiceConnectionStatus.Destroyed) void this.lost('connection destroyed');
  };

  /**
   * A Disconnected connection that starts signalling or connecting within the window is
   * being moved or reconnected by Discord; anything else means the bot was removed.
   */
  private async recover(): Promise<void> {
    if (this.recovering) return;
    this.recovering = true;
    const ctl = new AbortController();
    const timer = setTimeout(() => ctl.abort(), this.deps.tuning.reconnectWindowMs);
    const waits = [VoiceConnectionStatus.Signalling, VoiceConnectionStatus.Connecting].map((s) => entersState(this.connection, s, ctl.signal));
    for (const w of waits) w.catch(() => undefined);
    try {
      await Promise.any(waits);
      clearTimeout(timer);
      ctl.abort();
      await entersState(this.connection, VoiceConnectionStatus.Ready, this.deps.tuning.readyTimeoutMs);
      this.log.info('voice connection recovered');
    } catch {
      clearTimeout(timer);
      if (!this.closing) await this.lost('could not reconnect');
    } finally {
      this.recovering = false;
    }
  }

  private async lost(reason: string): Promise<void> {
    if (this.closing) return;
    this.log.warn({ reason }, 'voice connection lost; the interview continues in text');
    this.postText(CONNECTION_LOST);
    await this.close();
  }

  private readonly onVoiceState = (before: VoiceState, after: VoiceState): void => {
    if (after.guild.id !== this.guildId || after.id !== this.userId || this.closing) return;
    const room = this.channelId;
    const left = before.channelId === room && after.channelId !== room;
    const joined = after.channelId === room && before.channelId !== room;
    if (!left && !joined) return;
    this.presence = this.presence.then(() => (left ? this.candidateLeft() : this.candidateReturned())).catch((err: unknown) => this.log.warn({ err }, 'voice presence change failed'));
  };

  private async candidateLeft(): Promise<void> {
    this.voice.pause();
    const reply = await this.command('pause');
    if (reply && !reply.refused) this.postText(leftNote(this.channelId ?? ''));
  }

  private async candidateReturned(): Promise<void> {
    this.voice.resume();
    const reply = await this.command('resume');
    if (reply && !reply.refused) await this.voice.present(reply);
  }

  private async command(command: 'pause' | 'resume'): Promise<Reply | null> {
    try {
      return await this.deps.conversation.handle(this.sessionId, { kind: 'command', command });
    } catch (e) {
      if (!isUserError(e)) throw e;
      this.log.info({ code: e.code, command }, 'voice presence command refused');
      return null;
    }
  }
}
