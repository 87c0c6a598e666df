/**
 * The voice interview at its stream boundary: espeak-ng answers as Discord-style Opus
 * packets in, the real interview engine in the middle, Opus packets out to a recording sink.
 * Speech-to-text and text-to-speech are the fakes beside their interfaces.
 */
import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import { OpusPacketDecoder } from '../../src/audio/opus.ts';
import type { Reply } from '../../src/engine/types.ts';
import { NUDGE_TEXT } from '../../src/voice/notices.ts';
import { buildTimeline, speak, type SpokenClip } from '../audio/speech-fixtures.ts';
import { CountingStt, RecordingSink, ScriptedStt, ToneTts } from './helpers/fake-speech.ts';
import { CANDIDATE, OTHER, voiceHarness, type Harness } from './helpers/harness.ts';

let clips: Record<'a1' | 'a2' | 'a3' | 'other' | 'skip' | 'interrupt' | 'long', SpokenClip>;

beforeAll(async () => {
  const [a1, a2, a3, other, skip, interrupt, long] = await Promise.all([
    speak('In my last role I led the migration of our billing service.'),
    speak('It took about three months.'),
    speak('We cut the hosting bill by a third.'),
    speak('Is anyone else hearing an echo in here today?'),
    speak('skip'),
    speak('Sorry, I did not catch that, could you say it again?'),
    speak('In my last role I owned the search service end to end, from the indexing pipeline and the ranking model to the on-call rotation and the quarterly planning with product.'),
  ]);
  clips = { a1: a1!, a2: a2!, a3: a3!, other: other!, skip: skip!, interrupt: interrupt!, long: long! };
});

const open: Harness[] = [];
afterEach(async () => {
  for (const h of open.splice(0)) await h.session.close();
});

async function harness(...args: Parameters<typeof voiceHarness>): Promise<Harness> {
  const h = await voiceHarness(...args);
  open.push(h);
  return h;
}

function longReply(h: Harness, sentences: number): Reply {
  const messages = [Array.from({ length: sentences }, (_, i) => `This is sentence number ${i + 1} of a long reply from the interviewer.`).join(' ')];
  return { ...h.start, messages, refused: undefined } as unknown as Reply;
}

