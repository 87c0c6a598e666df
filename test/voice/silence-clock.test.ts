/**
 * Discord sends no packets while someone is quiet; the silence clock reports that quiet
 * against the wall clock. Driven here with a fake clock and tick() by hand.
 */
import { describe, expect, test } from 'vitest';
import { SilenceClock } from '../../src/voice/silence-clock.ts';

function rig() {
  const t = { now: 0 };
  let fed = 0;
  const reports: number[] = [];
  const clock = new SilenceClock(() => fed, (ms) => {
    reports.push(ms);
    fed += ms;
  }, { now: () => t.now, gapMs: 60 });
  const packet = () => {
    clock.packet(20);
    fed += 20;
  };
  return { t, clock, reports, packet, fed: () => fed };
}

describe('SilenceClock', () => {
  test('reports the quiet after the last packet, in whole 20 ms packets, and keeps audio time level with the wall clock', () => {
    const { t, clock, reports, packet, fed } = rig();
    clock.start();
    for (let i = 0; i < 50; i++) {
      t.now += 20;
      packet();
    }
    t.now += 30;
    clock.tick();
    expect(reports).toEqual([]); // 30 ms without a packet is jitter, not silence
    t.now += 1000;
    clock.tick();
    expect(fed()).toBe(t.now - (t.now % 20));
    expect(reports.every((ms) => ms % 20 === 0)).toBe(true);
    clock.stop();
  });

  test('silence that was not reported yet when packets resume is reported before them, in its place', () => {
    const { t, clock, reports, packet, fed } = rig();
    clock.start();
    t.now += 20;
    packet();
    // 900 ms of quiet that no tick got to (the clock idles between answers).
    t.now += 900;
    packet();
    expect(reports).toEqual([880]);
    expect(fed()).toBe(920);
    clock.stop();
  });

  test('packets that arrive faster than real time move the anchor, so the silence after them is not cut short', () => {
    const { t, clock, reports, packet, fed } = rig();
    clock.start();
    // 200 ms of audio arrives in one burst, then the sender goes quiet for 500 ms.
    for (let i = 0; i < 10; i++) packet();
    t.now += 500;
    clock.tick();
    expect(reports).toEqual([500]);
    expect(fed()).toBe(700);
    clock.stop();
  });
});
