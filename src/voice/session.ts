/**
 * A live spoken interview with one candidate, independent of the platform:
 *
 *   candidate's Opus packets -> listener (VAD, pieces, end of turn) -> STT per piece
 *   -> one joined answer -> engine turn (onAnswer) -> transcript lines (onTranscript)
 *   -> reply spoken sentence by sentence to the audio sink
 *
 * It listens only to the candidate, lets them interrupt Alex (barge-in), offers one gentle
 * nudge after a long silence, and says once, plainly, when speech falls back or stops
 * working, carrying on in text. close() releases every timer, stream and model it holds.
 */
import type { Logger } from 'pino';
import { isUserError } from '../engine/errors.ts';
import { parseCommand } from '../engine/input.ts';
import type { Reply } from '../engine/types.ts';
import { opusPacketSamples } from '../audio/opus.ts';
import type { Utterance } from '../audio/segmenter.ts';
import { AnswerTranscriber } from './answer-transcriber.ts';
import { substantiveWords } from './backchannel.ts';
import { EndOfTurnDecider } from './end-of-turn.ts';
import { CandidateListener } from './listener.ts';
import { NUDGE_TEXT, STT_FAILED_TEXT, TTS_FAILED_TEXT, TURN_FAILED_TEXT } from './notices.ts';
import type { VoiceInterviewOptions, VoiceSessionStats } from './session-options.ts';
import { SilenceClock } from './silence-clock.ts';
import { SpeechModeTracker } from './speech-mode.ts';
import { ReplySpeaker, type SpeakResult } from './speaker.ts';
import { sentencesOf } from './streamed-reply.ts';
import { namesIn } from './stt-prompt.ts';
import type { NoticeCode, SpeakerPacket, TranscriptEvent } from './types.ts';

export type { VoiceInterviewOptions, VoiceSessionStats } from './session-options.ts';

const NOTE = /^(Mode|Plan):/;

export class VoiceInterviewSession {
  readonly candidateId: string;
  private readonly opts: VoiceInterviewOptions;
  private readonly log: Logger | undefined;
  private readonly listener: CandidateListener;
  private readonly speaker: ReplySpeaker;
  private readonly clock: SilenceClock | null;
  private readonly closing = new AbortController();
  private readonly bargeInMs: number;
  private readonly bargeInWords: number;
  private readonly decider: EndOfTurnDecider;
  /** Names and products the candidate has said, for the transcription prompt. */
  private readonly names: string[] = [];
  /** Whether speech-to-text has written any punctuation in this interview (some servers never do). */
  private punctuates = false;
  private readonly nudgeAfterMs: number;
  private readonly mode: SpeechModeTracker;
  private transcriber: AnswerTranscriber | null = null;
  private turnOverlapped = false;
  private bargedIn = false;
  private turnQueue: Promise<void> = Promise.resolve();
  private postQueue: Promise<void> = Promise.resolve();
  private answering = 0;
  private context = '';
  private awaitingSince: number | null = null;
  private nudged = false;
  private paused = false;
  private finished = false;
  private closed = false;
  private fedMs = 0;
  private source: AsyncIterator<SpeakerPacket> | null = null;
  private readonly counters: VoiceSessionStats = { packets: 0, ignoredPackets: 0, turns: 0, answers: 0, bargeIns: 0, nudges: 0, dropped: 0 };

  private constructor(opts: VoiceInterviewOptions, listener: CandidateListener, decider: EndOfTurnDecider) {
    this.candidateId = opts.candidateId;
    this.opts = opts;
    this.log = opts.logger;
    this.decider = decider;
    this.bargeInMs = opts.bargeInMs ?? 700;
    this.bargeInWords = opts.bargeInWords ?? 2;
    this.nudgeAfterMs = opts.nudgeAfterMs ?? 20_000;
    this.speaker = new ReplySpeaker(opts.sink, opts.speech.tts, {
      ...(opts.voice ? { voice: opts.voice } : {}),
      ...(opts.language ? { language: opts.language } : {}),
      ...(opts.logger ? { logger: opts.logger } : {}),
      onError: () => this.mode.sayOnce('tts-failed', TTS_FAILED_TEXT),
      onIdle: (reason) => this.spokenAll(reason),
    });
    this.listener = listener;
    // Precise silence reporting matters only while an answer may be ending; otherwise the clock idles.
    this.clock = opts.silenceClock === false ? null : new SilenceClock(() => this.fedMs, (ms) => void this.pushSilence(ms), opts.silenceClock ?? {}, () => this.listener.inTurn);
    this.mode = new SpeechModeTracker(opts.speech, (code, text) => this.notice(code, text));
  }

