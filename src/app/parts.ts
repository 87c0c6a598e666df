import type { Config } from '../config.ts';
import type { Brain } from '../engine/brain.ts';
import type { Customize } from '../engine/customize/from-config.ts';
import { buildCustomize } from '../engine/customize/from-config.ts';
import { buildLanguageModels, type LanguageModels } from '../engine/llm/from-config.ts';
import type { KeyValueStore } from '../engine/store/kv.ts';
import { createSpeechStack, type SpeechStack } from '../gpu/stack.ts';
import type { Logger } from '../logger.ts';

/** The optional capabilities, each present or null: nothing is looked up by name or shape. */
export interface AppParts {
  /** The language-model chain and its interviewer; null runs the built-in offline interviewer. */
  models: LanguageModels | null;
  /** An interviewer brain to use instead of the models' (tests script one). */
  interviewer: Brain | null;
  /** Speech-to-text and text-to-speech with fallbacks, shared by voice routes and voice channels. */
  speech: SpeechStack | null;
  /** Documents and the customize planner; null leaves customize on role-based questions. */
  customize: Customize | null;
}

export const NO_PARTS: AppParts = { models: null, interviewer: null, speech: null, customize: null };

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
