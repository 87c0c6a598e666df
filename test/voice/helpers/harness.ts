/**
 * A voice session wired to the real interview engine and the fake speech pieces, with
 * everything it reports collected for assertions.
 */
import type { Reply } from '../../../src/engine/types.ts';
import { VoiceInterviewSession, type VoiceInterviewOptions } from '../../../src/voice/session.ts';
import type { TranscriptEvent, VoiceSpeech } from '../../../src/voice/types.ts';
import { makeEngine } from '../../helpers/engine.ts';
import { RecordingSink } from './fake-speech.ts';

export interface Harness {
  session: VoiceInterviewSession;
  sink: RecordingSink;
  transcript: TranscriptEvent[];
  answers: string[];
  replies: Reply[];
  finished: Reply[];
  sessionId: string;
  start: Reply;
  engine: ReturnType<typeof makeEngine>['engine'];
  /** Resolves at the next onAnswer reply. */
  nextReply(): Promise<Reply>;
  pushPackets(userId: string, packets: Buffer[]): Promise<void>;
  /** `ms` of silence in 100 ms steps (as the wall-clock feeder would). */
  silence(ms: number): Promise<void>;
  settle(): Promise<void>;
}

export const CANDIDATE = '111111111111111111';
export const OTHER = '222222222222222222';

export async function voiceHarness(speech: VoiceSpeech, opts: Partial<VoiceInterviewOptions> & { sink?: RecordingSink; replyOverride?: (text: string) => Reply | null } = {}): Promise<Harness> {
  const { engine } = makeEngine();
  const start = await engine.start({ key: 'voice:test', userKey: 'u:emma', userName: 'Emma', type: 'behavioral', mode: 'voice', seed: 7 });
  const sink = opts.sink ?? new RecordingSink(0);
  const transcript: TranscriptEvent[] = [];
  const answers: string[] = [];
  const replies: Reply[] = [];
  const finished: Reply[] = [];
  let waiters: ((r: Reply) => void)[] = [];
  const session = await VoiceInterviewSession.create({
    candidateId: CANDIDATE,
    speech,
    sink,
    silenceClock: false,
    vad: { prefer: 'silero' },
    ...opts,
    onAnswer: async (text) => {
      answers.push(text);
      const r = opts.replyOverride?.(text) ?? (await engine.handleSession(start.sessionId, { kind: 'answer', text }));
      replies.push(r);
      const w = waiters;
      waiters = [];
      for (const f of w) f(r);
      return r;
    },
    onTranscript: (e) => {
      transcript.push(e);
    },
    onFinished: (r) => {
      finished.push(r);
    },
  });
  return {
    session,
    sink,
    transcript,
    answers,
    replies,
    finished,
    sessionId: start.sessionId,
    start,
    engine,
    nextReply: () => new Promise((r) => waiters.push(r)),
    async pushPackets(userId, packets) {
      for (const p of packets) await session.push(userId, p);
    },
    async silence(ms) {
      for (let t = 0; t < ms; t += 100) await session.pushSilence(100);
    },
    async settle() {
      for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
    },
  };
}