  static async create(opts: VoiceInterviewOptions): Promise<VoiceInterviewSession> {
    let session: VoiceInterviewSession | null = null;
    const decider = new EndOfTurnDecider(opts.endOfTurn ?? (opts.endSilenceMs !== undefined ? { mode: 'fixed', silenceMs: opts.endSilenceMs } : { mode: 'adaptive' }), opts.logger);
    const listener = await CandidateListener.create(
      {
        endSilenceMs: decider.minimumMs,
        requiredSilenceMs: () => session?.requiredSilenceMs() ?? decider.maximumMs,
        // Adaptive turns need the last piece's words soon after the candidate stops.
        pieceSilenceMs: opts.pieceSilenceMs ?? (decider.mode === 'adaptive' ? Math.min(350, decider.minimumMs) : 600),
        ...(opts.maxPieceMs !== undefined ? { maxPieceMs: opts.maxPieceMs } : {}),
        ...(opts.vad ? { vad: opts.vad } : {}),
        ...(opts.logger ? { logger: opts.logger } : {}),
      },
      {
        speechStart: (at) => session?.speechStarted(at),
        speechResumed: () => decider.speechResumed(),
        piece: (u) => session?.pieceReady(u),
        turnEnd: (info) => session?.turnEnded(info.voicedMs),
        tick: (info) => session?.ticked(info.nowMs, info.voicedRunMs),
      },
    );
    session = new VoiceInterviewSession(opts, listener, decider);
    session.start();
    return session;
  }

  get stats(): VoiceSessionStats {
    return { ...this.counters };
  }

  /** Whether Alex is talking (or about to: a reply is being synthesised). */
  get speaking(): boolean {
    return this.speaker.busy;
  }

  /** One packet from someone in the channel; only the candidate is heard. */
  async push(userId: string, packet: Buffer): Promise<void> {
    if (userId !== this.candidateId) {
      this.counters.ignoredPackets++;
      return;
    }
    if (this.closed || this.paused || this.finished) return;
    this.counters.packets++;
    const ms = (opusPacketSamples(packet) || 960) / 48;
    this.clock?.packet(ms);
    this.fedMs += ms;
    try {
      await this.listener.push(packet);
    } catch (e) {
      if (!this.closed) this.log?.warn({ err: e }, 'voice packet could not be processed');
    }
  }

  /** Reports silence the platform did not send packets for. */
  async pushSilence(ms: number): Promise<void> {
    if (this.closed || this.paused || this.finished || ms <= 0) return;
    this.fedMs += ms;
    try {
      await this.listener.pushSilence(ms);
    } catch (e) {
      if (!this.closed) this.log?.warn({ err: e }, 'voice silence could not be processed');
    }
  }

  /**
   * Speaks lines that are already in the thread (the candidate typed an answer, or the
   * interview just started): the question becomes the context for the next answer.
   */
  speak(texts: string[]): Promise<SpeakResult> {
    const spoken = texts.filter((t) => t.trim() && !NOTE.test(t));
    if (spoken.length) this.context = spoken[spoken.length - 1]!;
    this.awaitingSince = null;
    this.nudged = false;
    if (this.closed || !this.mode.canSpeak()) {
      // Nothing will play, so the silence timer starts now.
      this.awaitingSince = this.listener.nowMs;
      return Promise.resolve({ packets: 0, outcome: 'dropped' });
    }
    return this.speaker.say(spoken.join('\n'));
  }

  /**
   * Posts a reply in the transcript and speaks it; a finished interview then calls onFinished
   * once the closing words have been spoken. Also for replies that did not come from speech (resume).
   */
  async present(reply: Reply, opts: { speak?: boolean; spoken?: Promise<unknown> } = {}): Promise<void> {
    this.post({ kind: 'interviewer', text: reply.messages.join('\n\n'), reply });
    const spoken = opts.spoken ?? (opts.speak === false ? Promise.resolve(null) : this.speak(reply.messages));
    if (reply.done && !reply.refused) {
      this.finished = true;
      // Not awaited by the turn queue: onFinished usually closes this session, and close() waits for that queue.
      void (async () => {
        await spoken;
        await this.postQueue;
        if (!this.closed) await this.opts.onFinished?.(reply);
      })().catch((e: unknown) => this.log?.error({ err: e }, 'finishing the voice interview failed'));
    }
  }

