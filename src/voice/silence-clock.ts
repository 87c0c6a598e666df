/**
 * Discord's client stops sending packets when it decides the user is silent, so silence
 * mostly arrives as no packets at all. This clock compares the audio fed in with the wall
 * clock and reports the gap as silence, so end of turn and the nudge still happen.
 *
 * Packets that arrive late in a burst push the audio ahead of the wall clock; the clock then
 * re-anchors on them instead of counting that time twice.
 */
export interface SilenceClockOptions {
  /** How often to check (ms). */
  tickMs?: number;
  /** No packet for this long means the sender went quiet (Discord jitter is a few tens of ms). */
  gapMs?: number;
  now?: () => number;
}

export class SilenceClock {
  private readonly tickMs: number;
  private readonly gapMs: number;
  private readonly now: () => number;
  private readonly feed: (ms: number) => void;
  private readonly audioNow: () => number;
  private timer: NodeJS.Timeout | null = null;
  private wallAnchor = 0;
  private audioAnchor = 0;
  private lastPacketAt = 0;

  /**
   * @param audioNow audio time fed so far (ms)
   * @param feed reports `ms` of silence (rounded to 20 ms packets)
   */
  constructor(audioNow: () => number, feed: (ms: number) => void, opts: SilenceClockOptions = {}) {
    this.audioNow = audioNow;
    this.feed = feed;
    this.tickMs = opts.tickMs ?? 20;
    this.gapMs = opts.gapMs ?? 60;
    this.now = opts.now ?? (() => performance.now());
  }

  start(): void {
    if (this.timer) return;
    this.reanchor();
    // Not unref'd: a live interview should keep the process up, and close() must be seen to clear it.
    this.timer = setInterval(() => this.tick(), this.tickMs);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Call after feeding a packet. */
  packet(): void {
    const now = this.now();
    this.lastPacketAt = now;
    const expected = this.audioAnchor + (now - this.wallAnchor);
    if (this.audioNow() > expected) this.reanchor();
  }

  /** Restart the comparison from now (after a pause, when no time should be made up). */
  reanchor(): void {
    this.wallAnchor = this.now();
    this.audioAnchor = this.audioNow();
  }

  /** One check; public so tests can drive it with a fake clock. */
  tick(): void {
    const now = this.now();
    if (now - this.lastPacketAt < this.gapMs) return;
    const deficit = this.audioAnchor + (now - this.wallAnchor) - this.audioNow();
    const ms = Math.floor(deficit / 20) * 20;
    if (ms >= 20) this.feed(ms);
  }
}
