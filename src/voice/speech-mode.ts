/**
 * What the speech stack can do right now, and telling the candidate about it: each change
 * of mode (fallback voices, no transcription, text only, back to full voice) is said once,
 * plainly; passing failures (a reply that could not be spoken) are said once per mode.
 */
import type { SpeechMode } from '../gpu/stack.ts';
import { voiceLines, type VoiceLines } from './notices.ts';
import type { NoticeCode, VoiceSpeech } from './types.ts';

export class SpeechModeTracker {
  private readonly speech: VoiceSpeech;
  private readonly say: (code: NoticeCode, text: string) => void;
  private announced: SpeechMode['voice'] | null = null;
  private readonly once = new Set<NoticeCode>();
  private unsubscribe: () => void = () => undefined;
  private readonly lines: VoiceLines;

  constructor(speech: VoiceSpeech, say: (code: NoticeCode, text: string) => void, language?: string) {
    this.speech = speech;
    this.say = say;
    this.lines = voiceLines(language);
  }

  /** Subscribes to changes and states a degraded starting mode (full voice needs no notice). */
  start(): void {
    this.unsubscribe = this.speech.onModeChange?.((now) => this.changed(now)) ?? (() => undefined);
    const mode = this.speech.mode?.();
    if (!mode) return;
    this.announced = mode.voice;
    if (mode.voice !== 'gpu') {
      const n = this.lines.mode(mode.voice);
      this.say(n.code, n.text);
    }
  }

  stop(): void {
    this.unsubscribe();
  }

  /** Speech can be transcribed (unknown counts as yes: a bare STT/TTS pair is simply tried). */
  canHear(): boolean {
    const m = this.speech.mode?.();
    return !m || m.stt !== null;
  }

  canSpeak(): boolean {
    const m = this.speech.mode?.();
    return !m || m.tts !== null;
  }

  /** A notice said at most once until the mode changes (or forget() is called for it). */
  sayOnce(code: NoticeCode, text: string): void {
    if (this.once.has(code)) return;
    this.once.add(code);
    this.say(code, text);
  }

  forget(code: NoticeCode): void {
    this.once.delete(code);
  }

  private changed(now: SpeechMode): void {
    if (now.voice === this.announced) return;
    this.announced = now.voice;
    this.once.clear();
    const n = this.lines.mode(now.voice);
    this.say(n.code, n.text);
  }
}
