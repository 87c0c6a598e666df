/** The one small surface every speech-to-text provider implements. */

/** Compressed formats some providers take as they are (OpenAI: mp3, m4a, webm, ogg, flac). */
export const ENCODED_FORMATS = ['mp3', 'm4a', 'webm', 'ogg', 'flac'] as const;
export type EncodedFormat = (typeof ENCODED_FORMATS)[number];

export type SttAudio =
  /** WAV at any rate and channel count; converted to 16 kHz mono before it is sent. */
  | { wav: Buffer }
  /** Interleaved PCM16 (mono unless `channels` says otherwise). */
  | { pcm16: Int16Array; sampleRate: number; channels?: number }
  /** Sent as it is, only to providers whose accepts() says yes. */
  | { encoded: Buffer; format: EncodedFormat; durationS?: number };

export interface TranscribeOptions {
  /** ISO 639-1 code ('en'); a region suffix ('en-US') is dropped. */
  language?: string;
  /** Previous context (the question just asked, the answer so far): improves names and jargon. */
  prompt?: string;
  /** Overrides the model of self-hosted providers (cloud providers keep their own). */
  model?: string;
}

export interface TranscribeResult {
  text: string;
  provider: string;
  model: string;
  ms: number;
  /** Length of the audio that was sent, when known. */
  durationS?: number;
  /** Segments (or the whole text) dropped as made up on silence or noise. */
  droppedSegments?: number;
  /** Set by the chain when a preferred provider was skipped or failed. */
  fallbackFrom?: string;
}

export interface SpeechToText {
  readonly name: string;
  /** Whether an encoded (non-PCM) upload can go to this provider unchanged. */
  accepts(format: EncodedFormat): boolean;
  transcribe(audio: SttAudio, opts?: TranscribeOptions, signal?: AbortSignal): Promise<TranscribeResult>;
}
