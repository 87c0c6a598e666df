/**
 * Speaking while the model writes: the first sentence is synthesised as soon as it is
 * complete, sentences are spoken in order, and the thread and the interview hold the whole reply.
 */
import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import type { Reply } from '../../src/engine/types.ts';
import { SentenceAccumulator } from '../../src/gpu/tts/sentences.ts';
import { buildTimeline, speak, type SpokenClip } from '../audio/speech-fixtures.ts';
import { ScriptedStt, ToneTts } from './helpers/fake-speech.ts';
import { CANDIDATE, voiceHarness, type Harness } from './helpers/harness.ts';

let clip: SpokenClip;
beforeAll(async () => {
  clip = await speak('It took about three months');
});
const open: Harness[] = [];
afterEach(async () => {
  for (const h of open.splice(0)) await h.session.close();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('streamed replies', () => {
  test('sentences come out of streamed text as soon as they are complete, abbreviations kept whole', () => {
    const acc = new SentenceAccumulator();
    const out: string[] = [];
    for (const t of ['Thanks', ', that', ' is clear. ', 'Dr. ', 'Smith would', ' agree. What', ' next?']) out.push(...acc.push(t));
    expect(out).toEqual(['Thanks, that is clear.', 'Dr. Smith would agree.']);
    expect(acc.end()).toEqual(['What next?']);
    const quick = new SentenceAccumulator({ firstClause: true });
    const firsts: string[] = [];
    for (const t of ['Than', 'ks, ', 'that is', ' clear, really. ', 'Next, ', 'one.']) firsts.push(...quick.push(t));
    expect([...firsts, ...quick.end()]).toEqual(['Thanks,', 'that is clear, really.', 'Next, one.']);
  });

  test('the streamed reply is spoken in order, starting before the model has finished, and the interview holds the full reply', async () => {
    const stt = await ScriptedStt.forClips([{ ...clip, text: 'It took about three months.' }]);
    const tts = new ToneTts();
    const sentences = ['Thanks, that is helpful.', 'Three months is a long migration.', 'What slowed it down the most?'];
    let finishedWriting = 0;
    let firstSynthesisAt = 0;
    const synth = tts.synthesize.bind(tts);
    tts.synthesize = async (...a) => {
      firstSynthesisAt ||= performance.now();
      return synth(...a);
    };
    let h!: Harness;
    h = await voiceHarness(
      { stt, tts },
      {
        onAnswerStream: (text) => {
          const full = sentences.join(' ');
          const chunks = full.match(/.{1,5}/gs)!;
          let resolve!: (r: Reply) => void;
          const reply = new Promise<Reply>((r) => (resolve = r));
          async function* write(): AsyncGenerator<string> {
            for (const c of chunks) {
              await sleep(15);
              yield c;
            }
            finishedWriting = performance.now();
            // The turn is saved through the real engine with the whole answer.
            resolve({ ...(await h.engine.handleSession(h.sessionId, { kind: 'answer', text })), messages: [full] });
          }
          return { text: write(), reply };
        },
      },
    );
    open.push(h);
    await h.pushPackets(CANDIDATE, (await buildTimeline([{ silenceMs: 300 }, { speech: clip }, { silenceMs: 1500 }])).packets);
    const until = Date.now() + 10_000;
    while ((h.sink.plays.length === 0 || h.sink.plays[0]!.endedAt === null || h.transcript.filter((e) => e.kind === 'interviewer').length === 0) && Date.now() < until) await sleep(20);
    expect(tts.requests).toEqual(['Thanks,', 'that is helpful.', ...sentences.slice(1)]);
    expect(firstSynthesisAt).toBeGreaterThan(0);
    expect(firstSynthesisAt).toBeLessThan(finishedWriting);
    expect(h.sink.plays).toHaveLength(1);
    expect(h.sink.plays[0]!.stopped).toBe(false);
    expect(h.transcript.filter((e) => e.kind === 'interviewer').map((e) => e.text)).toEqual([sentences.join(' ')]);
    const session = (await h.engine.getById(h.sessionId))!;
    expect(session.answers[0]!.parts).toEqual(['It took about three months.']);
  });
});
