// App Home in the language of the user's interviews: the history list's labels, the trend
// line and the bands are Spanish after Spanish interviews; English users see English.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PHRASES } from '../../../src/engine/i18n/phrases.ts';
import { ModelTranslator } from '../../../src/engine/i18n/translator.ts';
import { LlmBrain } from '../../../src/engine/llm/llm-brain.ts';
import { MemoryKeyValueStore } from '../../../src/engine/store/memory-store.ts';
import { FAKE_TEAM_ID } from '../../fakes/slack/index.ts';
import { type Fakes, makeChain, startFakes } from '../../engine/llm/setup.ts';
import { CANDIDATE, CHANNEL, startHarness, textOf, type Harness } from './harness.ts';

const USER_KEY = `slack:${FAKE_TEAM_ID}:${CANDIDATE.id}`;
const SPANISH =
  'En mi último empleo, el servicio de pagos fallaba durante las rebajas y el equipo estaba bajo presión. Decidí revisar los registros, encontré una fuga de conexiones en el cliente de pagos y escribí la corrección. Como resultado, los errores bajaron un 85 % y aprendí a hacer pruebas de carga antes de cada temporada alta.';

describe('Slack App Home in the interview language', () => {
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
});
