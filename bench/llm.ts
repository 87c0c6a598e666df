/**
 * Provider-chain overhead: the time the chain adds to one language-model call (quota
 * count in the store, circuit breaker, deadline signals, cost record) compared with
 * calling the same SDK directly against the same local fake server. Calls alternate
 * between the two so server and machine drift affect both equally.
 *
 * Run: node bench/llm.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI from 'openai';
import pino from 'pino';
import { ProviderChain } from '../src/engine/llm/chain.ts';
import { createGeminiClient, GeminiModel } from '../src/engine/llm/gemini.ts';
import { OpenAiModel } from '../src/engine/llm/openai.ts';
import type { KeyValueStore } from '../src/engine/store/kv.ts';
import { MemoryKeyValueStore } from '../src/engine/store/memory-store.ts';
import { SqliteKeyValueStore } from '../src/engine/store/sqlite-store.ts';
import { FakeGemini, FakeOpenAI } from '../test/fakes/llm/index.ts';
import { isMain, percentile, printFigures, r2 } from './stats.ts';

const CALLS = 400;
const WARMUP = 40;
const MESSAGES = [
  { role: 'system' as const, content: 'You are Alex, a concise interviewer.' },
  { role: 'user' as const, content: 'Acknowledge this answer in one sentence: I migrated our billing database with zero downtime.' },
];

export interface Overhead {
  directP50Ms: number;
  chainP50Ms: number;
  directP99Ms: number;
  chainP99Ms: number;
  /** Median and 99th percentile of (chain - direct) over alternating pairs. */
  addedP50Ms: number;
  addedP99Ms: number;
}

async function measure(direct: () => Promise<unknown>, viaChain: () => Promise<unknown>): Promise<Overhead> {
  for (let i = 0; i < WARMUP; i++) {
    await direct();
    await viaChain();
  }
  const d: number[] = [];
  const c: number[] = [];
  const added: number[] = [];
  for (let i = 0; i < CALLS; i++) {
    // Alternate which goes first, so neither always gets the warmer connection.
    const order = i % 2 ? [direct, viaChain] : [viaChain, direct];
    const times: number[] = [];
    for (const fn of order) {
      const t0 = performance.now();
      await fn();
      times.push(performance.now() - t0);
    }
    const [td, tc] = i % 2 ? [times[0]!, times[1]!] : [times[1]!, times[0]!];
    d.push(td);
    c.push(tc);
    added.push(tc - td);
  }
  return {
    directP50Ms: r2(percentile(d, 50)),
    chainP50Ms: r2(percentile(c, 50)),
    directP99Ms: r2(percentile(d, 99)),
    chainP99Ms: r2(percentile(c, 99)),
    addedP50Ms: r2(percentile(added, 50)),
    addedP99Ms: r2(percentile(added, 99)),
  };
}

export interface LlmBenchFigures {
  geminiMemoryStore: Overhead;
  geminiSqliteStore: Overhead;
  openaiMemoryStore: Overhead;
  calls: number;
}

export async function runLlmBench(): Promise<LlmBenchFigures> {
  const key = 'AIzaBenchKey00000000000000000';
  const gemini = await new FakeGemini({ apiKey: key }).start();
  const openai = await new FakeOpenAI({ apiKey: 'sk-bench-000000000000' }).start();
  const dir = mkdtempSync(join(tmpdir(), 'llm-bench-'));
  const sqlite = new SqliteKeyValueStore(join(dir, 'kv.sqlite'));
  const logger = pino({ level: 'silent' });
  try {
    const ai = createGeminiClient(key, gemini.url);
    const directGemini = () =>
      ai.models.generateContent({ model: 'gemini-2.5-flash', contents: [{ role: 'user', parts: [{ text: MESSAGES[1]!.content }] }], config: { systemInstruction: MESSAGES[0]!.content, automaticContinuation: false, thinkingConfig: { thinkingBudget: 0 } } });
    const geminiChain = (kv: KeyValueStore) => new ProviderChain({ models: [new GeminiModel({ apiKey: key, model: 'gemini-2.5-flash', client: createGeminiClient(key, gemini.url) })], kv, logger, quotas: { gemini: 10_000_000 } });
    const gm = geminiChain(new MemoryKeyValueStore());
    const geminiMemoryStore = await measure(directGemini, () => gm.generate(MESSAGES, {}));
    const gs = geminiChain(sqlite);
    const geminiSqliteStore = await measure(directGemini, () => gs.generate(MESSAGES, {}));

    const client = new OpenAI({ apiKey: 'sk-bench-000000000000', baseURL: openai.baseURL, maxRetries: 0 });
    const directOpenAi = () => client.chat.completions.create({ model: 'gpt-4o-mini', messages: MESSAGES });
    const oc = new ProviderChain({ models: [new OpenAiModel({ apiKey: 'sk-bench-000000000000', baseUrl: openai.baseURL, model: 'gpt-4o-mini' })], kv: new MemoryKeyValueStore(), logger });
    const openaiMemoryStore = await measure(directOpenAi, () => oc.generate(MESSAGES, {}));
    return { geminiMemoryStore, geminiSqliteStore, openaiMemoryStore, calls: CALLS };
  } finally {
    await sqlite.close();
    rmSync(dir, { recursive: true, force: true });
    await Promise.all([gemini.close(), openai.close()]);
  }
}

if (isMain(import.meta.url)) {
  const f = await runLlmBench();
  const line = (o: Overhead) => `${o.addedP50Ms} ms p50 / ${o.addedP99Ms} ms p99 added (direct ${o.directP50Ms} / ${o.directP99Ms} ms, chain ${o.chainP50Ms} / ${o.chainP99Ms} ms)`;
  printFigures(`Language-model chain overhead vs a direct SDK call (local fake server, ${f.calls} alternating pairs)`, {
    'Gemini, memory store': `${line(f.geminiMemoryStore)} (aim < 5 ms p50)`,
    'Gemini, SQLite store': line(f.geminiSqliteStore),
    'OpenAI, memory store': line(f.openaiMemoryStore),
  });
}
