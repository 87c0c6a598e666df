import pino from 'pino';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { InterviewEngine } from '../../src/engine/engine.ts';
import { isUserError } from '../../src/engine/errors.ts';
import { PHRASES } from '../../src/engine/i18n/phrases.ts';
import { parseCommand } from '../../src/engine/input.ts';
import { ModelTranslator } from '../../src/engine/i18n/translator.ts';
import { languageFromLocale, languageOf } from '../../src/engine/language.ts';
import { LlmBrain } from '../../src/engine/llm/llm-brain.ts';
import { analyzeAnswer } from '../../src/engine/offline/analyze.ts';
import { guardScore, isQuoteOf } from '../../src/engine/scoring/model.ts';
import { MemoryKeyValueStore } from '../../src/engine/store/memory-store.ts';
import { SessionStore } from '../../src/engine/store/session-store.ts';
import { makeEngine, STRONG_BEHAVIORAL } from '../helpers/engine.ts';
import { CONFLICT_Q } from './llm/fixtures.ts';
import { interviewerResponder } from '../fakes/llm/index.ts';
import { type Fakes, makeChain, startFakes } from './llm/setup.ts';

/** Real answers in four scripts, each long enough to judge. */
const ANSWERS = {
  accented: 'En mi último empleo, el servicio de pagos fallaba durante las rebajas y el equipo estaba bajo presión. Decidí revisar los registros, encontré una fuga de conexiones en el cliente de pagos y escribí la corrección. Como resultado, los errores bajaron un 85 % y aprendí a hacer pruebas de carga antes de cada temporada alta.',
  devanagari: 'मेरी पिछली कंपनी में भुगतान सेवा सेल के दौरान बार-बार बंद हो जाती थी और टीम पर बहुत दबाव था। मैंने लॉग देखे, भुगतान क्लाइंट में कनेक्शन लीक ढूँढा और उसे ठीक किया। इसके बाद त्रुटियाँ पचासी प्रतिशत कम हो गईं और मैंने हर बड़े सीज़न से पहले लोड टेस्ट करना सीखा।',
  japanese: '前の会社では、セール中に決済サービスが何度も止まり、チームは大きなプレッシャーを受けていました。私はログを調べ、決済クライアントの接続リークを見つけて修正しました。その結果、エラーは85%減り、繁忙期の前には必ず負荷試験をするようになりました。',
  chinese: '在我上一家公司，促销期间支付服务经常宕机，团队压力很大。我查看了日志，发现支付客户端存在连接泄漏，并亲自修复了它。结果错误减少了百分之八十五，我也学会了在每个高峰季之前做压力测试。',
};
/** A phrase copied from each answer, and one that is a paraphrase (not the candidate's words). */
const QUOTES = {
  accented: { real: 'encontré una fuga de conexiones en el cliente de pagos', fake: 'encontré un error de conexión en el cliente' },
  devanagari: { real: 'भुगतान क्लाइंट में कनेक्शन लीक ढूँढा', fake: 'भुगतान सर्वर में मेमोरी लीक ढूँढा' },
  japanese: { real: '決済クライアントの接続リークを見つけて修正しました', fake: '決済サーバーのメモリリークを直しました' },
  chinese: { real: '发现支付客户端存在连接泄漏', fake: '发现支付服务器存在内存泄漏' },
};

describe('choosing the language', () => {
  test('codes, locales and names are understood; anything else is not', () => {
    expect(languageOf('es')).toBe('es');
    expect(languageOf('pt-BR')).toBe('pt');
    expect(languageOf('zh_CN')).toBe('zh');
    expect(languageOf('Japanese')).toBe('ja');
    expect(languageOf('Deutsch')).toBe('de');
    expect(languageOf('xx')).toBeUndefined();
    expect(languageOf('klingon')).toBeUndefined();
    // A platform locale outside the list falls back to English rather than failing.
    expect(languageFromLocale('ja')).toBe('ja');
    expect(languageFromLocale('es-ES')).toBe('es');
    expect(languageFromLocale('sv-SE')).toBe('en');
  });

  test('an unknown language code is refused with the list of choices, and nothing starts', async () => {
    const { engine } = makeEngine();
    const err = await engine.start({ key: 'l:1', userKey: 'u', type: 'screening', language: 'xx' }).catch((e: unknown) => e);
    expect(isUserError(err)).toBe(true);
    expect((err as { code: string }).code).toBe('unknown_language');
    expect((err as Error).message).toContain('"xx"');
    expect((err as Error).message).toContain('es (Español)');
    expect(await engine.getByKey('l:1')).toBeUndefined();
  });
});