  /** Stops listening (the candidate left the channel); an answer in progress is dropped. */
  pause(): void {
    if (this.paused) return;
    this.paused = true;
    this.listener.discardTurn();
    this.transcriber = null;
    this.awaitingSince = null;
    this.speaker.interrupt();
  }

  resume(): void {
    if (!this.paused) return;
    this.paused = false;
    this.clock?.reanchor();
  }

  get isPaused(): boolean {
    return this.paused;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.clock?.stop();
    this.mode.stop();
    this.closing.abort(new DOMException('voice session closed', 'AbortError'));
    this.speaker.close();
    void this.source?.return?.()?.catch(() => undefined);
    await this.turnQueue.catch(() => undefined);
    await this.postQueue.catch(() => undefined);
    await this.listener.close();
  }

  private start(): void {
    this.clock?.start();
    // XTTS and OpenAI-style servers answer 24 kHz PCM/WAV: have that converter ready before the first reply.
    void this.speaker.pcm.warm(24_000).catch(() => undefined);
    this.mode.start();
    if (this.opts.packets) void this.consume(this.opts.packets);
  }

  private async consume(packets: AsyncIterable<SpeakerPacket>): Promise<void> {
    const it = packets[Symbol.asyncIterator]();
    this.source = it;
    try {
      while (!this.closed) {
        const next = await it.next();
        if (next.done) break;
        await this.push(next.value.userId, next.value.packet);
      }
    } catch (e) {
      if (!this.closed) this.log?.warn({ err: e }, 'voice packet source failed');
    }
  }

  private speechStarted(_atMs: number): void {
    this.clock?.hurry();
    if (this.paused || this.finished) return;
    this.awaitingSince = null;
    this.turnOverlapped = this.speaker.busy;
    this.bargedIn = false;
    this.decider.startTurn();
    this.transcriber = this.mode.canHear()
      ? new AnswerTranscriber(this.opts.speech.stt, {
          context: this.context,
          terms: [...this.names, ...this.terms()],
          signal: this.closing.signal,
          ...(this.opts.language ? { language: this.opts.language } : {}),
          ...(this.opts.minVoicedMs !== undefined ? { minVoicedMs: this.opts.minVoicedMs } : {}),
          onText: () => this.pieceHeard(),
        })
      : null;
  }

  private terms(): readonly string[] {
    const t = this.opts.sttTerms;
    try {
      return typeof t === 'function' ? t() : (t ?? []);
    } catch (e) {
      this.log?.warn({ err: e }, 'transcription hint terms could not be read');
      return [];
    }
  }

  private pieceReady(u: Utterance): void {
    if (this.paused || this.finished) return;
    this.decider.piece(u.audio, u.sampleRate);
    this.transcriber?.add(u);
  }

  /** The silence the answer in progress needs before Alex may speak. */
  private requiredSilenceMs(): number {
    const t = this.transcriber;
    const text = t?.textSoFar ?? '';
    if (!this.punctuates && /[.,!?]/.test(text)) this.punctuates = true;
    return this.decider.requiredSilenceMs({
      text,
      pending: t?.pending ?? 0,
      transcribing: t !== null,
      punctuates: this.punctuates,
      command: text.length > 0 && text.length < 60 && parseCommand(text) !== null,
      backchannel: this.turnOverlapped && !this.bargedIn && text.length > 0 && substantiveWords(text) === 0,
    });
  }

  /** A piece's words are back: real words over Alex stop Alex, listening noises do not. */
  private pieceHeard(): void {
    const t = this.transcriber;
    if (!t || this.paused || this.finished || this.closed) return;
    if (this.speaker.busy && this.turnOverlapped && !this.bargedIn && substantiveWords(t.textSoFar) >= this.bargeInWords) this.bargeIn('words');
    // The words may settle the end of the turn: the silence may already be long enough.
    this.listener.recheck();
  }

  private bargeIn(by: 'words' | 'speech'): void {
    this.bargedIn = true;
    this.counters.bargeIns++;
    this.log?.debug({ by }, 'barge-in: the candidate spoke over Alex');
    this.speaker.interrupt();
  }

