/**
 * The small surfaces a live voice interview talks to. Platform code (Discord today) supplies
 * packets in, an audio sink out, the engine turn, and a place to post the running transcript;
 * everything between lives in src/voice and knows nothing about the platform.
 */
import type { Reply } from '../engine/types.ts';
import type { SpeechMode } from '../gpu/stack.ts';
import type { SpeechToText } from '../gpu/stt/types.ts';
import type { TextToSpeech } from '../gpu/tts/types.ts';

/** The part of the SpeechStack a voice session needs; mode/onModeChange are optional so a bare pair works too. */
export interface VoiceSpeech {
  stt: SpeechToText;
  tts: TextToSpeech;
  mode?(): SpeechMode;
  onModeChange?(listener: (now: SpeechMode, before: SpeechMode) => void): () => void;
}

/**
 * Where Alex's voice goes. play() resolves when the packets ran out, or soon after the
 * signal aborts or stop() is called; it must not throw for a stopped playback.
 */
export interface AudioSink {
  play(opusPackets: AsyncIterable<Buffer>, signal: AbortSignal): Promise<void>;
  stop(): void;
}

export type TranscriptEvent =
  /** The candidate's whole answer, as heard. */
  | { kind: 'candidate'; text: string }
  /** What Alex says: an engine reply (with progress, buttons...), or the gentle nudge. */
  | { kind: 'interviewer'; text: string; reply?: Reply; nudge?: boolean }
  /** A plain statement about the mode (speech fell back, voice is unavailable...), posted once per change. */
  | { kind: 'notice'; text: string; code: NoticeCode };

export type NoticeCode = 'speech-fallback' | 'stt-unavailable' | 'text-only' | 'voice-restored' | 'tts-failed' | 'stt-failed' | 'turn-failed';

/** One Opus packet from one speaker, as a platform's receiver hands it out. */
export interface SpeakerPacket {
  userId: string;
  packet: Buffer;
}
