/**
 * Named voice presets, mapped per TTS provider in one table so a fallback keeps the
 * same character (gender, accent) when the GPU server drops out mid-interview.
 *
 * `xtts` names are the OpenAI-style voice names openedai-speech maps to XTTS speaker
 * samples in its voice_to_speaker.yaml (alloy, echo, fable, onyx, nova, shimmer); Coqui's
 * server takes them as speaker ids. `edge` names are Microsoft Edge neural voices.
 * This file has no imports so config validation can use the names.
 */

export const VOICE_PRESET_NAMES = ['professional', 'friendly', 'calm', 'energetic'] as const;
export type VoicePreset = (typeof VOICE_PRESET_NAMES)[number];

export interface VoiceMapping {
  /** What a user sees when choosing a voice. */
  description: string;
  xtts: string;
  edge: string;
}

export const VOICE_PRESETS: Readonly<Record<VoicePreset, VoiceMapping>> = {
  professional: { description: 'measured, neutral interviewer (default)', xtts: 'onyx', edge: 'en-US-GuyNeural' },
  friendly: { description: 'warm and encouraging', xtts: 'nova', edge: 'en-US-JennyNeural' },
  calm: { description: 'slow and steady, British English', xtts: 'fable', edge: 'en-GB-RyanNeural' },
  energetic: { description: 'bright and upbeat', xtts: 'shimmer', edge: 'en-US-AriaNeural' },
};

export const DEFAULT_VOICE: VoicePreset = 'professional';

export function isVoicePreset(name: unknown): name is VoicePreset {
  return typeof name === 'string' && (VOICE_PRESET_NAMES as readonly string[]).includes(name);
}

/** The provider's voice name for a preset; an unknown or missing preset means the default. */
export function voiceFor(provider: 'xtts' | 'edge', preset: string | undefined, fallback: VoicePreset = DEFAULT_VOICE): string {
  return VOICE_PRESETS[isVoicePreset(preset) ? preset : fallback][provider];
}
