import type { Logger } from 'pino';
import type { Config } from '../../config.ts';
import type { KeyValueStore } from '../store/kv.ts';
import { openStore } from '../store/open-store.ts';
import { ProviderChain } from './chain.ts';
import { createGeminiClient, GeminiModel } from './gemini.ts';
import { LlmBrain } from './llm-brain.ts';
import { OpenAiModel } from './openai.ts';
import { PriceTable } from './prices.ts';
import { QuotaForecast } from './quota-forecast.ts';
import type { LanguageModel } from './types.ts';

export interface LanguageModels {
  /** The store quotas are counted in (and translations cached in). */
  kv: KeyValueStore;
  chain: ProviderChain;
  brain: LlmBrain;
  /** The live mode, in one line per capability; reflects providers found broken at start-up. */
  modeNotes: () => string[];
  /** Resolves when the start-up check has finished (it runs in the background). */
  verified: Promise<void>;
  /** Interviews left today at the current rate; fed by the engine's finished interviews. */
  forecast: QuotaForecast;
  close: () => Promise<void>;
}

const NAMES: Record<string, string> = { gemini: 'Gemini', openai: 'OpenAI', 'openai-compatible': 'the self-hosted model' };

function describe(label: string): string {
  const [provider, ...rest] = label.split('/');
  const model = rest.join('/');
  return provider === 'openai-compatible' ? `the self-hosted model ${model}` : `${NAMES[provider!] ?? provider} ${model}`;
}

/** "Mode: Gemini gemini-2.5-flash, with Gemini gemini-2.0-flash and OpenAI gpt-4o-mini as fallbacks and the offline interviewer last." */
export function modeLine(usable: string[], configured: string[]): string {
  if (!usable.length) return 'Mode: built-in offline interviewer (the configured language models are not available right now); scores are heuristic.';
  const [first, ...rest] = usable.map(describe);
  const down = configured.filter((l) => !usable.includes(l)).map(describe);
  const fallbacks = rest.length ? `, with ${rest.length > 1 ? `${rest.slice(0, -1).join(', ')} and ${rest[rest.length - 1]}` : rest[0]} as fallback${rest.length > 1 ? 's' : ''} and the offline interviewer last` : ', with the offline interviewer as fallback';
  return `Mode: ${first}${fallbacks}.${down.length ? ` (${down.join(', ')} ${down.length > 1 ? 'are' : 'is'} not available right now.)` : ''}`;
}

/**
 * Builds the provider chain and the language-model interviewer from config, or returns
 * null when no provider is configured (the offline interviewer then runs alone).
 * Quotas are counted in the shared store: pass the runtime's, or one is opened on STORE_URL.
 */
export async function buildLanguageModels(config: Config, logger: Logger, o: { kv?: KeyValueStore; verifyWaitMs?: number } = {}): Promise<LanguageModels | null> {
  const models: LanguageModel[] = [];
  const unconfigured: { provider: string; model: string; hint: string }[] = [];
  const geminiModels = [...new Set(config.GEMINI_MODELS)];
  if (config.GEMINI_API_KEY) {
    const client = createGeminiClient(config.GEMINI_API_KEY, config.GEMINI_BASE_URL);
    for (const model of geminiModels) models.push(new GeminiModel({ apiKey: config.GEMINI_API_KEY, model, client }));
  } else {
    unconfigured.push({ provider: 'gemini', model: geminiModels[0] ?? 'gemini-2.5-flash', hint: 'not configured: set GEMINI_API_KEY' });
  }
  if (config.OPENAI_API_KEY || config.OPENAI_BASE_URL) {
    models.push(new OpenAiModel({ ...(config.OPENAI_API_KEY ? { apiKey: config.OPENAI_API_KEY } : {}), ...(config.OPENAI_BASE_URL ? { baseUrl: config.OPENAI_BASE_URL } : {}), model: config.OPENAI_MODEL, timeoutMs: config.LLM_TURN_DEADLINE_MS * 3 }));
  } else {
    unconfigured.push({ provider: 'openai', model: config.OPENAI_MODEL, hint: 'not configured: set OPENAI_API_KEY (or OPENAI_BASE_URL for a self-hosted server)' });
  }
  if (!models.length) return null;

  const prices = new PriceTable(config.LLM_PRICES);
  for (const p of prices.problems) logger.warn(p);
  const ownKv = o.kv ? null : await openStore(config.STORE_URL);
  const forecast = new QuotaForecast();
  const chain = new ProviderChain({
    models,
    unconfigured,
    quotas: { gemini: config.GEMINI_DAILY_QUOTA, openai: config.OPENAI_DAILY_QUOTA, 'openai-compatible': config.OPENAI_DAILY_QUOTA },
    kv: o.kv ?? ownKv!,
    prices,
    logger,
    deadlineMs: config.LLM_TURN_DEADLINE_MS,
    verifyTimeoutMs: 2500,
    quotaNote: (provider, used, limit) => forecast.warningNote(provider, used, limit),
  });
  const brain = new LlmBrain({ chain, turnDeadlineMs: config.LLM_TURN_DEADLINE_MS, logger });

  // The check runs in the background; start-up waits for it only briefly, so a slow
  // provider never holds the bot back, yet a wrong key is usually known before the first interview.
  const verified = chain
    .verify()
    .then((h) => {
      const ok = h.filter((x) => x.configured && x.ok).map((x) => x.name);
      logger.info({ providers: h.map((x) => ({ name: x.name, state: x.state })) }, ok.length ? `language models ready: ${ok.join(', ')}` : 'no language model is usable; the offline interviewer answers');
    })
    .catch((err: unknown) => logger.warn({ err }, 'language model start-up check failed'));
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([verified, new Promise<void>((r) => (timer = setTimeout(r, o.verifyWaitMs ?? 2000)))]);
  clearTimeout(timer);

  return {
    chain,
    brain,
    kv: o.kv ?? ownKv!,
    verified,
    forecast,
    modeNotes: () => [modeLine(chain.usable(), chain.labels)],
    close: async () => {
      await ownKv?.close();
    },
  };
}
