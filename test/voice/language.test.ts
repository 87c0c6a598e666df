/**
 * Speech in the interview's language: a Portuguese spoken answer through the real speech
 * stack (the OpenAI client against the fake GPU speech server) and the voice pipeline.
 */
import { afterEach, describe, expect, test } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import type { Reply } from '../../src/engine/types.ts';
import { LANGUAGE_CODES } from '../../src/engine/language.ts';
import { GpuHealth } from '../../src/gpu/health.ts';
import { createSpeechStack } from '../../src/gpu/stack.ts';
import { EDGE_VOICES, VOICE_PRESET_NAMES, voiceFor, xttsLanguage } from '../../src/gpu/tts/voices.ts';
import { FakeSpeechServer } from '../fakes/speech/index.ts';
import { buildTimeline, speak } from '../audio/speech-fixtures.ts';
import { CANDIDATE, voiceHarness } from './helpers/harness.ts';

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

const PT_REPLY = 'Obrigado, isso me dá uma ideia clara do que você fez. Próxima pergunta. Conte sobre um conflito com um colega.';

describe('a Portuguese voice answer', () => {
  test('the transcription request carries language=pt and the reply is spoken by a Portuguese voice', async () => {
    const gpu = await new FakeSpeechServer().start();
    cleanup.push(() => gpu.stop());
    gpu.transcript = 'Eu liderei a migração do serviço de pagamentos e reduzimos os erros em oitenta por cento.';
    const config = loadConfig({ LOG_LEVEL: 'silent', EDGE_TTS_ENABLED: 'false', GPU_SERVER_URL: gpu.url, STT_TIMEOUT_MS: '3000', TTS_TIMEOUT_MS: '3000' });
    const health = new GpuHealth({ url: gpu.url, intervalMs: 60_000, timeoutMs: 1000, confirmDelayMs: 10 });
    const stack = createSpeechStack({ config, health, backoffMs: 10 });
    await health.check();

    // The interviewer's Portuguese reply (what a model gives in a Portuguese interview).
    const reply: Reply = { sessionId: 's', key: 'k', messages: [PT_REPLY], progress: { current: 2, total: 6, label: 'Question 2 of 6' }, actions: [], status: 'active', done: false };
    const h = await voiceHarness(stack, { language: 'pt', replyOverride: () => reply });
    cleanup.push(() => h.session.close());
    const clip = await speak('Eu liderei a migração do serviço de pagamentos.', ['-v', 'pt']);
    const tl = await buildTimeline([{ silenceMs: 300 }, { speech: clip }, { silenceMs: 1500 }]);
    const replied = h.nextReply();
    await h.pushPackets(CANDIDATE, tl.packets);
    await replied;
    await h.settle();

    expect(h.answers[0]).toBe(gpu.transcript);
    expect(gpu.transcriptions.length).toBeGreaterThan(0);
    for (const t of gpu.transcriptions) expect(t.fields.language).toBe('pt');
    const spoken = gpu.speechRequests.filter((r) => PT_REPLY.includes(r.body.input ?? '\u0000'));
    expect(spoken.length).toBeGreaterThan(0);
    for (const r of spoken) expect(r.body.language).toBe('pt');
  });
});

describe('voices per language', () => {
  test('every interview language has an Edge voice per preset, in that language', () => {
    for (const lang of LANGUAGE_CODES) {
      for (const preset of VOICE_PRESET_NAMES) {
        const v = voiceFor('edge', preset, undefined, lang);
        expect(v, `${lang}/${preset}`).toMatch(lang === 'en' ? /^en-/ : new RegExp(`^${lang}-`));
      }
    }
    expect(voiceFor('edge', 'friendly', undefined, 'pt-BR')).toBe(EDGE_VOICES.pt.friendly);
    // Without a language (or an unknown one) the English voices stay.
    expect(voiceFor('edge', 'professional')).toBe('en-US-GuyNeural');
    expect(voiceFor('edge', 'professional', undefined, 'sv')).toBe('en-US-GuyNeural');
  });

  test('XTTS is told the language in its own ids', () => {
    expect(xttsLanguage('zh')).toBe('zh-cn');
    expect(xttsLanguage('pt-BR')).toBe('pt');
    expect(xttsLanguage(undefined)).toBeUndefined();
  });
});
