/** Sample rate every detector and the segmenter work at. */
export const VAD_SAMPLE_RATE = 16_000;

/**
 * Speech probability per fixed-size frame of 16 kHz mono audio. Detectors keep state
 * between frames, so one instance serves one speaker; reset() between unrelated streams.
 */
export interface VoiceActivityDetector {
  readonly name: string;
  readonly frameSamples: number;
  /**
   * How long the detector typically keeps scoring speech after speech has stopped
   * (model smoothing). The segmenter subtracts it so its silence window measures real
   * silence. Optional; 0 when absent.
   */
  readonly hangoverMs?: number;
  /** frame: exactly frameSamples samples of 16 kHz mono in [-1, 1]. Resolves to 0..1. */
  process(frame: Float32Array): Promise<number>;
  reset(): void;
  close(): Promise<void>;
}
