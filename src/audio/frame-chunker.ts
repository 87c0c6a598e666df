/**
 * Re-blocks a stream of arbitrary-length chunks into fixed-size frames (the VAD's
 * window). Each frame is a fresh array: downstream code keeps references to them.
 */
export class FrameChunker {
  readonly frameSamples: number;
  private pending: Float32Array;
  private fill = 0;

  constructor(frameSamples: number) {
    if (!Number.isInteger(frameSamples) || frameSamples < 1) throw new RangeError(`bad frame size ${frameSamples}`);
    this.frameSamples = frameSamples;
    this.pending = new Float32Array(frameSamples);
  }

  /** Samples waiting for a full frame. */
  get buffered(): number {
    return this.fill;
  }

  push(chunk: Float32Array): Float32Array[] {
    const frames: Float32Array[] = [];
    let i = 0;
    while (i < chunk.length) {
      const take = Math.min(chunk.length - i, this.frameSamples - this.fill);
      this.pending.set(chunk.subarray(i, i + take), this.fill);
      this.fill += take;
      i += take;
      if (this.fill === this.frameSamples) {
        frames.push(this.pending);
        this.pending = new Float32Array(this.frameSamples);
        this.fill = 0;
      }
    }
    return frames;
  }

  /** The partial last frame padded with zeros, or nothing. */
  flush(): Float32Array[] {
    if (this.fill === 0) return [];
    const last = this.pending;
    this.pending = new Float32Array(this.frameSamples);
    this.fill = 0;
    return [last];
  }

  reset(): void {
    this.pending.fill(0);
    this.fill = 0;
  }
}
