/**
 * Model calls per interview: how many requests, tokens and dollars one interview costs on
 * the language-model path, and so how many interviews fit in a free-tier day. Runs whole
 * interviews (strong and weak scripted candidates, every type) against the fake Gemini,
 * which behaves like a model: it follows up until an answer is long enough and copies its
 * evidence from the answer. Also counts session reads and writes per candidate message.
 *
 * Two designs are measured side by side: scores in the closing reaction (what runs), and a
 * separate scoring call per question (the earlier design, kept as the fallback path).
 *
 * Run: node bench/model-calls.ts
 */
import pino from 'pino';
import { InterviewEngine } from '../src/engine/engine.ts';
import { ProviderChain } from '../src/engine/llm/chain.ts';
import { GeminiModel } from '../src/engine/llm/gemini.ts';
import { LlmBrain } from '../src/engine/llm/llm-brain.ts';
import { MemoryKeyValueStore } from '../src/engine/store/memory-store.ts';
import { SessionStore } from '../src/engine/store/session-store.ts';
import type { InterviewType } from '../src/engine/types.ts';
import { FakeGemini } from '../test/fakes/llm/index.ts';
import { playInterview } from '../test/helpers/play-interview.ts';
import { ScriptedCandidate } from '../test/helpers/scripted-candidate.ts';
import { countingSessionIO } from './counting-store.ts';
import { isMain, printFigures, r2 } from './stats.ts';

/** Gemini's free tier: requests per day for Flash models. */
export const FREE_TIER_REQUESTS_PER_DAY = 1500;
const TYPES: InterviewType[] = ['screening', 'behavioral', 'technical', 'customize'];
const SEEDS = [1, 2, 3];
const KEY = 'AIzaBenchKey00000000000000000';
const PROVIDER_CACHE_MIN_TOKENS = 1024;

const CountingStore = countingSessionIO(MemoryKeyValueStore);

export interface TypeFigures {
  interviews: number;
  messages: number;
  calls: number;
  inputTokens: number;
  cachedInputTokens: number;
  outputTokens: number;
  costUsd: number;
  reads: number;
  writes: number;
}

export async function runModelCallsBench(o: { scoreWithReaction: boolean }): Promise<Record<string, TypeFigures>> {
  // Caches a repeated prompt start of 1,024 tokens or more, Gemini 2.5 Flash's minimum for implicit caching.
  const gemini = await new FakeGemini({ apiKey: KEY, promptCacheMinTokens: PROVIDER_CACHE_MIN_TOKENS }).start();
  try {
    const out: Record<string, TypeFigures> = {};
    for (const type of TYPES) {
      for (const mode of ['strong', 'weak'] as const) {
        const kv = new CountingStore();
        const chain = new ProviderChain({ models: [new GeminiModel({ apiKey: KEY, baseUrl: gemini.url, model: 'gemini-2.5-flash' })], kv: new MemoryKeyValueStore(), logger: pino({ level: 'silent' }), deadlineMs: 5000 });
        const brain = new LlmBrain({ chain, turnDeadlineMs: 5000, scoreWithReaction: o.scoreWithReaction });
        const engine = new InterviewEngine({ store: new SessionStore(kv), logger: pino({ level: 'silent' }), brain, turnDeadlineMs: 5000, reportDeadlineMs: 5000 });
        const f: TypeFigures = { interviews: 0, messages: 0, calls: 0, inputTokens: 0, cachedInputTokens: 0, outputTokens: 0, costUsd: 0, reads: 0, writes: 0 };
        for (const seed of SEEDS) {
          const r0 = kv.reads;
          const w0 = kv.writes;
          const p = await playInterview(engine, new ScriptedCandidate(mode, { seed }), { type, seed });
          const messages = p.session.transcript.filter((t) => t.role === 'candidate').length + p.refusals;
          const model = p.session.calls.filter((c) => c.provider !== 'offline');
          f.interviews++;
          f.messages += messages;
          f.calls += model.length;
          f.inputTokens += model.reduce((s, c) => s + c.inputTokens, 0);
          f.cachedInputTokens += model.reduce((s, c) => s + (c.cachedInputTokens ?? 0), 0);
          f.outputTokens += model.reduce((s, c) => s + c.outputTokens, 0);
          f.costUsd += model.reduce((s, c) => s + c.costUsd, 0);
          // The candidate's own moves are not the engine's: playInterview reads the session once per turn and once at the end.
          f.reads += kv.reads - r0 - (p.replies.length - 1) - 1;
          // The start's own write is not an answer's.
          f.writes += kv.writes - w0 - 1;
        }
        out[`${type}, ${mode}`] = f;
      }
    }
    return out;
  } finally {
    await gemini.close();
  }
}

function lines(figs: Record<string, TypeFigures>): Record<string, string> {
  const rows: Record<string, string> = {};
  for (const [label, f] of Object.entries(figs)) {
    const n = f.interviews;
    const calls = f.calls / n;
    const msgs = f.messages / n;
    rows[label] =
      `${r2(calls)} calls for ${r2(msgs)} candidate messages (${r2(calls / msgs)} per message; goal <= ${r2(msgs + 1)}), ` +
      `${Math.round(f.inputTokens / n)} in (${Math.round(f.cachedInputTokens / n)} cached) / ${Math.round(f.outputTokens / n)} out tokens, $${(f.costUsd / n).toFixed(5)}, ` +
      `${Math.floor(FREE_TIER_REQUESTS_PER_DAY / calls)} interviews per free-tier day; session reads/writes per message ${r2(f.reads / f.messages)} / ${r2(f.writes / f.messages)} (goal: one each)`;
  }
  return rows;
}

if (isMain(import.meta.url)) {
  const before = await runModelCallsBench({ scoreWithReaction: false });
  const after = await runModelCallsBench({ scoreWithReaction: true });
  const note = `fake Gemini 2.5 Flash caching prompt starts of ${PROVIDER_CACHE_MIN_TOKENS}+ tokens, ${SEEDS.length} seeds per type and candidate, ${FREE_TIER_REQUESTS_PER_DAY} requests a day`;
  printFigures(`Model calls per interview, separate scoring call per question (before; ${note})`, lines(before));
  printFigures(`Model calls per interview, scores in the closing reaction (after; ${note})`, lines(after));
}
