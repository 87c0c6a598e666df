import pino, { type Logger } from 'pino';
import { ProviderChain, type ChainOptions } from '../../../src/engine/llm/chain.ts';
import { createGeminiClient, GeminiModel } from '../../../src/engine/llm/gemini.ts';
import { OpenAiModel } from '../../../src/engine/llm/openai.ts';
import { MemoryKeyValueStore } from '../../../src/engine/store/memory-store.ts';
import { FakeGemini, FakeOpenAI } from '../../fakes/llm/index.ts';

export const GEMINI_KEY = 'AIzaTestKey000000000000000000';
export const OPENAI_KEY = 'sk-test-0000000000000000';

/** A logger whose lines tests can read. */
export function captureLogger(): { logger: Logger; lines: { level: number; msg: string; [k: string]: unknown }[]; warnings: () => string[] } {
  const lines: { level: number; msg: string }[] = [];
  const logger = pino({ level: 'debug' }, { write: (s: string) => void lines.push(JSON.parse(s) as { level: number; msg: string }) });
  return { logger, lines, warnings: () => lines.filter((l) => l.level === 40).map((l) => l.msg) };
}

export interface Fakes {
  gemini: FakeGemini;
  openai: FakeOpenAI;
  close(): Promise<void>;
}

export async function startFakes(): Promise<Fakes> {
  const gemini = await new FakeGemini({ apiKey: GEMINI_KEY }).start();
  const openai = await new FakeOpenAI({ apiKey: OPENAI_KEY }).start();
  return { gemini, openai, close: async () => void (await Promise.all([gemini.close(), openai.close()])) };
}

/** A mutable clock starting at noon UTC, for quota days and breaker cool-downs. */
export function testClock(start = Date.UTC(2026, 10, 26, 12)): { now: () => number; advance: (ms: number) => void; set: (t: number) => void } {
  let t = start;
  return { now: () => t, advance: (ms) => void (t += ms), set: (v) => void (t = v) };
}

export interface ChainSetup {
  geminiModels?: string[];
  geminiKey?: string;
  openaiKey?: string;
  withOpenAi?: boolean;
}

export function modelsFor(f: Fakes, s: ChainSetup = {}): (GeminiModel | OpenAiModel)[] {
  const client = createGeminiClient(s.geminiKey ?? GEMINI_KEY, f.gemini.url);
  const models: (GeminiModel | OpenAiModel)[] = (s.geminiModels ?? ['gemini-2.5-flash']).map((model) => new GeminiModel({ apiKey: s.geminiKey ?? GEMINI_KEY, model, client }));
  if (s.withOpenAi !== false) models.push(new OpenAiModel({ apiKey: s.openaiKey ?? OPENAI_KEY, baseUrl: f.openai.baseURL, model: 'gpt-4o-mini' }));
  return models;
}

export function makeChain(f: Fakes, o: Partial<ChainOptions> & ChainSetup = {}): { chain: ProviderChain; kv: MemoryKeyValueStore } {
  const kv = new MemoryKeyValueStore();
  const chain = new ProviderChain({
    models: modelsFor(f, o),
    kv,
    logger: o.logger ?? pino({ level: 'silent' }),
    deadlineMs: 2000,
    backoff: { baseMs: 5, maxMs: 40 },
    random: () => 0.5,
    ...o,
  });
  return { chain, kv };
}

export const hello = [
  { role: 'system' as const, content: 'You are terse.' },
  { role: 'user' as const, content: 'Say hello.' },
];
