/**
 * Engine figures: turns per second on one core (offline interviewer, SQLite store), turn
 * latency, memory per active session, and process RSS holding 1,000 concurrent interviews.
 * Run: node --expose-gc --max-semi-space-size=8 bench/engine.ts (as make bench does, matching make start)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InterviewEngine } from '../src/engine/engine.ts';
import { SqliteKeyValueStore } from '../src/engine/store/sqlite-store.ts';
import { SessionStore } from '../src/engine/store/session-store.ts';
import type { InterviewType } from '../src/engine/types.ts';
import { silentLogger } from '../src/logger.ts';
import { countingSessionIO } from './counting-store.ts';
import { isMain, mb, percentile, printFigures, r2 } from './stats.ts';

const ANSWERS = [
  'At my previous company our checkout service failed at peak. I owned the fix: I traced a pool leak, wrote a patch and added load tests. Errors dropped by 85% and we handled 3x traffic.',
  'I would start with the requirements, estimate 2,000 requests per second, put a cache in front of PostgreSQL and shard by user id, trading some consistency for latency.',
  'I think it went fine.',
  'skip',
];
const TYPES: InterviewType[] = ['screening', 'behavioral', 'technical'];

const CountingSqliteStore = countingSessionIO(SqliteKeyValueStore);

export async function runEngineBench(opts: { sessions?: number } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'ic-bench-'));
  const kv = new CountingSqliteStore(join(dir, 'bench.sqlite'));
  const engine = new InterviewEngine({ store: new SessionStore(kv), logger: silentLogger() });
  const total = opts.sessions ?? 1000;

  // 1) Hold `total` interviews open at once: start each, answer two questions.
  global.gc?.();
  const rssBefore = process.memoryUsage().rss;
  const heapBefore = process.memoryUsage().heapUsed;
  const ids: string[] = [];
  for (let i = 0; i < total; i++) {
    const r = await engine.start({ key: `bench:${i}`, userKey: `u${i}`, type: TYPES[i % 3]!, seed: i });
    ids.push(r.sessionId);
  }
  const latencies: number[] = [];
  const t0 = performance.now();
  const reads0 = kv.reads;
  const writes0 = kv.writes;
  let turns = 0;
  // 2) Turns, interleaved across all open sessions, one at a time (one core, no overlap).
  for (let round = 0; round < 4; round++) {
    for (let i = 0; i < ids.length; i++) {
      const s = performance.now();
      await engine.handleSession(ids[i]!, { kind: 'answer', text: ANSWERS[(i + round) % ANSWERS.length]! });
      latencies.push(performance.now() - s);
      turns++;
    }
  }
  const elapsed = (performance.now() - t0) / 1000;
  const readsPerAnswer = (kv.reads - reads0) / turns;
  const writesPerAnswer = (kv.writes - writes0) / turns;
  global.gc?.();
  const mem = process.memoryUsage();
  const sample = await engine.getById(ids[1]!);
  const sessionBytes = Buffer.byteLength(JSON.stringify(sample));
  const figures = {
    turnsPerSecond: Math.round(turns / elapsed),
    turnP50Ms: r2(percentile(latencies, 50)),
    turnP99Ms: r2(percentile(latencies, 99)),
    turnsMeasured: turns,
    readsPerAnswer: r2(readsPerAnswer),
    writesPerAnswer: r2(writesPerAnswer),
    activeSessions: total,
    storedBytesPerSession: sessionBytes,
    heapPerSessionKB: r2((mem.heapUsed - heapBefore) / total / 1024),
    rssHoldingSessionsMB: mb(mem.rss),
    rssGrowthMB: mb(mem.rss - rssBefore),
  };
  await kv.close();
  rmSync(dir, { recursive: true, force: true });
  return figures;
}

if (isMain(import.meta.url)) {
  const f = await runEngineBench();
  printFigures('Engine (offline interviewer, SQLite store, one core)', {
    'turns per second': `${f.turnsPerSecond} (aim >= 2,000)`,
    'turn latency p50 / p99': `${f.turnP50Ms} ms / ${f.turnP99Ms} ms`,
    'turns measured': f.turnsMeasured,
    'session reads / writes per answer': `${f.readsPerAnswer} / ${f.writesPerAnswer} (goal: one each)`,
    'concurrent interviews held': f.activeSessions,
    'stored size of one session': `${Math.round(f.storedBytesPerSession / 1024)} KB (aim <= 50 KB)`,
    'heap per active session': `${f.heapPerSessionKB} KB`,
    'process RSS with 1,000 interviews': `${f.rssHoldingSessionsMB} MB (aim <= 150 MB; grew ${f.rssGrowthMB} MB while they opened)`,
  });
}
