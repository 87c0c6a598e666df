/**
 * Closing a voice session stops everything it started: every timer, socket, pipe or child
 * process created while the session ran (tracked with async_hooks) is gone after close().
 */
import { createHook } from 'node:async_hooks';
import { beforeAll, describe, expect, test } from 'vitest';
import { buildTimeline, speak, type SpokenClip } from '../audio/speech-fixtures.ts';
import { ScriptedStt, ToneTts } from './helpers/fake-speech.ts';
import { CANDIDATE, voiceHarness } from './helpers/harness.ts';

const TRACKED = new Set(['Timeout', 'TCPWRAP', 'TCPSERVERWRAP', 'UDPWRAP', 'PIPEWRAP', 'PROCESSWRAP', 'FSEVENTWRAP', 'SIGNALWRAP']);

let a1: SpokenClip;
beforeAll(async () => {
  a1 = await speak('I rebuilt the deployment pipeline.');
});

describe('closing a voice session', () => {
  test('leaves no timers, sockets or streams running', async () => {
    const live = new Map<number, string>();
    const where = new Map<number, string>();
    const seen: string[] = [];
    const hook = createHook({
      init(id, type) {
        if (!TRACKED.has(type)) return;
        const stack = new Error().stack!;
        // AbortSignal.timeout() timers are unref'd and released by GC (the engine's turn deadline): not held by anyone.
        if (stack.includes('setWeakAbortSignalTimeout')) return;
        live.set(id, type);
        where.set(id, stack.split('\n').slice(4, 12).join('\n'));
        seen.push(type);
      },
      destroy(id) {
        live.delete(id);
      },
    });
    hook.enable();
    try {
      const ears = await ScriptedStt.forClips([a1]);
      const h = await voiceHarness({ stt: ears, tts: new ToneTts() }, { silenceClock: { tickMs: 20 } });
      const replied = h.nextReply();
      const tl = await buildTimeline([{ silenceMs: 300 }, { speech: a1 }, { silenceMs: 1500 }]);
      await h.pushPackets(CANDIDATE, tl.packets);
      await replied;
      // Close while a reply is still being spoken and the silence clock is running.
      void h.session.speak(['One more thing before we finish.']);
      await h.session.close();
      await new Promise((r) => setTimeout(r, 100));
      // destroy hooks run after the timer callback: give them their turn before looking.
      for (let i = 0; i < 3; i++) await new Promise((r) => setImmediate(r));
    } finally {
      hook.disable();
    }
    // The check can see what the session starts (its silence clock)...
    expect(seen).toContain('Timeout');
    // ...and none of it outlives close().
    expect([...live.keys()].map((id) => `${live.get(id)} created ${where.get(id)}`)).toEqual([]);
  });
});
