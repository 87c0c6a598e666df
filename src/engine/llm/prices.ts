import { z } from 'zod';
import type { Usage } from './types.ts';

/** USD per 1M tokens. */
export interface Price {
  input: number;
  output: number;
  /** Input tokens served from the provider's prompt cache; the input price when not listed. */
  cachedInput?: number;
}

/**
 * List prices (USD per 1M tokens, paid tier, text) at the time of writing. Estimates only:
 * override with LLM_PRICES, e.g. {"gemini-2.5-flash":{"input":0.3,"output":2.5}}.
 * Self-hosted servers cost nothing unless LLM_PRICES names their model.
 */
export const DEFAULT_PRICES: Record<string, Price> = {
  'gemini/gemini-2.5-flash': { input: 0.3, output: 2.5, cachedInput: 0.075 },
  'gemini/gemini-2.5-flash-lite': { input: 0.1, output: 0.4 },
  'gemini/gemini-2.0-flash': { input: 0.1, output: 0.4, cachedInput: 0.025 },
  'gemini/gemini-2.0-flash-lite': { input: 0.075, output: 0.3 },
  'gemini/gemini-2.5-pro': { input: 1.25, output: 10 },
  'openai/gpt-4o-mini': { input: 0.15, output: 0.6, cachedInput: 0.075 },
  'openai/gpt-4o': { input: 2.5, output: 10 },
  'openai/gpt-4.1-mini': { input: 0.4, output: 1.6 },
  'openai/gpt-4.1-nano': { input: 0.1, output: 0.4 },
};

const PriceSchema = z.object({ input: z.number().min(0), output: z.number().min(0) });

export class PriceTable {
  private readonly overrides: Record<string, Price>;
  /** Entries of LLM_PRICES that were ignored, in words (for a start-up warning). */
  readonly problems: string[] = [];

  /** `overrides` is the LLM_PRICES JSON text or an object keyed by model or provider/model. */
  constructor(overrides?: string | Record<string, unknown>) {
    this.overrides = {};
    let raw: unknown = overrides ?? {};
    if (typeof raw === 'string') {
      try {
        raw = JSON.parse(raw);
      } catch {
        this.problems.push('LLM_PRICES is not JSON; using the built-in prices');
        raw = {};
      }
    }
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
      this.problems.push('LLM_PRICES must be an object keyed by model');
      return;
    }
    for (const [k, v] of Object.entries(raw)) {
      const p = PriceSchema.safeParse(v);
      if (p.success) this.overrides[k] = p.data;
      else this.problems.push(`LLM_PRICES["${k}"] must be {"input": USD per 1M tokens, "output": USD per 1M tokens}`);
    }
  }

  priceOf(provider: string, model: string): Price | undefined {
    const exact = this.overrides[`${provider}/${model}`] ?? this.overrides[model];
    if (exact) return exact;
    const key = `${provider}/${model}`;
    if (DEFAULT_PRICES[key]) return DEFAULT_PRICES[key];
    // Dated or suffixed names ("gemini-2.5-flash-001") cost what their family costs: longest prefix wins.
    const family = Object.keys(DEFAULT_PRICES)
      .filter((k) => key.startsWith(`${k}-`))
      .sort((a, b) => b.length - a.length)[0];
    return family ? DEFAULT_PRICES[family] : undefined;
  }

  /** Estimated cost in USD, rounded to a millionth of a dollar. */
  cost(provider: string, model: string, usage: Usage): number {
    const p = this.priceOf(provider, model);
    if (!p) return 0;
    const cached = Math.min(usage.cachedInputTokens ?? 0, usage.inputTokens);
    const input = (usage.inputTokens - cached) * p.input + cached * (p.cachedInput ?? p.input);
    return Math.round(((input + usage.outputTokens * p.output) / 1_000_000) * 1e9) / 1e9;
  }
}
