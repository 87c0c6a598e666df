/**
 * The report's own words (the "not enough to judge" text, the rules' summary) in the
 * interview's language, through the engine with the fake Gemini; English stays as it was.
 */
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { InterviewEngine } from '../../src/engine/engine.ts';
import { ModelTranslator } from '../../src/engine/i18n/translator.ts';
import { NOTICES, type NoticeSet } from '../../src/engine/i18n/notices.ts';
import { LlmBrain } from '../../src/engine/llm/llm-brain.ts';
import { MODE_NOTICES, NUDGE_TEXT, STT_FAILED_TEXT, TTS_FAILED_TEXT, TURN_FAILED_TEXT } from '../../src/voice/notices.ts';
import { summarizeHeuristically } from '../../src/engine/offline/interviewer.ts';
import { MemoryKeyValueStore } from '../../src/engine/store/memory-store.ts';
import { SessionStore } from '../../src/engine/store/session-store.ts';
import { makeEngine } from '../helpers/engine.ts';
import { interviewerResponder } from '../fakes/llm/index.ts';
import { type Fakes, makeChain, startFakes } from './llm/setup.ts';

const JAPANESE =
  '前の会社では、セール中に決済サービスが何度も止まり、チームは大きなプレッシャーを受けていました。私はログを調べ、決済クライアントの接続リークを見つけて修正しました。その結果、エラーは85%減り、繁忙期の前には必ず負荷試験をするようになりました。';

let f: Fakes;
beforeEach(async () => {
  f = await startFakes();
});
afterEach(async () => {
  await f.close();
});

const engineOn = () => {
  const kv = new MemoryKeyValueStore();
  const { chain } = makeChain(f, { withOpenAi: false });
  return new InterviewEngine({
    store: new SessionStore(kv),
    logger: pino({ level: 'silent' }),
    brain: new LlmBrain({ chain, turnDeadlineMs: 2000 }),
    translator: new ModelTranslator({ chain, kv }),
    turnDeadlineMs: 2000,
    reportDeadlineMs: 3000,
  });
};

