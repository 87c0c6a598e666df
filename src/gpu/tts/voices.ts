/**
 * Named voice presets, mapped per TTS provider in one table so a fallback keeps the
 * same character (gender, accent) when the GPU server drops out mid-interview.
 *
 * `xtts` names are the OpenAI-style voice names openedai-speech maps to XTTS speaker
 * samples in its voice_to_speaker.yaml (alloy, echo, fable, onyx, nova, shimmer); Coqui's
 * server takes them as speaker ids. `edge` names are Microsoft Edge neural voices.
 * This file imports only the language table (itself import-free) so config validation can use the names.
 */
import { LANGUAGES, type LanguageCode, languageOf } from '../../engine/language.ts';

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

/**
 * Edge neural voices per interview language, by preset: professional and calm are male
 * voices, friendly and energetic female, as in English, so a preset keeps its character
 * in every language.
 */
export const EDGE_VOICES: Readonly<Record<Exclude<LanguageCode, 'en'>, Record<VoicePreset, string>>> = {
  es: { professional: 'es-ES-AlvaroNeural', friendly: 'es-ES-ElviraNeural', calm: 'es-MX-JorgeNeural', energetic: 'es-MX-DaliaNeural' },
  pt: { professional: 'pt-BR-AntonioNeural', friendly: 'pt-BR-FranciscaNeural', calm: 'pt-PT-DuarteNeural', energetic: 'pt-PT-RaquelNeural' },
  fr: { professional: 'fr-FR-HenriNeural', friendly: 'fr-FR-DeniseNeural', calm: 'fr-CA-AntoineNeural', energetic: 'fr-FR-EloiseNeural' },
  de: { professional: 'de-DE-ConradNeural', friendly: 'de-DE-KatjaNeural', calm: 'de-DE-KillianNeural', energetic: 'de-DE-AmalaNeural' },
  it: { professional: 'it-IT-DiegoNeural', friendly: 'it-IT-ElsaNeural', calm: 'it-IT-DiegoNeural', energetic: 'it-IT-IsabellaNeural' },
  hi: { professional: 'hi-IN-MadhurNeural', friendly: 'hi-IN-SwaraNeural', calm: 'hi-IN-MadhurNeural', energetic: 'hi-IN-SwaraNeural' },
  ja: { professional: 'ja-JP-KeitaNeural', friendly: 'ja-JP-NanamiNeural', calm: 'ja-JP-KeitaNeural', energetic: 'ja-JP-NanamiNeural' },
  ko: { professional: 'ko-KR-InJoonNeural', friendly: 'ko-KR-SunHiNeural', calm: 'ko-KR-InJoonNeural', energetic: 'ko-KR-SunHiNeural' },
  zh: { professional: 'zh-CN-YunyangNeural', friendly: 'zh-CN-XiaoxiaoNeural', calm: 'zh-CN-YunxiNeural', energetic: 'zh-CN-XiaoyiNeural' },
};

/**
 * The provider's voice name for a preset in a language; an unknown or missing preset means
 * the default, an unknown or missing language English. XTTS voices are speaker samples that
 * speak any of its languages (the language travels separately), so only Edge changes voice.
 */
export function voiceFor(provider: 'xtts' | 'edge', preset: string | undefined, fallback: VoicePreset = DEFAULT_VOICE, language?: string): string {
  const p = isVoicePreset(preset) ? preset : fallback;
  const lang = languageOf(language);
  if (provider === 'edge' && lang && lang !== 'en') return EDGE_VOICES[lang][p];
  return VOICE_PRESETS[p][provider];
}

/** XTTS v2's language id for an interview language ("zh" -> "zh-cn"); undefined when none was given or it is unknown. */
export function xttsLanguage(language: string | undefined): string | undefined {
  const lang = languageOf(language);
  return lang ? LANGUAGES[lang].xtts : undefined;
}
