import type { DocumentIntake } from './bots/shared/documents.ts';
import type { Config } from './config.ts';
import { buildCustomize } from './engine/customize/from-config.ts';
import { ModelTranslator } from './engine/i18n/translator.ts';
import type { ProviderChain } from './engine/llm/chain.ts';
import { buildLanguageModels } from './engine/llm/from-config.ts';
import type { KeyValueStore } from './engine/store/kv.ts';
import { createSpeechStack, type SpeechStack } from './gpu/stack.ts';
import type { HealthSources } from './api/health.ts';
import type { Logger } from './logger.ts';
import type { RuntimeExtras } from './runtime.ts';

export interface WiredExtras extends RuntimeExtras {
  /** Parses --doc/--jd files for the terminal and returns stored document ids. */
  ingestCliDocuments?: (userKey: string, docs: string[], jd?: string) => Promise<string[]>;
  /** The language-model provider chain, when one is configured: `llm.health()` feeds /health and status commands. */
  llm?: ProviderChain;
  /** Takes uploaded resumes and job descriptions for chat surfaces (customize interviews). */
  documents?: DocumentIntake;
  /** The same intake as one function (what the Slack surface looks for). */
  ingestDocument?: DocumentIntake['ingest'];
  /** Speech-to-text and text-to-speech with fallbacks, shared by the voice routes and voice channels. */
  speech?: SpeechStack;
  /** Extra /health sources (read by src/api/health-sources.ts). */
  healthSources?: HealthSources;
}

/**
 * How customize interviews retrieve right now, for /health: dense + lexical when an embedding
 * model is reachable (the GPU server's, while its probe says so; Gemini/OpenAI or a local ONNX
 * model when configured), otherwise lexical. Plans are still personal without any model.
 */
export function customizeRetrieval(c: Config, gpu?: { gpuEmbeddingsAvailable(): boolean }): 'hybrid' | 'lexical' {
  if (c.GPU_SERVER_URL && c.EMBEDDINGS_MODEL && gpu?.gpuEmbeddingsAvailable()) return 'hybrid';
  if (c.LOCAL_EMBEDDINGS_MODEL_PATH) return 'hybrid';
  if (c.EMBEDDINGS_MODEL && (c.OPENAI_API_KEY || c.GEMINI_API_KEY)) return 'hybrid';
  return 'lexical';
}

/**
 * Chooses the interviewer brain, the customize planner and the mode lines from config.
 * With Gemini and/or OpenAI configured, the language-model interviewer runs over the
 * provider chain (offline rules last); otherwise the built-in offline interviewer runs.
 * `deps.kv` is the store daily quotas are counted in; without it one is opened on STORE_URL.
 */
export async function buildRuntimeExtras(config: Config, logger: Logger, deps: { kv?: KeyValueStore; speech?: false } = {}): Promise<WiredExtras> {
  const extras: WiredExtras = {};
  const closers: (() => Promise<void>)[] = [];
  const llm = await buildLanguageModels(config, logger, deps.kv ? { kv: deps.kv } : {});
  if (llm) {
    extras.brain = llm.brain;
    extras.llm = llm.chain;
    extras.modeNotes = llm.modeNotes;
    // Translations are cached in the shared store, so every replica and every later interview reuses them.
    extras.translator = new ModelTranslator({ chain: llm.chain, kv: llm.kv, logger: logger.child({ part: 'translate' }) });
    extras.engineObservers = [llm.forecast.observer()];
    extras.healthSources = { ...extras.healthSources, quota: async () => llm.forecast.outlook(await llm.chain.health()) };
    closers.push(llm.close);
  }
  // Speech: one stack (and one GPU health probe) for the whole process.
  if (deps.speech !== false) {
    const speech = createSpeechStack({ config, logger: logger.child({ part: 'speech' }) });
    speech.start();
    extras.speech = speech;
    closers.push(async () => speech.stop());
  }
  // Customize interviews: documents in the session store, a plan grounded in them (written by the model when there is one).
  const gpu = extras.speech?.health;
  const customize = await buildCustomize(config, logger, { ...(deps.kv ? { kv: deps.kv } : {}), ...(llm ? { llm: llm.chain } : {}), ...(gpu ? { gpu } : {}) });
  extras.healthSources = { ...extras.healthSources, customize: () => customizeRetrieval(config, gpu) };
  extras.customPlanner = customize.customPlanner;
  extras.documents = customize.documents;
  extras.ingestDocument = (userKey, file) => customize.documents.ingest(userKey, file);
  extras.ingestCliDocuments = customize.ingestCliDocuments;
  closers.push(customize.close);
  if (closers.length) extras.onClose = async () => void (await Promise.all(closers.map((c) => c())));
  return extras;
}
