/** The one small surface every text-to-speech provider implements. */

export type TtsFormat = 'ogg-opus' | 'webm-opus' | 'mp3' | 'wav' | 'pcm';

export const TTS_CONTENT_TYPES: Readonly<Record<TtsFormat, string>> = {
  'ogg-opus': 'audio/ogg',
  'webm-opus': 'audio/webm',
  mp3: 'audio/mpeg',
  wav: 'audio/wav',
  pcm: 'audio/pcm',
};

export interface SynthesizeOptions {
  /** A preset name from voices.ts ('professional', 'friendly', ...); unknown or missing means the default. */
  voice?: string;
  /** The interview's language (ISO 639-1): picks a voice that speaks it, and tells XTTS which language to speak. */
  language?: string;
}

export interface SynthesisResult {
  audio: Buffer;
  format: TtsFormat;
  sampleRate?: number;
  provider: string;
  ms: number;
  /** Set by the chain when a preferred provider was skipped or failed. */
  fallbackFrom?: string;
}

export interface TextToSpeech {
  readonly name: string;
  synthesize(text: string, opts?: SynthesizeOptions, signal?: AbortSignal): Promise<SynthesisResult>;
}