describe('VoiceInterviewSession', () => {
  test('an answer with 700 and 800 ms thinking pauses becomes one engine turn with the whole transcript', async () => {
    const stt = await ScriptedStt.forClips([clips.a1, clips.a2, clips.a3]);
    const tts = new ToneTts();
    const h = await harness({ stt, tts }, { endSilenceMs: 1200 });
    await h.session.speak(h.start.messages);
    const spokenQuestion = h.start.messages.at(-1)!;
    const tl = await buildTimeline([{ silenceMs: 500 }, { speech: clips.a1 }, { silenceMs: 700 }, { speech: clips.a2 }, { silenceMs: 800 }, { speech: clips.a3 }, { silenceMs: 1500 }]);
    const replied = h.nextReply();
    await h.pushPackets(CANDIDATE, tl.packets);
    const reply = await replied;
    await h.settle();

    expect(h.answers).toEqual([`${clips.a1.text} ${clips.a2.text} ${clips.a3.text}`]);
    // The pieces went to STT as they were cut, each with the question and the answer so far as context.
    expect(stt.calls.length).toBeGreaterThanOrEqual(1);
    expect(stt.calls[0]!.prompt).toContain(spokenQuestion.slice(-100));
    if (stt.calls.length > 1) expect(stt.calls[1]!.prompt).toContain(clips.a1.text);
    // The thread saw the candidate's words, then Alex's reply.
    const lines = h.transcript.filter((e) => e.kind !== 'notice');
    expect(lines.map((e) => e.kind)).toEqual(['candidate', 'interviewer']);
    expect(lines[1]).toMatchObject({ kind: 'interviewer', reply: { sessionId: h.sessionId } });
    expect(reply.progress.current).toBeGreaterThanOrEqual(1);
  });

  test('a long answer is cut into pieces at the length limit, each transcribed with what came before, and sent as one answer', async () => {
    const stt = new CountingStt();
    const h = await harness({ stt, tts: new ToneTts() }, { maxPieceMs: 2500 });
    const tl = await buildTimeline([{ silenceMs: 300 }, { speech: clips.long }, { silenceMs: 1500 }]);
    const spokenMs = tl.speech[0]!.endMs - tl.speech[0]!.startMs;
    expect(spokenMs).toBeGreaterThan(7000);
    const replied = h.nextReply();
    await h.pushPackets(CANDIDATE, tl.packets);
    await replied;
    const n = stt.prompts.length;
    expect(n).toBeGreaterThanOrEqual(Math.ceil(spokenMs / 2500));
    expect(stt.durationsMs.every((d) => d <= 2500 + 1)).toBe(true);
    expect(h.answers).toEqual([Array.from({ length: n }, (_, i) => `part ${i + 1}.`).join(' ')]);
    // Piece k is prompted with the pieces before it.
    expect(stt.prompts[n - 1]).toContain(Array.from({ length: n - 1 }, (_, i) => `part ${i + 1}.`).join(' '));
  });

  test('the reply comes out as 20 ms Opus packets, one playback at a time, the first sentence before the last is made', async () => {
    const stt = await ScriptedStt.forClips([clips.a2]);
    const tts = new ToneTts();
    tts.delayMs = 60;
    const sink = new RecordingSink(0);
    const kept: Buffer[] = [];
    const play = sink.play.bind(sink);
    sink.play = async (packets, signal) => {
      async function* keep() {
        for await (const p of packets) {
          kept.push(p);
          yield p;
        }
      }
      return play(keep(), signal);
    };
    const resolvedAt: number[] = [];
    const synth = tts.synthesize.bind(tts);
    tts.synthesize = async (...a) => {
      const r = await synth(...a);
      resolvedAt.push(performance.now());
      return r;
    };
    let h!: Harness;
    h = await harness({ stt, tts }, { sink, replyOverride: () => longReply(h, 4) });
    const tl = await buildTimeline([{ silenceMs: 300 }, { speech: clips.a2 }, { silenceMs: 1500 }]);
    const replied = h.nextReply();
    await h.pushPackets(CANDIDATE, tl.packets);
    await replied;
    await waitFor(() => sink.plays.length === 1 && sink.plays[0]!.endedAt !== null);
    // Speaking a second reply while the first plays waits its turn.
    const a = h.session.speak(['First line.']);
    const b = h.session.speak(['Second line.']);
    await Promise.all([a, b]);
    expect(sink.overlaps).toBe(0);
    expect(sink.plays).toHaveLength(3);

    expect(tts.requests.slice(0, 4)).toEqual(Array.from({ length: 4 }, (_, i) => `This is sentence number ${i + 1} of a long reply from the interviewer.`));
    expect(sink.plays[0]!.firstPacketAt!).toBeLessThan(resolvedAt[3]!);
    const decoder = new OpusPacketDecoder();
    const firstReply = kept.slice(0, sink.plays[0]!.packets);
    for (const p of firstReply) expect(decoder.decode(p).length).toBe(960 * 2);
    expect(decoder.failures).toBe(0);
    decoder.close();
    // 4 sentences of ~70 characters at 45 ms per character.
    const expectedMs = 4 * 'This is sentence number 1 of a long reply from the interviewer.'.length * 45;
    expect(Math.abs(firstReply.length * 20 - expectedMs)).toBeLessThan(100);
  });

  test("another speaker's audio is ignored, even while the candidate is answering", async () => {
    const stt = await ScriptedStt.forClips([clips.a1]);
    const h = await harness({ stt, tts: new ToneTts() });
    const mine = await buildTimeline([{ silenceMs: 400 }, { speech: clips.a1 }, { silenceMs: 1600 }]);
    const theirs = await buildTimeline([{ silenceMs: 200 }, { speech: clips.other }, { speech: clips.other }, { silenceMs: 500 }]);
    const replied = h.nextReply();
    for (let i = 0; i < Math.max(mine.packets.length, theirs.packets.length); i++) {
      if (theirs.packets[i]) await h.session.push(OTHER, theirs.packets[i]!);
      if (mine.packets[i]) await h.session.push(CANDIDATE, mine.packets[i]!);
    }
    await replied;
    expect(h.answers).toEqual([clips.a1.text]);
    expect(h.session.stats.ignoredPackets).toBe(theirs.packets.length);
    // Only the candidate's speech reached speech-to-text.
    expect(stt.calls.map((c) => c.text)).toEqual([clips.a1.text]);
  });

  test('speaking over Alex for more than half a second stops the playback, and what was said is the next answer', async () => {
    const stt = await ScriptedStt.forClips([clips.a2, clips.interrupt]);
    const sink = new RecordingSink(20);
    let h!: Harness;
    let n = 0;
    h = await harness({ stt, tts: new ToneTts() }, { sink, replyOverride: () => (n++ === 0 ? longReply(h, 5) : null) });
    const first = await buildTimeline([{ silenceMs: 300 }, { speech: clips.a2 }, { silenceMs: 1500 }]);
    const playing = sink.nextFirstPacket();
    await h.pushPackets(CANDIDATE, first.packets);
    await playing;
    expect(h.session.speaking).toBe(true);

    const over = await buildTimeline([{ silenceMs: 100 }, { speech: clips.interrupt }, { silenceMs: 1500 }]);
    const secondReply = h.nextReply();
    await h.pushPackets(CANDIDATE, over.packets);
    await secondReply;
    await waitFor(() => sink.plays[0]!.endedAt !== null);

    const firstPlay = sink.plays[0]!;
    expect(firstPlay.stopped).toBe(true);
    expect(sink.stops).toBeGreaterThanOrEqual(1);
    // 5 long sentences are ~16 s of audio; it was cut within the first seconds.
    expect(firstPlay.packets * 20).toBeLessThan(4000);
    expect(h.session.stats.bargeIns).toBe(1);
    expect(h.answers).toEqual([clips.a2.text, clips.interrupt.text]);
    expect(sink.overlaps).toBe(0);
  });

  test('after a long silence Alex offers once to repeat the question, and does not move on', async () => {
    const stt = await ScriptedStt.forClips([]);
    const h = await harness({ stt, tts: new ToneTts() }, { nudgeAfterMs: 3000 });
    await h.session.speak(h.start.messages);
    const before = h.sink.plays.length;
    await h.silence(2500);
    expect(h.transcript.filter((e) => e.kind === 'interviewer')).toEqual([]);
    await h.silence(1000);
    await waitFor(() => h.sink.plays.length === before + 1 && h.sink.plays.at(-1)!.endedAt !== null);
    await h.silence(10_000);
    await h.settle();
    const nudges = h.transcript.filter((e) => e.kind === 'interviewer');
    expect(nudges).toEqual([{ kind: 'interviewer', text: NUDGE_TEXT, nudge: true }]);
    expect(h.sink.plays).toHaveLength(before + 1);
    expect(h.answers).toEqual([]);
    expect((await h.engine.getById(h.sessionId))!.current).toBe(0);
  });

  test('a spoken "skip" is passed to the engine, which moves to the next question', async () => {
    const stt = await ScriptedStt.forClips([clips.skip]);
    const h = await harness({ stt, tts: new ToneTts() });
    const tl = await buildTimeline([{ silenceMs: 300 }, { speech: clips.skip }, { silenceMs: 1500 }]);
    const replied = h.nextReply();
    await h.pushPackets(CANDIDATE, tl.packets);
    const reply = await replied;
    expect(h.answers).toEqual(['skip']);
    expect(reply.progress.current).toBe(2);
    expect((await h.engine.getById(h.sessionId))!.answers[0]!.status).toBe('skipped');
  });
});

async function waitFor(cond: () => boolean, ms = 10_000): Promise<void> {
  const until = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}
