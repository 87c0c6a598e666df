/**
 * Discord's client stops sending packets when it decides the user is silent, so silence
 * mostly arrives as no packets at all. This clock compares the audio fed in with the wall
 * clock and reports the gap as silence, so end of turn and the nudge still happen.
 *
 * Packets that arrive late in a burst push the audio ahead of the wall clock; the clock then
 * re-anchors on them instead of counting that time twice.
 */
export interface SilenceClockOptions {
  /** How often to check while something waits on the silence (an answer may be ending), in ms. */
  tickMs?: number;
  /** How often to check otherwise (nothing needs 20 ms precision then: the nudge is seconds away). */
  idleTickMs?: number;
  /** No packet for this long means the sender went quiet (Discord jitter is a few tens of ms). */
  gapMs?: number;
  now?: () => number;
}

export class SilenceClock {
  private readonly tickMs: number;
  private readonly idleTickMs: number;
  private readonly gapMs: number;
  private readonly now: () => number;
  private readonly feed: (ms: number) => void;
  private readonly audioNow: () => number;
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  private readonly urgent: () => boolean;
  private wallAnchor = 0;
  private audioAnchor = 0;
  private lastPacketAt = 0;

  /**
   * @param audioNow audio time fed so far (ms)
   * @param feed reports `ms` of silence (rounded to 20 ms packets)
   * @param urgent whether silence must be reported promptly now (an answer may be ending)
   */
  constructor(audioNow: () => number, feed: (ms: number) => void, opts: SilenceClockOptions = {}, urgent: () => boolean = () => true) {
    this.audioNow = audioNow;
    this.feed = feed;
    this.urgent = urgent;
    this.tickMs = opts.tickMs ?? 20;
    this.idleTickMs = Math.max(this.tickMs, opts.idleTickMs ?? 250);
    this.gapMs = opts.gapMs ?? 60;
    this.now = opts.now ?? (() => performance.now());
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.reanchor();
    this.schedule();
  }

  stop(): void {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** Call when silence starts to matter (an answer is under way), so the next check comes soon. */
  hurry(): void {
    if (!this.running || !this.timer) return;
    clearTimeout(this.timer);
    this.schedule();
  }

  private schedule(): void {
    // Not unref'd: a live interview should keep the process up, and close() must be seen to clear it.
    this.timer = setTimeout(() => {
      this.timer = null;
      this.tick();
      if (this.running) this.schedule();
    }, this.nextDelay());
  }

  /** Idle: slow. Answer under way and packets flowing: just often enough to notice them stop. Then: fine-grained. */
  private nextDelay(): number {
    if (!this.urgent()) return this.idleTickMs;
    return this.now() - this.lastPacketAt < this.gapMs ? Math.max(this.tickMs, this.gapMs) : this.tickMs;
  }

  /**
   * Call when a packet of `ms` arrives, before it is counted in audioNow. Silence not yet
   * reported before it (the sender was quiet and the clock idling) is reported first, so
   * it stays in its place on the timeline instead of being lost or reported late.
   */
  packet(ms = 20): void {
    const now = this.now();
    const expected = this.audioAnchor + (now - this.wallAnchor);
    if (this.running && now - this.lastPacketAt >= this.gapMs) {
      const missing = Math.floor((expected - this.audioNow() - ms) / 20) * 20;
      if (missing >= 20) this.feed(missing);
    }
    this.lastPacketAt = now;
    if (this.audioNow() + ms > expected) {
      this.wallAnchor = now;
      this.audioAnchor = this.audioNow() + ms;
    }
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
