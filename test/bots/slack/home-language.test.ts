// Slack in the language of the user's interviews: App Home's history labels, trend line and
// bands after Spanish interviews, and the note for a file shared mid-interview in Japanese.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PHRASES } from '../../../src/engine/i18n/phrases.ts';
import { ModelTranslator } from '../../../src/engine/i18n/translator.ts';
import { LlmBrain } from '../../../src/engine/llm/llm-brain.ts';
import { MemoryKeyValueStore } from '../../../src/engine/store/memory-store.ts';
import { sessionKey } from '../../../src/bots/slack/keys.ts';
import { FAKE_TEAM_ID } from '../../fakes/slack/index.ts';
import { type Fakes, makeChain, startFakes } from '../../engine/llm/setup.ts';
import { CANDIDATE, CHANNEL, startHarness, textOf, type Harness } from './harness.ts';

const USER_KEY = `slack:${FAKE_TEAM_ID}:${CANDIDATE.id}`;
const SPANISH =
  'En mi último empleo, el servicio de pagos fallaba durante las rebajas y el equipo estaba bajo presión. Decidí revisar los registros, encontré una fuga de conexiones en el cliente de pagos y escribí la corrección. Como resultado, los errores bajaron un 85 % y aprendí a hacer pruebas de carga antes de cada temporada alta.';

describe('Slack in the interview language', () => {
  let f: Fakes;
  let h: Harness;
  beforeEach(async () => {
    f = await startFakes();
    const { chain } = makeChain(f, { withOpenAi: false });
    h = await startHarness({ engine: { brain: new LlmBrain({ chain, turnDeadlineMs: 2000 }), translator: new ModelTranslator({ chain, kv: new MemoryKeyValueStore() }), reportDeadlineMs: 3000 } });
  });
  afterEach(async () => {
    await h.close();
    await f.close();
  });

  it('after Spanish interviews the history and trend read in Spanish', async () => {
    for (let i = 0; i < 2; i++) {
      const key = `slack:${FAKE_TEAM_ID}:${CHANNEL}:1690000000.00${i}100`;
      await h.engine.start({ key, userKey: USER_KEY, userName: 'Emma', type: 'screening', language: 'es', seed: i + 1 });
      for (let turn = 0; turn < 3; turn++) await h.engine.handle(key, { kind: 'answer', text: SPANISH });
      await h.engine.handle(key, { kind: 'command', command: 'end' });
    }
    const history = await h.engine.history(USER_KEY);
    expect(history.map((e) => e.language)).toEqual(['es', 'es']);

    await h.event({ type: 'app_home_opened', user: CANDIDATE.id, channel: 'D0EMMA001', tab: 'home' });
    const text = textOf(h.fake.views(CANDIDATE.id).at(-1)!.view as never);
    expect(text).toContain('Práctica de entrevistas con');
    expect(text).toContain('*Últimas 2 entrevistas*');
    expect(text).toMatch(/\*Tendencia\* `[▁▂▃▄▅▆▇█]{2}` \(de la más antigua a la más reciente, 0-5\)/);
    expect(text).toMatch(/media \*\d\.\d\/5\* en 2 entrevistas · mejor \d\.\d/);
    expect(text).toContain('(parcial)');
    expect(text).toContain('`/interview forget` borra tu historial');
    // Each line's band is the Spanish one.
    const bands = history.map((e) => PHRASES.es.bands[e.band!]);
    for (const b of bands) expect(text).toContain(b);
    expect(text).not.toMatch(/Latest|Trend|average|oldest|partial\)|Interview practice/);
  });

  it('a file shared in a Japanese interview is turned away in Japanese', async () => {
    h.fake.addUser({ ...CANDIDATE, locale: 'ja-JP' });
    await h.command('screening');
    const parent = h.fake.messages(CHANNEL).find((m) => (!m.thread_ts || m.thread_ts === m.ts) && m.bot_id)!;
    const session = await h.session(sessionKey(FAKE_TEAM_ID, CHANNEL, parent.ts));
    expect(session!.language).toBe('ja');
    const file = h.fake.addFile({ name: 'resume.txt', bytes: 'Emma Stone, backend engineer', user: CANDIDATE.id, channel: CHANNEL });
    const share = h.fake.addMessage({ channel: CHANNEL, user: CANDIDATE.id, text: '', thread_ts: parent.ts });
    await h.event({ type: 'message', subtype: 'file_share', channel: CHANNEL, user: CANDIDATE.id, text: '', ts: share.ts, thread_ts: parent.ts, files: [{ id: file.id, name: 'resume.txt' }] });
    expect(h.fake.ephemerals(CHANNEL).at(-1)?.text).toBe('この面接はすでに質問が決まっているため、ファイルは使いませんでした。ドキュメントをもとに練習するには、`/interview customize` を開始し、そのスレッドで共有してください。');
  });
});
