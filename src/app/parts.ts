import type { Config } from '../config.ts';
import { buildCustomize } from '../engine/customize/from-config.ts';
import { buildLanguageModels } from '../engine/llm/from-config.ts';
import type { KeyValueStore } from '../engine/store/kv.ts';
import { createSpeechStack } from '../gpu/stack.ts';
import type { Logger } from '../logger.ts';
import type { AppParts } from './app.ts';

/**
 * Builds the parts config turns on, over one open store (daily quotas and documents live there):
 * with Gemini and/or OpenAI configured the language-model interviewer runs over the provider
 * chain (offline rules last); speech is one stack (and one GPU health probe) per process;
 * customize documents always work, with a model writing the plan when there is one.
 */
export async function buildParts(config: Config, logger: Logger, kv: KeyValueStore, opts: { speech: boolean }): Promise<AppParts> {
  const models = await buildLanguageModels(config, logger, { kv });
  const speech = opts.speech ? createSpeechStack({ config, logger: logger.child({ part: 'speech' }) }) : null;
  speech?.start();
  const gpu = speech?.health;
  const customize = await buildCustomize(config, logger, { kv, ...(models ? { llm: models.chain } : {}), ...(gpu ? { gpu } : {}) });
  return { models, interviewer: null, speech, customize };
}
