/**
 * What the voice room says about itself (speech falling back, the nudge after a silence) in
 * the interview's language, through a live voice session; English keeps its wording.
 */
import { afterEach, describe, expect, test } from 'vitest';
import type { SpeechMode } from '../../src/gpu/stack.ts';
import { MODE_NOTICES, NUDGE_TEXT } from '../../src/voice/notices.ts';
import { ScriptedStt, ToneTts } from './helpers/fake-speech.ts';
import { voiceHarness, type Harness } from './helpers/harness.ts';

const open: Harness[] = [];
afterEach(async () => {
  for (const h of open.splice(0)) await h.session.close();
});

/** A speech stack whose mode the test changes, as the real stack does when the GPU server goes. */
async function switchable(start: SpeechMode) {
  let mode = start;
  const listeners: ((now: SpeechMode, before: SpeechMode) => void)[] = [];
  return {
    speech: {
      stt: await ScriptedStt.forClips([]),
      tts: new ToneTts(),
      mode: () => mode,
      onModeChange: (l: (now: SpeechMode, before: SpeechMode) => void) => {
        listeners.push(l);
        return () => undefined;
      },
    },
    set(next: SpeechMode) {
      const before = mode;
      mode = next;
      for (const l of listeners) l(next, before);
    },
  };
}

const GPU: SpeechMode = { voice: 'gpu', stt: 'gpu-whisper', tts: 'gpu-xtts' } as SpeechMode;
const TEXT_ONLY: SpeechMode = { voice: 'text-only', stt: null, tts: null } as SpeechMode;

async function waitFor(cond: () => boolean, ms = 10_000): Promise<void> {
  const until = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('voice notices in the interview language', () => {
  test('Spanish: losing and regaining voice is announced in Spanish', async () => {
    const s = await switchable(GPU);
    const h = await voiceHarness(s.speech, { language: 'es' });
    open.push(h);
    s.set(TEXT_ONLY);
    s.set(GPU);
    await h.settle();
    const notices = h.transcript.filter((e) => e.kind === 'notice');
    expect(notices.map((n) => n.kind === 'notice' && n.code)).toEqual(['text-only', 'voice-restored']);
    expect(notices[0]!.text).toBe('La voz no está disponible ahora mismo, así que la entrevista sigue por escrito: escribe tus respuestas en este hilo.');
    expect(notices[1]!.text).toBe('La voz ha vuelto por completo: ya puedes responder en voz alta.');
  });

  test('Japanese: the nudge after a long silence is written and spoken in Japanese', async () => {
    const s = await switchable(GPU);
    const h = await voiceHarness(s.speech, { language: 'ja', nudgeAfterMs: 3000 });
    open.push(h);
    await h.session.speak(h.start.messages);
    const before = h.sink.plays.length;
    await h.silence(3500);
    await waitFor(() => h.sink.plays.length === before + 1);
    await h.settle();
    expect(h.transcript.filter((e) => e.kind === 'interviewer')).toEqual([{ kind: 'interviewer', text: 'ゆっくりで大丈夫です。質問をもう一度お伝えしましょうか？', nudge: true }]);
    expect((s.speech.tts as ToneTts).requests.at(-1)).toBe('ゆっくりで大丈夫です。質問をもう一度お伝えしましょうか？');
  });

  test('English keeps its wording', async () => {
    const s = await switchable(TEXT_ONLY);
    const h = await voiceHarness(s.speech, { nudgeAfterMs: 3000 });
    open.push(h);
    await h.settle();
    expect(h.transcript.filter((e) => e.kind === 'notice').map((n) => n.text)).toEqual([MODE_NOTICES['text-only'].text]);
    expect(NUDGE_TEXT).toBe('Take your time — would you like me to repeat the question?');
  });
});
