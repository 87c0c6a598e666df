import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { ProviderChain } from '../llm/chain.ts';
import { parseModelJson } from '../llm/output.ts';
import type { JsonOutput } from '../llm/types.ts';
import { LANGUAGES, type LanguageCode } from '../language.ts';
import type { KeyValueStore } from '../store/kv.ts';
import type { ProviderCall } from '../types.ts';

/** Texts in English, back in the target language; undefined where no translation could be had. */
export interface Translator {
  translate(texts: string[], lang: LanguageCode, signal?: AbortSignal): Promise<{ texts: (string | undefined)[]; calls: ProviderCall[] }>;
}

const OUTPUT: JsonOutput = {
  name: 'translations',
  schema: {
    type: 'object',
    properties: {
      translations: {
        type: 'array',
        items: { type: 'object', properties: { id: { type: 'integer' }, text: { type: 'string' } }, required: ['id', 'text'], additionalProperties: false },
      },
    },
    required: ['translations'],
    additionalProperties: false,
  },
};

const Output = z.object({ translations: z.array(z.object({ id: z.number().int(), text: z.string().min(1).max(2000) })).max(200) });

/** Cached translations never expire by age: a changed English text has another key. */
const TTL_MS = 365 * 24 * 3600_000;

/** The store key of one text in one language: the text's hash, so an edited bank question is translated afresh. */
export function translationKey(text: string, lang: LanguageCode): string {
  return `i18n:${lang}:${createHash('sha256').update(text).digest('hex').slice(0, 32)}`;
}

/**
 * Bank questions (and other fixed English lines) translated by the language model when a plan
 * is made, one call for everything not yet cached; each translation is kept in the store per
 * text and language, so the next interview in that language makes no call at all.
 */
export class ModelTranslator implements Translator {
  private readonly chain: ProviderChain;
  private readonly kv: KeyValueStore;
  private readonly log: Logger | undefined;
  private readonly deadlineMs: number;

  constructor(o: { chain: ProviderChain; kv: KeyValueStore; logger?: Logger; deadlineMs?: number }) {
    this.chain = o.chain;
    this.kv = o.kv;
    this.log = o.logger;
    this.deadlineMs = o.deadlineMs ?? 20_000;
  }

  async translate(texts: string[], lang: LanguageCode, signal?: AbortSignal): Promise<{ texts: (string | undefined)[]; calls: ProviderCall[] }> {
    if (lang === 'en') return { texts: [...texts], calls: [] };
    const out: (string | undefined)[] = await Promise.all(texts.map((t) => this.kv.get<string>(translationKey(t, lang))));
    const missing = [...new Set(texts.filter((_, i) => out[i] === undefined))];
    if (!missing.length) return { texts: out, calls: [] };
    const name = LANGUAGES[lang].english;
    const messages = [
      {
        role: 'system' as const,
        content: `You translate interview questions and short interviewer lines from English into ${name}. Keep the meaning, tone and any technical terms (names of tools, languages, protocols) as a ${name}-speaking interviewer would say them. Reply with JSON only.`,
      },
      {
        role: 'user' as const,
        content: `Translate each text into ${name}. Reply with {"translations":[{"id":<the id>,"text":"<the ${name} text>"}]}, one entry per id.\n${JSON.stringify(missing.map((text, id) => ({ id, text })))}`,
      },
    ];
    try {
      const res = await this.chain.generate(messages, { temperature: 0.2, maxOutputTokens: 4000, json: OUTPUT }, { purpose: 'translate', deadlineMs: this.deadlineMs, ...(signal ? { signal } : {}) });
      const parsed = parseModelJson(res.text, Output);
      if (!parsed.ok) {
        this.log?.warn({ lang, problem: parsed.error }, 'translation output unusable; questions stay in English');
        return { texts: out, calls: [res.call] };
      }
      const got = new Map<string, string>();
      for (const t of parsed.value.translations) {
        const src = missing[t.id];
        if (src !== undefined && t.text.trim()) got.set(src, t.text.trim());
      }
      await Promise.all([...got].map(([src, text]) => this.kv.set(translationKey(src, lang), text, TTL_MS)));
      return { texts: texts.map((t, i) => out[i] ?? got.get(t)), calls: [res.call] };
    } catch (err) {
      this.log?.warn({ err, lang }, 'translation failed; questions stay in English');
      return { texts: out, calls: [] };
    }
  }
}
