/**
 * TURN_MODEL_PATH: an ONNX end-of-turn model, when present, judges the end of the answer
 * instead of the transcript rules; a missing or unusable file leaves the rules in charge.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { loadTurnModel, TurnModelError, type TurnModel } from '../../src/voice/turn-model.ts';
import { turnTakingFromConfig } from '../../src/voice/turn-config.ts';
import { buildTimeline, speak, type SpokenClip } from '../audio/speech-fixtures.ts';
import { ScriptedStt, ToneTts } from './helpers/fake-speech.ts';
import { CANDIDATE, voiceHarness, type Harness } from './helpers/harness.ts';
import { constantTurnModel } from './helpers/tiny-turn-onnx.ts';

let dir: string;
let clip: SpokenClip;
const models: TurnModel[] = [];
const open: Harness[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'turn-model-'));
  writeFileSync(join(dir, 'done.onnx'), constantTurnModel(4));
  writeFileSync(join(dir, 'not-done.onnx'), constantTurnModel(-4));
  writeFileSync(join(dir, 'broken.onnx'), 'not a model');
  clip = await speak('and then I');
});
afterEach(async () => {
  for (const h of open.splice(0)) await h.session.close();
});
afterAll(async () => {
  for (const m of models) await m.close();
  rmSync(dir, { recursive: true, force: true });
});

async function load(name: string): Promise<TurnModel> {
  const m = await loadTurnModel(join(dir, name));
  models.push(m);
  return m;
}

/** Silence (ms) after the words until the answer is taken. */
async function waitFor(model: TurnModel | null, heardAs: string): Promise<number> {
  const stt = await ScriptedStt.forClips([{ ...clip, text: heardAs }]);
  const h = await voiceHarness({ stt, tts: new ToneTts() }, { endOfTurn: { mode: 'adaptive', completeMs: 600, incompleteMs: 2400, model } });
  open.push(h);
  await h.pushPackets(CANDIDATE, (await buildTimeline([{ silenceMs: 300 }, { speech: clip }])).packets);
  for (let ms = 0; ms <= 4000; ms += 20) {
    if (h.answers.length) return ms;
    await h.session.pushSilence(20);
    await h.settle();
  }
  return Infinity;
}

describe('end-of-turn model', () => {
  test('the model is asked and its verdict wins over the transcript rules', async () => {
    const done = await load('done.onnx');
    const notDone = await load('not-done.onnx');
    expect(await done.predict(new Float32Array(16_000).fill(0.1), 16_000)).toBeGreaterThan(0.9);
    // The rules would wait on "And then I..."; the model says the speaker is done.
    expect(await waitFor(done, 'And then I...')).toBeLessThanOrEqual(800);
    // The rules would end a finished sentence at once; the model says they are not done.
    expect(await waitFor(notDone, 'And then I stopped.')).toBeGreaterThanOrEqual(2200);
    expect(await waitFor(null, 'And then I stopped.')).toBeLessThanOrEqual(800);
  });

  test('a missing or broken model file is refused with the reason, and the settings fall back to the rules', async () => {
    await expect(loadTurnModel(join(dir, 'none.onnx'))).rejects.toThrow(TurnModelError);
    await expect(loadTurnModel(join(dir, 'broken.onnx'))).rejects.toThrow(/could not be loaded/);
    const opts = await turnTakingFromConfig(loadConfig({ LOG_LEVEL: 'silent', TURN_MODEL_PATH: join(dir, 'broken.onnx') })).options();
    expect(opts.endOfTurn).toMatchObject({ mode: 'adaptive', completeMs: 600, incompleteMs: 3000, model: null });
    const withModel = await turnTakingFromConfig(loadConfig({ LOG_LEVEL: 'silent', TURN_MODEL_PATH: join(dir, 'done.onnx') })).options();
    const m = (withModel.endOfTurn as { model: TurnModel | null }).model;
    expect(m).not.toBeNull();
    models.push(m!);
    const fixed = await turnTakingFromConfig(loadConfig({ LOG_LEVEL: 'silent', VOICE_TURN_MODE: 'fixed', VOICE_END_SILENCE_MS: '1500' })).options();
    expect(fixed.endOfTurn).toEqual({ mode: 'fixed', silenceMs: 1500 });
  });
});
