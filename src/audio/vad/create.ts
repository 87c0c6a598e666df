/**
 * Picks a detector: Silero when asked for and loadable, else the energy detector, with
 * the reason logged so a degraded deployment is visible.
 */
import type { Logger } from 'pino';
import { EnergyVad, type EnergyVadOptions } from './energy.ts';
import { createSileroVad } from './silero.ts';
import type { VoiceActivityDetector } from './types.ts';

export interface CreateVadOptions {
  prefer?: 'silero' | 'energy';
  modelPath?: string;
  energy?: EnergyVadOptions;
  logger?: Logger;
}

export async function createVad(options: CreateVadOptions = {}): Promise<VoiceActivityDetector> {
  const prefer = options.prefer ?? 'silero';
  if (prefer === 'silero') {
    try {
      const vad = await createSileroVad(options.modelPath ? { modelPath: options.modelPath } : {});
      options.logger?.debug({ vad: 'silero' }, 'voice activity detector ready');
      return vad;
    } catch (err) {
      options.logger?.warn(
        { vad: 'energy', reason: err instanceof Error ? err.message : String(err) },
        'Silero VAD unavailable; falling back to the energy detector',
      );
    }
  }
  return new EnergyVad({ frameSamples: 512, ...options.energy });
}
