/**
 * Turn-taking settings from config (VOICE_TURN_*, VOICE_BARGE_IN_*, VOICE_MIN_VOICED_MS,
 * TURN_MODEL_PATH). The end-of-turn model is loaded once, on the first voice interview, and
 * shared; when it cannot be loaded, the reason is logged once and the rules decide.
 */
import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import type { EndOfTurnOptions } from './end-of-turn.ts';
import type { VoiceInterviewOptions } from './session-options.ts';
import { loadTurnModel, type TurnModel } from './turn-model.ts';

export interface TurnTaking {
  options(): Promise<Pick<VoiceInterviewOptions, 'endOfTurn' | 'pieceSilenceMs' | 'bargeInWords' | 'minVoicedMs'>>;
}

type TurnConfig = Pick<
  Config,
  'VOICE_TURN_MODE' | 'VOICE_END_SILENCE_MS' | 'VOICE_TURN_COMPLETE_MS' | 'VOICE_TURN_UNSURE_MS' | 'VOICE_TURN_INCOMPLETE_MS' | 'VOICE_PIECE_SILENCE_MS' | 'TURN_MODEL_PATH' | 'TURN_MODEL_THRESHOLD' | 'VOICE_BARGE_IN_WORDS' | 'VOICE_MIN_VOICED_MS'
>;

export function turnTakingFromConfig(c: TurnConfig, logger?: Logger): TurnTaking {
  let model: Promise<TurnModel | null> | null = null;
  const loadModel = (): Promise<TurnModel | null> => {
    if (!c.TURN_MODEL_PATH || c.VOICE_TURN_MODE !== 'adaptive') return Promise.resolve(null);
    model ??= loadTurnModel(c.TURN_MODEL_PATH).then(
      (m) => {
        logger?.info({ model: m.name }, 'end-of-turn model ready');
        return m;
      },
      (err: unknown) => {
        logger?.warn({ reason: err instanceof Error ? err.message : String(err) }, 'end-of-turn model unavailable; the built-in rules decide');
        return null;
      },
    );
    return model;
  };
  return {
    async options() {
      const endOfTurn: EndOfTurnOptions =
        c.VOICE_TURN_MODE === 'fixed'
          ? { mode: 'fixed', silenceMs: c.VOICE_END_SILENCE_MS }
          : { mode: 'adaptive', completeMs: c.VOICE_TURN_COMPLETE_MS, unsureMs: c.VOICE_TURN_UNSURE_MS, incompleteMs: c.VOICE_TURN_INCOMPLETE_MS, model: await loadModel(), modelThreshold: c.TURN_MODEL_THRESHOLD };
      return {
        endOfTurn,
        ...(c.VOICE_TURN_MODE === 'adaptive' ? { pieceSilenceMs: c.VOICE_PIECE_SILENCE_MS } : {}),
        bargeInWords: c.VOICE_BARGE_IN_WORDS,
        minVoicedMs: c.VOICE_MIN_VOICED_MS,
      };
    },
  };
}
