/** How a VoiceInterviewSession is wired and tuned, and what it counts. */
import type { Logger } from 'pino';
import type { Reply } from '../engine/types.ts';
import type { CreateVadOptions } from '../audio/vad/create.ts';
import type { VoiceActivityDetector } from '../audio/vad/types.ts';
import type { EndOfTurnOptions } from './end-of-turn.ts';
import type { SilenceClockOptions } from './silence-clock.ts';
import type { AudioSink, SpeakerPacket, TranscriptEvent, VoiceSpeech } from './types.ts';

export interface VoiceInterviewOptions {
  candidateId: string;
  speech: VoiceSpeech;
  sink: AudioSink;
  /** One engine turn for a whole spoken answer (commands such as "skip" are parsed by the engine). */
  onAnswer(text: string): Promise<Reply>;
  /**
   * The same turn with the reply's words streamed as the model writes them: when given, it is
   * used instead of onAnswer, and Alex starts speaking at the first complete sentence. `text`
   * is what Alex says (the engine's reply.messages, written out); `reply` settles when the
   * turn is done and saved, whether or not all of `text` was read (a barge-in stops reading).
   */
  onAnswerStream?(text: string): StreamedReply;
  /** Observes each end of turn (metrics, benchmarks). */
  onTurnEnd?(): void;
  /** The running transcript: the candidate's answers, Alex's replies, notices. Called in order. */
  onTranscript(event: TranscriptEvent): void | Promise<void>;
  /** The interview ended (the closing reply has been spoken). */
  onFinished?(reply: Reply): void | Promise<void>;
  /** Per-speaker packets to consume; push() works too. */
  packets?: AsyncIterable<SpeakerPacket>;
  /** How the end of an answer is decided (default: adaptive, with its default timings). */
  endOfTurn?: EndOfTurnOptions;
  /** Fixed end-of-turn silence; used when endOfTurn is not given. */
  endSilenceMs?: number;
  /** Pause at which a piece is cut and transcribed (default 350 ms adaptive, 600 ms fixed). */
  pieceSilenceMs?: number;
  maxPieceMs?: number;
  nudgeAfterMs?: number;
  /** Speech over Alex that stops Alex (default 700 ms)... */
  bargeInMs?: number;
  /** ...or this many words that are not listening noises (default 2). */
  bargeInWords?: number;
  /** Pieces with less detected speech are never transcribed (default 200 ms). */
  minVoicedMs?: number;
  /** Resume / job-description terms for the transcription prompt. */
  sttTerms?: readonly string[] | (() => readonly string[]);
  voice?: string;
  language?: string;
  vad?: VoiceActivityDetector | CreateVadOptions;
  /** Wall-clock silence reporting (Discord sends nothing during silence); false turns it off. */
  silenceClock?: SilenceClockOptions | false;
  logger?: Logger;
}

export interface StreamedReply {
  text: AsyncIterable<string>;
  reply: Promise<Reply>;
}

export interface VoiceSessionStats {
  packets: number;
  ignoredPackets: number;
  turns: number;
  answers: number;
  bargeIns: number;
  nudges: number;
  dropped: number;
}