describe('commands in the interview languages', () => {
  test('skip, repeat, pause, resume and end work said in each language, and are not mistaken in answers', () => {
    const cases: [string, string][] = [
      ['Saltar', 'skip'], ['¿Repetir?', 'repeat'], ['Pausa.', 'pause'], ['terminar', 'end'],
      ['Próxima pergunta', 'next'], ['répéter', 'repeat'], ['Weiter', 'next'], ['Beenden!', 'end'], ['ripeti', 'repeat'],
      ['दोहराएं', 'repeat'], ['スキップ', 'skip'], ['もう一度。', 'repeat'], ['다시', 'repeat'], ['종료', 'end'], ['跳过', 'skip'], ['结束面试。', 'end'],
    ];
    for (const [said, command] of cases) expect(parseCommand(said), said).toBe(command);
    expect(parseCommand('Decidí terminar el proyecto antes de tiempo.')).toBeNull();
    // The words Alex names in each language's greeting and pause message are the ones that work.
    for (const [lang, p] of Object.entries(PHRASES)) {
      const text = `${p.greeting({ role: 'x', type: 'y', questions: 1, minutes: 1 })} ${p.paused}`;
      const named = [...text.matchAll(/["«„「]\s?([^"»“」]+?)\s?["»“」]/gu)].map((m) => m[1]!);
      expect(named.map((w) => parseCommand(w)), lang).toEqual(['skip', 'repeat', 'pause', 'end', 'resume']);
    }
    expect(parseCommand('もう一度同じ方法を試しました。')).toBeNull();
  });
});

describe('without any language model', () => {
  test('says in the language asked for that it runs in English only, and asks; yes continues in English', async () => {
    const { engine } = makeEngine();
    const start = await engine.start({ key: 'o:1', userKey: 'u', type: 'behavioral', language: 'es', seed: 5 });
    expect(start.messages).toHaveLength(1);
    expect(start.messages[0]).toMatch(/solo puedo hacer esta entrevista en inglés/);
    expect(start.messages[0]).toMatch(/¿Quieres continuar en inglés\?/);
    let s = await engine.getByKey('o:1');
    // Nothing switched yet: the session is still Spanish and no question was asked.
    expect(s!.language).toBe('es');
    expect(s!.transcript.some((t) => t.kind === 'question')).toBe(false);

    const unclear = await engine.handle('o:1', { kind: 'answer', text: 'What do you mean?' });
    expect(unclear.messages[0]).toMatch(/Responde sí para continuar en inglés/);

    const yes = await engine.handle('o:1', { kind: 'answer', text: 'Sí.' });
    expect(yes.messages[0]).toMatch(/I'm Alex/);
    expect(yes.messages.at(-1)).toContain(s!.plan[0]!.text);
    s = await engine.getByKey('o:1');
    expect(s!.language).toBe('en');
    expect(s!.requestedLanguage).toBe('es');
    const next = await engine.handle('o:1', { kind: 'answer', text: STRONG_BEHAVIORAL });
    expect(next.refused).toBeUndefined();
  });

  test('no ends it, in that language, without a single question', async () => {
    const { engine } = makeEngine();
    await engine.start({ key: 'o:2', userKey: 'u', type: 'screening', language: 'ja' });
    const no = await engine.handle('o:2', { kind: 'answer', text: 'いいえ' });
    expect(no.done).toBe(true);
    expect(no.status).toBe('ended');
    expect(no.messages[0]).toMatch(/面接は始めません/);
    expect(await engine.getByKey('o:2')).toBeUndefined();
  });

  test('English needs no question', async () => {
    const { engine } = makeEngine();
    const start = await engine.start({ key: 'o:3', userKey: 'u', type: 'screening', language: 'en' });
    expect(start.messages[0]).toMatch(/I'm Alex/);
  });
});

describe('evidence is the candidate\'s own words, in any script', () => {
  for (const [script, answer] of Object.entries(ANSWERS) as [keyof typeof ANSWERS, string][]) {
    test(`${script}: a verbatim phrase is evidence, a paraphrase is not`, () => {
      const q = QUOTES[script];
      expect(isQuoteOf(answer, q.real)).toBe(true);
      expect(isQuoteOf(answer, q.fake)).toBe(false);
      // Decomposed characters (how some models send accents and vowel signs) still match.
      expect(isQuoteOf(answer, q.real.normalize('NFD'))).toBe(true);
      // The answer is real language, long enough to judge: not gibberish, not "too short".
      const a = analyzeAnswer(answer);
      expect(a.gibberish).toBe(false);
      expect(a.words).toBeGreaterThanOrEqual(25);

      const rubric = CONFLICT_Q.rubric;
      const out = { items: rubric.map((r, i) => ({ id: r.id, score: 4, evidence: i === 0 ? q.fake : q.real })), strengths: ['s'], improvements: ['i'] };
      const lang = ({ accented: 'es', devanagari: 'hi', japanese: 'ja', chinese: 'zh' } as const)[script];
      const scored = guardScore(CONFLICT_Q, answer, out, 'gemini/test', { language: lang });
      expect(scored.items[0]!.evidence).toBe('');
      expect(scored.items[0]!.score).toBeLessThanOrEqual(2);
      expect(scored.items[1]!.evidence).toBe(q.real);
      expect(scored.items[1]!.score).toBe(4);
    });
  }

  test('mashed keys in another script are still gibberish', () => {
    expect(analyzeAnswer('ああああああああああ').gibberish).toBe(true);
  });
});

describe('with a language model', () => {
  let f: Fakes;
  beforeEach(async () => {
    f = await startFakes();
  });
  afterEach(async () => {
    await f.close();
  });

  const engineOn = (kv: MemoryKeyValueStore) => {
    const { chain } = makeChain(f, { withOpenAi: false });
    return new InterviewEngine({
      store: new SessionStore(kv),
      logger: pino({ level: 'silent' }),
      brain: new LlmBrain({ chain, turnDeadlineMs: 2000 }),
      translator: new ModelTranslator({ chain, kv }),
      modeNotes: () => ['Mode: Gemini gemini-2.5-flash, with the offline interviewer as fallback.'],
      turnDeadlineMs: 2000,
      reportDeadlineMs: 3000,
    });
  };
  const translateCalls = () => f.gemini.requests.filter((r) => r.purpose === 'translate').length;

  test('bank questions are translated once per language: the second interview makes no translation call', async () => {
    const kv = new MemoryKeyValueStore();
    const engine = engineOn(kv);
    const first = await engine.start({ key: 't:1', userKey: 'u', type: 'behavioral', language: 'ja', seed: 11 });
    expect(translateCalls()).toBe(1);
    const req = f.gemini.requests.find((r) => r.purpose === 'translate')!;
    expect(req.promptText).toMatch(/into Japanese/);
    const s1 = await engine.getByKey('t:1');
    // The questions are what the model gave, and the English is kept beside them.
    for (const q of s1!.plan) {
      expect(q.text).toBe(`[Japanese] ${q.english}`);
    }
    expect(first.messages.at(-1)).toContain(s1!.plan[0]!.text);
    // The opening mode line is translated too, keeping its tag.
    expect(first.messages.find((m) => m.startsWith('Mode:'))).toMatch(/^Mode: \[Japanese\]/);
    expect(s1!.competencyLabels?.[s1!.plan[0]!.competency]).toMatch(/^\[Japanese\] /);

    // A new engine on the same store (as after a restart, or another replica): all from the cache.
    const again = engineOn(kv);
    await again.start({ key: 't:2', userKey: 'u2', type: 'behavioral', language: 'ja', seed: 11 });
    expect(translateCalls()).toBe(1);
    const s2 = await again.getByKey('t:2');
    expect(s2!.plan.map((q) => q.text)).toEqual(s1!.plan.map((q) => q.text));

    // Another language is its own translation.
    await again.start({ key: 't:3', userKey: 'u3', type: 'behavioral', language: 'es', seed: 11 });
    expect(translateCalls()).toBe(2);
  });

  test('a Japanese answer is scored by the model with verbatim evidence, not dismissed as unreadable', async () => {
    const kv = new MemoryKeyValueStore();
    const engine = engineOn(kv);
    await engine.start({ key: 'j:1', userKey: 'u', type: 'behavioral', language: 'ja', seed: 3 });
    const r = await engine.handle('j:1', { kind: 'answer', text: ANSWERS.japanese });
    expect(r.refused).toBeUndefined();
    const react = f.gemini.requests.filter((x) => x.purpose === 'react');
    expect(react.at(-1)!.promptText).toMatch(/conducted in Japanese, not English/);
    // The reply is the model's Japanese, as given.
    expect(r.messages[0]).toContain('ありがとうございます');
    await engine.handle('j:1', { kind: 'answer', text: ANSWERS.japanese.replace('前の会社では', '二年前のプロジェクトでも') });
    await engine.handle('j:1', { kind: 'command', command: 'end' });
    const s = await engine.getById(r.sessionId);
    const sc = s!.answers[0]!.score!;
    expect(sc.heuristic).toBe(false);
    expect(sc.evidence.length).toBeGreaterThan(0);
    for (const e of sc.evidence) expect(ANSWERS.japanese).toContain(e.replace(/…$/, ''));
    expect(s!.report!.language).toBe('ja');
    expect(s!.report!.summary).toMatch(/具体的な成果/);
  });

  test('when the model fails mid-interview the rules do not switch to English: the next question follows in the language', async () => {
    const kv = new MemoryKeyValueStore();
    const engine = engineOn(kv);
    await engine.start({ key: 'fb:1', userKey: 'u', type: 'behavioral', language: 'es', seed: 2 });
    const base = interviewerResponder();
    f.gemini.respond((req) => (req.purpose === 'react' ? { kind: 'server_error' } : base(req)));
    const r = await engine.handle('fb:1', { kind: 'answer', text: ANSWERS.accented });
    const s = await engine.getByKey('fb:1');
    expect(s!.calls.some((c) => c.purpose === 'react' && c.provider === 'offline' && c.fallbackFrom?.length)).toBe(true);
    // No English acknowledgement or follow-up: just the next question, introduced in Spanish.
    expect(r.messages).toEqual([`Siguiente pregunta. ${s!.plan[1]!.text}`]);
  });
});
