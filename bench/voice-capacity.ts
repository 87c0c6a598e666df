/**
 * How many live voice interviews one process (one JavaScript thread, one ONNX thread per
 * call) holds in real time. N sessions run at once, staggered: each candidate answers
 * (Opus packets every 20 ms from one shared clock, as UDP packets arrive), goes quiet (each
 * session's silence clock reports it), Alex's reply plays through one shared 20 ms player
 * cycle (as @discordjs/voice runs all its players), the candidate thinks a second, and so on.
 * Speech services and the model answer at once: the figure is the bot's own work.
 * Reported per N: CPU of the process (% of one core), per interview, and the added latency
 * from the end-of-turn silence to each reply's first packet (p50 / p99).
 */
import { InterviewEngine } from '../src/engine/engine.ts';
import { MemoryKeyValueStore } from '../src/engine/store/memory-store.ts';
import { SessionStore } from '../src/engine/store/session-store.ts';
import type { Reply } from '../src/engine/types.ts';
import type { SpeechToText, TranscribeResult } from '../src/gpu/stt/types.ts';
import type { TextToSpeech } from '../src/gpu/tts/types.ts';
import { silentLogger } from '../src/logger.ts';
import { VoiceInterviewSession } from '../src/voice/session.ts';
import type { AudioSink } from '../src/voice/types.ts';
import type { SpeechTimeline } from '../test/audio/speech-fixtures.ts';
import { percentile, r2 } from './stats.ts';

const END_SILENCE_MS = 1200;

export interface CapacityStep {
  sessions: number;
  cpuPctOfCore: number;
  perInterviewPct: number;
  p50: number;
  p99: number;
  replies: number;
}

/** One shared 20 ms cycle pulling one packet from every playing reply. */
class SharedPlayer {
  private readonly playing = new Set<{ it: AsyncIterator<Buffer>; signal: AbortSignal; done: () => void; first: (() => void) | null; busy: boolean }>();
  private timer: NodeJS.Timeout | null = null;

  sink(onFirst: () => void): AudioSink {
    return {
      play: (packets, signal) =>
        new Promise<void>((resolve) => {
          this.playing.add({ it: packets[Symbol.asyncIterator](), signal, done: resolve, first: onFirst, busy: false });
        }),
      stop: () => undefined,
    };
  }

  start(): void {
    this.timer = setInterval(() => {
      for (const p of this.playing) {
        if (p.busy) continue;
        if (p.signal.aborted) {
          this.playing.delete(p);
          p.done();
          continue;
        }
        p.busy = true;
        void p.it.next().then((r) => {
          p.busy = false;
          if (r.done) {
            this.playing.delete(p);
            p.done();
          } else if (p.first) {
            p.first();
            p.first = null;
          }
        });
      }
    }, 20);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }
}

export async function capacityStep(n: number, seconds: number, timelines: SpeechTimeline[], stt: SpeechToText, tts: TextToSpeech): Promise<CapacityStep> {
  const engine = new InterviewEngine({ store: new SessionStore(new MemoryKeyValueStore()), logger: silentLogger() });
  const player = new SharedPlayer();
  const added: number[] = [];
  interface Live {
    session: VoiceInterviewSession;
    phase: 'talk' | 'wait';
    tl: SpeechTimeline;
    i: number;
    t0: number;
    k: number;
    nextTalkAt: number;
    expectFirstAt: number | null;
  }
  const lives: Live[] = [];
  for (let s = 0; s < n; s++) {
    let current: Reply = await engine.start({ key: `cap:${s}:0`, userKey: `u${s}`, type: 'technical', mode: 'voice', seed: s });
    let round = 0;
    const live = {} as Live;
    const session = await VoiceInterviewSession.create({
      candidateId: 'c',
      speech: { stt, tts },
      sink: player.sink(() => {
        if (live.expectFirstAt !== null) added.push(performance.now() - live.expectFirstAt);
        live.expectFirstAt = null;
      }),
      endSilenceMs: END_SILENCE_MS,
      nudgeAfterMs: 600_000,
      vad: { prefer: 'silero' },
      logger: silentLogger(),
      onAnswer: async (text) => {
        const r = await engine.handleSession(current.sessionId, { kind: 'answer', text });
        if (r.done) current = await engine.start({ key: `cap:${s}:${++round}`, userKey: `u${s}`, type: 'technical', mode: 'voice', seed: s });
        return r;
      },
      onTranscript: () => undefined,
    });
    Object.assign(live, { session, phase: 'wait', tl: timelines[s % timelines.length]!, i: 0, t0: 0, k: s, nextTalkAt: 0, expectFirstAt: null });
    lives.push(live);
  }
  const start = performance.now();
  // Staggered over the first 3 s, so replies do not all fall on the same tick.
  for (const l of lives) l.nextTalkAt = start + (l.k / n) * 3000;
  player.start();
  const cpu0 = process.cpuUsage();
  const sender = setInterval(() => {
    const now = performance.now();
    for (const l of lives) {
      if (l.phase === 'wait') {
        if (now >= l.nextTalkAt && !l.session.speaking && l.expectFirstAt === null) {
          l.phase = 'talk';
          l.tl = timelines[l.k++ % timelines.length]!;
          l.i = 0;
          l.t0 = now;
        }
        continue;
      }
      // Packet i is due at t0 + 20 i: a late tick sends what is due, as a network burst would.
      while (l.i < l.tl.packets.length && now >= l.t0 + l.i * 20) void l.session.push('c', l.tl.packets[l.i++]!);
      if (l.i >= l.tl.packets.length) {
        l.phase = 'wait';
        l.expectFirstAt = l.t0 + l.tl.speech[0]!.endMs + END_SILENCE_MS;
        // Reply time plus a second of thinking; checked again once Alex has finished.
        l.nextTalkAt = now + END_SILENCE_MS + 1000;
      }
    }
  }, 20);
  await new Promise((r) => setTimeout(r, seconds * 1000));
  clearInterval(sender);
  const cpu = process.cpuUsage(cpu0);
  const wall = performance.now() - start;
  player.stop();
  await Promise.all(lives.map((l) => l.session.close()));
  const pct = ((cpu.user + cpu.system) / 1000 / wall) * 100;
  return { sessions: n, cpuPctOfCore: r2(pct), perInterviewPct: r2(pct / n), p50: r2(percentile(added, 50)), p99: r2(percentile(added, 99)), replies: added.length };
}

export const instantCapacityStt: SpeechToText = {
  name: 'instant-stt',
  accepts: () => false,
  transcribe: async (): Promise<TranscribeResult> => ({ text: 'I led the migration of our billing service and we finished early.', provider: 'instant-stt', model: 'x', ms: 0 }),
};
