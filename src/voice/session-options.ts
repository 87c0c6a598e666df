/** How a VoiceInterviewSession is wired and tuned, and what it counts. */
import type { Logger } from 'pino';
import type { Reply } from '../engine/types.ts';
import type { CreateVadOptions } from '../audio/vad/create.ts';
import type { VoiceActivityDetector } from '../audio/vad/types.ts';
import type { SilenceClockOptions } from './silence-clock.ts';
import type { AudioSink, SpeakerPacket, TranscriptEvent, VoiceSpeech } from './types.ts';

export interface VoiceInterviewOptions {
  candidateId: string;
  speech: VoiceSpeech;
  sink: AudioSink;
  /** One engine turn for a whole spoken answer (commands such as "skip" are parsed by the engine). */
  onAnswer(text: string): Promise<Reply>;
  /** The running transcript: the candidate's answers, Alex's replies, notices. Called in order. */
  onTranscript(event: TranscriptEvent): void | Promise<void>;
  /** The interview ended (the closing reply has been spoken). */
  onFinished?(reply: Reply): void | Promise<void>;
  /** Per-speaker packets to consume; push() works too. */
  packets?: AsyncIterable<SpeakerPacket>;
  endSilenceMs?: number;
  pieceSilenceMs?: number;
  maxPieceMs?: number;
  nudgeAfterMs?: number;
  bargeInMs?: number;
  voice?: string;
  language?: string;
  vad?: VoiceActivityDetector | CreateVadOptions;
  /** Wall-clock silence reporting (Discord sends nothing during silence); false turns it off. */
  silenceClock?: SilenceClockOptions | false;
  logger?: Logger;
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
