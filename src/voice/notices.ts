/** What a voice interview says about itself: the plain lines for mode changes and the nudge. */
import type { VoiceMode } from '../gpu/stack.ts';
import { noticesFor, type NoticeSet } from '../engine/i18n/notices.ts';
import type { NoticeCode } from './types.ts';

export const NUDGE_TEXT = 'Take your time — would you like me to repeat the question?';

export const MODE_NOTICES: Record<VoiceMode, { code: NoticeCode; text: string }> = {
  gpu: { code: 'voice-restored', text: 'Voice is fully back: you can answer out loud again.' },
  'cloud-stt+edge-tts': {
    code: 'speech-fallback',
    text: "The speech server is down, so I've switched to backup speech services. The interview carries on; my voice may sound a little different.",
  },
  'edge-tts': {
    code: 'stt-unavailable',
    text: "I can't transcribe speech right now, so please type your answers in this thread. I'll keep reading the questions aloud.",
  },
  'text-only': {
    code: 'text-only',
    text: "Voice isn't available right now, so the interview continues in text: please type your answers in this thread.",
  },
};

export const STT_FAILED_TEXT = "I couldn't make out that answer (speech-to-text failed). Could you say it again, or type it in this thread?";
export const TTS_FAILED_TEXT = "I can't speak right now, so I'll write my questions here in the thread. You can keep answering out loud.";
export const TURN_FAILED_TEXT = 'Something went wrong recording that answer. Could you say it again?';

/** The voice lines in the interview's language (English for English or an unknown code). */
export interface VoiceLines {
  nudge: string;
  mode(voice: VoiceMode): { code: NoticeCode; text: string };
  sttFailed: string;
  ttsFailed: string;
  turnFailed: string;
}

export function voiceLines(language?: string): VoiceLines {
  const t: NoticeSet | undefined = noticesFor(language);
  if (!t) return { nudge: NUDGE_TEXT, mode: (v) => MODE_NOTICES[v], sttFailed: STT_FAILED_TEXT, ttsFailed: TTS_FAILED_TEXT, turnFailed: TURN_FAILED_TEXT };
  return { nudge: t.nudge, mode: (v) => ({ code: MODE_NOTICES[v].code, text: t.modes[v] }), sttFailed: t.sttFailed, ttsFailed: t.ttsFailed, turnFailed: t.turnFailed };
}
