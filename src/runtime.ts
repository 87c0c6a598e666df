import type { Config } from './config.ts';
import type { Brain } from './engine/brain.ts';
import { type CustomPlanner, type EngineObserver, InterviewEngine } from './engine/engine.ts';
import type { Translator } from './engine/i18n/translator.ts';
import type { KeyValueStore } from './engine/store/kv.ts';
import { openStore } from './engine/store/open-store.ts';
import { SessionStore } from './engine/store/session-store.ts';
import type { Logger } from './logger.ts';

/** Everything a surface needs, built once from the validated config. */
export interface Runtime {
  config: Config;
  logger: Logger;
  kv: KeyValueStore;
  store: SessionStore;
  engine: InterviewEngine;
  /** One plain line per capability: which provider/mode is live. */
  modeNotes(): string[];
  close(): Promise<void>;
}

export interface RuntimeExtras {
  brain?: Brain;
  customPlanner?: CustomPlanner;
  /** Translates bank questions for interviews in other languages (needs a language model). */
  translator?: Translator;
  modeNotes?: () => string[];
  /** Told about every interview (e.g. the quota forecast counts each finished one's model requests). */
  engineObservers?: EngineObserver[];
  onClose?: () => Promise<void>;
}

export async function createRuntime(config: Config, logger: Logger, extras: RuntimeExtras = {}, openKv?: KeyValueStore): Promise<Runtime> {
  const kv = openKv ?? (await openStore(config.STORE_URL));
  const store = new SessionStore(kv, { lockWaitMs: config.SESSION_LOCK_WAIT_MS });
  const modeNotes = extras.modeNotes ?? (() => ['Mode: built-in offline interviewer (no language model configured); scores are heuristic.']);
  const engine = new InterviewEngine({
    store,
    logger,
    ...(extras.brain ? { brain: extras.brain } : {}),
    ...(extras.customPlanner ? { customPlanner: extras.customPlanner } : {}),
    ...(extras.translator ? { translator: extras.translator } : {}),
    maxAnswerChars: config.MAX_ANSWER_CHARS,
    turnDeadlineMs: config.LLM_TURN_DEADLINE_MS,
    modeNotes,
  });
  for (const o of extras.engineObservers ?? []) engine.observe(o);
  return {
    config,
    logger,
    kv,
    store,
    engine,
    modeNotes,
    async close() {
      await engine.drain();
      await extras.onClose?.();
      await kv.close();
    },
  };
}

/**
 * Opens the store once, builds the optional parts (language models, documents, speech) on it,
 * then the runtime: quotas, documents and sessions all share one store connection.
 */
export async function bootRuntime(config: Config, logger: Logger, opts: { speech?: false } = {}): Promise<{ runtime: Runtime; extras: import('./wiring.ts').WiredExtras }> {
  const { buildRuntimeExtras } = await import('./wiring.ts');
  const kv = await openStore(config.STORE_URL);
  const extras = await buildRuntimeExtras(config, logger, { kv, ...opts });
  const runtime = await createRuntime(config, logger, extras, kv);
  return { runtime, extras };
}