  private ticked(nowMs: number, voicedRunMs: number): void {
    if (this.paused || this.finished || this.closed) return;
    // The detector's hangover after the last word is not speech: a short "okay" must not reach the limit on it.
    if (this.speaker.busy && this.listener.inTurn && !this.bargedIn && voicedRunMs - this.listener.detectorHangoverMs >= this.bargeInMs) this.bargeIn('speech');
    if (this.awaitingSince !== null && !this.nudged && !this.speaker.busy && !this.listener.inTurn && this.answering === 0 && this.mode.canHear() && nowMs - this.awaitingSince >= this.nudgeAfterMs) {
      this.nudged = true;
      this.awaitingSince = null;
      this.counters.nudges++;
      this.post({ kind: 'interviewer', text: NUDGE_TEXT, nudge: true });
      if (this.mode.canSpeak()) void this.speaker.say(NUDGE_TEXT);
    }
  }

  private turnEnded(voicedMs: number): void {
    const transcriber = this.transcriber;
    this.transcriber = null;
    if (this.paused || this.finished) return;
    this.counters.turns++;
    this.opts.onTurnEnd?.();
    const overlapped = this.turnOverlapped && !this.bargedIn;
    this.answering++;
    this.turnQueue = this.turnQueue
      .then(() => this.answer(transcriber, overlapped, voicedMs))
      .catch((e: unknown) => this.log?.error({ err: e }, 'voice turn failed'))
      .finally(() => {
        this.answering--;
      });
  }

  private async answer(transcriber: AnswerTranscriber | null, overlapped: boolean, voicedMs: number): Promise<void> {
    // Heard speech but cannot transcribe it: the mode notice has already asked for typed answers.
    if (!transcriber) return;
    const heard = await transcriber.finish();
    if (this.closed) return;
    if (!heard.text) {
      if (heard.failures.length) this.notice('stt-failed', STT_FAILED_TEXT);
      return;
    }
    const command = parseCommand(heard.text);
    // "Mm-hmm" while Alex talks is listening, not an answer; a short command still counts.
    if (overlapped && voicedMs < this.bargeInMs && substantiveWords(heard.text) < this.bargeInWords && !command) {
      this.counters.dropped++;
      this.log?.debug({ voicedMs }, 'short speech over Alex ignored');
      return;
    }
    if (overlapped) this.speaker.interrupt();
    this.counters.answers++;
    this.mode.forget('stt-failed');
    this.post({ kind: 'candidate', text: heard.text });
    for (const n of namesIn(heard.text)) if (!this.names.includes(n)) this.names.push(n);
    if (this.names.length > 30) this.names.splice(0, this.names.length - 30);
    if (this.opts.onAnswerStream) return this.answerStreamed(heard.text);
    let reply: Reply;
    try {
      reply = await this.opts.onAnswer(heard.text);
    } catch (e) {
      if (this.closed) return;
      this.log?.warn({ err: e }, 'engine turn failed for a spoken answer');
      this.notice('turn-failed', isUserError(e) ? e.message : TURN_FAILED_TEXT);
      return;
    }
    if (this.closed) return;
    await this.present(reply);
  }

  /** The reply is spoken sentence by sentence while it is written; the thread gets it whole once the turn is done. */
  private async answerStreamed(text: string): Promise<void> {
    let reply: Reply;
    let spoken: Promise<SpeakResult> | null = null;
    try {
      const streamed = this.opts.onAnswerStream!(text);
      this.awaitingSince = null;
      this.nudged = false;
      if (this.mode.canSpeak()) spoken = this.speaker.sayStream(sentencesOf(streamed.text));
      reply = await streamed.reply;
    } catch (e) {
      if (this.closed) return;
      this.speaker.interrupt();
      this.log?.warn({ err: e }, 'engine turn failed for a spoken answer');
      this.notice('turn-failed', isUserError(e) ? e.message : TURN_FAILED_TEXT);
      return;
    }
    if (this.closed) return;
    const lines = reply.messages.filter((t) => t.trim() && !NOTE.test(t));
    if (lines.length) this.context = lines[lines.length - 1]!;
    if (!spoken) this.awaitingSince = this.listener.nowMs;
    await this.present(reply, { spoken: spoken ?? Promise.resolve(null) });
  }

  private spokenAll(reason: 'finished' | 'interrupted'): void {
    // The silence clock for the nudge starts when Alex stops talking, not when the reply was made.
    if (reason === 'finished' && !this.listener.inTurn && !this.nudged) this.awaitingSince = this.listener.nowMs;
  }

  private notice(code: NoticeCode, text: string): void {
    this.post({ kind: 'notice', code, text });
  }

  private post(event: TranscriptEvent): void {
    if (this.closed) return;
    this.postQueue = this.postQueue
      .then(() => this.opts.onTranscript(event))
      .catch((e: unknown) => this.log?.warn({ err: e, kind: event.kind }, 'transcript line could not be posted'));
  }
}