describe('report lines in the interview language', () => {
  test('a Spanish interview ended with too little to judge says so in Spanish', async () => {
    const engine = engineOn();
    await engine.start({ key: 'thin:es', userKey: 'u', type: 'behavioral', language: 'es', seed: 4 });
    await engine.handle('thin:es', { kind: 'answer', text: 'No sé.' });
    const end = await engine.handle('thin:es', { kind: 'command', command: 'end' });
    const r = end.report ?? (await engine.getByKey('thin:es'))?.report ?? (await engine.getById(end.sessionId))!.report!;
    expect(r.notEnoughToJudge).toBe(true);
    expect(r.overall.label).toBe('Sin datos suficientes para evaluar');
    expect(r.summary).toMatch(/^Sin datos suficientes para evaluar: la entrevista tiene muy pocas respuestas reales/);
    expect(r.summary).not.toMatch(/Not enough to judge|Try again/);
    expect(r.improvements.join(' ')).not.toMatch(/Answer a few questions/);
  });

  test('when the model cannot summarise a Japanese interview, the rules write the summary in Japanese with translated competency names', async () => {
    const engine = engineOn();
    await engine.start({ key: 'rules:ja', userKey: 'u', type: 'behavioral', language: 'ja', seed: 3 });
    await engine.handle('rules:ja', { kind: 'answer', text: JAPANESE });
    await engine.handle('rules:ja', { kind: 'answer', text: JAPANESE.replace('前の会社では', '二年前のプロジェクトでも') });
    const base = interviewerResponder();
    f.gemini.respond((req) => (req.purpose === 'summary' ? { kind: 'server_error' } : base(req)));
    const end = await engine.handle('rules:ja', { kind: 'command', command: 'end' });
    const s = await engine.getById(end.sessionId);
    const r = s!.report!;
    expect(s!.calls.some((c) => c.purpose === 'summary' && c.provider === 'offline')).toBe(true);
    expect(r.summary).toMatch(/問中\d+問に回答しました。/);
    expect(r.summary).toMatch(/組み込みのルール/);
    expect(r.summary).not.toMatch(/Scores come from|You answered/);
    // The competencies it names are the translated labels (the fake translates as "[Japanese] <English>").
    const named = [...r.summary.matchAll(/「([^」]+)」/gu)].map((m) => m[1]!);
    expect(named).toHaveLength(2);
    for (const n of named) expect(Object.values(s!.competencyLabels ?? {})).toContain(n);
  });

  test('a Spanish summary from the rules, unit by unit; English is unchanged', () => {
    const q = (competency: string, score: number) => ({
      question: { id: competency, text: 'q', competency, source: { kind: 'bank' as const } } as never,
      status: 'answered',
      score: { score, evidence: [], strengths: [], improvements: [], scoredBy: 'heuristic', heuristic: true } as never,
    });
    const input = { type: 'behavioral' as const, role: 'x', questions: [q('conflict-resolution', 4), q('ownership', 2)] };
    const es = summarizeHeuristically({ ...input, language: 'es', competencyLabels: { 'conflict-resolution': 'resolución de conflictos', ownership: 'responsabilidad' } });
    expect(es.summary).toBe(
      'Respondiste 2 de 2 preguntas. Tu mejor respuesta fue sobre resolución de conflictos; la más floja, sobre responsabilidad. Las puntuaciones vienen de las reglas integradas (qué partes cubrió cada respuesta, cómo las explicó o respaldó y si respondió a la pregunta), no de un modelo de lenguaje.',
    );
    expect(summarizeHeuristically({ ...input, language: 'en' }).summary).toBe(
      'You answered 2 of 2 questions. Your strongest answer was on conflict resolution; the weakest on ownership. Scores come from the built-in rules (which parts each answer covered, how it explained or backed them, and whether it answered the question), not a language model.',
    );
  });

  test('an English interview keeps its English thin-report text', async () => {
    const { engine } = makeEngine();
    await engine.start({ key: 'thin:en', userKey: 'u', type: 'screening', seed: 1 });
    const end = await engine.handle('thin:en', { kind: 'command', command: 'end' });
    const r = (await engine.getById(end.sessionId))!.report!;
    expect(r.summary).toBe('Not enough to judge: the interview has too few real answers to assess. Try again and answer at least a couple of questions in full.');
    expect(r.improvements).toEqual(['Answer a few questions in full sentences with a real example, so there is something to assess.']);
  });
});

describe('the hand-written table', () => {
  /** Every line of a set, functions called with sample arguments. */
  const lines = (set: NoticeSet): string[] => {
    const out: string[] = [];
    const walk = (v: unknown): void => {
      if (typeof v === 'string') out.push(v);
      else if (typeof v === 'function') out.push(String((v as (...a: unknown[]) => unknown)('X', 2, true)));
      else if (v && typeof v === 'object') for (const x of Object.values(v)) walk(x);
    };
    walk(set);
    return out;
  };

  test('all nine other languages have every line, none of them left in English', () => {
    expect(Object.keys(NOTICES).sort()).toEqual(['de', 'es', 'fr', 'hi', 'it', 'ja', 'ko', 'pt', 'zh']);
    const english = [NUDGE_TEXT, STT_FAILED_TEXT, TTS_FAILED_TEXT, TURN_FAILED_TEXT, ...Object.values(MODE_NOTICES).map((m) => m.text)];
    for (const [lang, set] of Object.entries(NOTICES)) {
      for (const line of lines(set)) {
        expect(line.trim().length, lang).toBeGreaterThan(0);
        expect(english, `${lang}: ${line}`).not.toContain(line);
        // Sentences of plain English words (beyond names such as Voice, Edge TTS, Whisper and commands) would be a miss.
        expect(line.replace(/`[^`]*`|\/interview[\w :.-]*/g, ''), lang).not.toMatch(/\b(the|your|please|you|and|answer|could)\b/);
      }
    }
  });
});
