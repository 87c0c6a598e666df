// The running application as one typed value: store, engine, conversation layer and the parts
// config turned on (language models, speech, documents). Surfaces and the HTTP API are started
// on it by src/main.ts; tests build it the same way with fewer parts.
import { ConversationService } from '../chat/conversation.ts';
import type { Config } from '../config.ts';
import { InterviewEngine } from '../engine/engine.ts';
import { ModelTranslator } from '../engine/i18n/translator.ts';
import type { KeyValueStore } from '../engine/store/kv.ts';
import { openStore } from '../engine/store/open-store.ts';
import { SessionStore } from '../engine/store/session-store.ts';
import type { HealthSources } from '../api/health.ts';
import type { Logger } from '../logger.ts';
import { healthSourcesOf } from './health.ts';
import { buildParts, type AppParts, NO_PARTS } from './parts.ts';

export interface App extends AppParts {
  config: Config;
  logger: Logger;
  kv: KeyValueStore;
  store: SessionStore;
  engine: InterviewEngine;
  /** What every chat surface runs interviews through. */
  conversation: ConversationService;
  /** Sources for /health: providers, speech, customize retrieval. */
  health: HealthSources;
  /** One plain line per capability: which provider/mode is live. */
  modeNotes(): string[];
  close(): Promise<void>;
}

const OFFLINE_NOTE = 'Mode: built-in offline interviewer (no language model configured); scores are heuristic.';

/** Assembles the app from a store that is already open and the parts built on it. */
export function composeApp(config: Config, logger: Logger, kv: KeyValueStore, parts: AppParts): App {
  const store = new SessionStore(kv);
  const modeNotes = parts.models?.modeNotes ?? (() => [OFFLINE_NOTE]);
  const brain = parts.interviewer ?? parts.models?.brain ?? null;
  const engine = new InterviewEngine({
    store,
    logger,
    ...(brain ? { brain } : {}),
    ...(parts.customize ? { customPlanner: parts.customize.customPlanner } : {}),
    // Interviews in other languages: bank questions translated by the models, cached in the shared store.
    ...(parts.models ? { translator: new ModelTranslator({ chain: parts.models.chain, kv, logger: logger.child({ part: 'translate' }) }) } : {}),
    maxAnswerChars: config.MAX_ANSWER_CHARS,
    turnDeadlineMs: config.LLM_TURN_DEADLINE_MS,
    modeNotes,
  });
  // The quota forecast counts each finished interview's model requests.
  if (parts.models) engine.observe(parts.models.forecast.observer());
  const conversation = new ConversationService({ engine, logger, documents: parts.customize?.documents ?? null });
  return {
    ...parts,
    config,
    logger,
    kv,
    store,
    engine,
    conversation,
    health: healthSourcesOf(config, parts),
    modeNotes,
    async close() {
      await engine.drain();
      parts.speech?.stop();
      await Promise.all([parts.models?.close(), parts.customize?.close()]);
      await kv.close();
    },
  };
}

/** An app on the store STORE_URL names, with the given parts (none: the offline interviewer, text only). */
export async function createApp(config: Config, logger: Logger, parts: AppParts = NO_PARTS): Promise<App> {
  return composeApp(config, logger, await openStore(config.STORE_URL), parts);
}

/**
 * What `make start` runs: opens the store once and builds every part config turns on over it,
 * so quotas, documents and sessions share one store connection.
 */
export async function buildApp(config: Config, logger: Logger, opts: { speech: boolean }): Promise<App> {
  const kv = await openStore(config.STORE_URL);
  const parts = await buildParts(config, logger, kv, opts);
  return composeApp(config, logger, kv, parts);
}
