/**
 * HTTP load benchmark: N concurrent interviews (default 200) through the seed's API on
 * 127.0.0.1, against `node src/main.ts` in a child process with the offline interviewer and
 * a SQLite store in a temp dir. Reports turn latency (p50/p99, client side), throughput and
 * the server's peak RSS. Bounded in count (one interview per virtual user) and in time.
 *
 * Run: node bench/http-load.ts [interviews] [time limit s]
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { isMain, mb, percentile, printFigures, r2 } from './stats.ts';

export interface HttpLoadFigures {
  interviews: number;
  completed: number;
  turns: number;
  errors: number;
  wallS: number;
  turnsPerS: number;
  turnP50Ms: number;
  turnP99Ms: number;
  startP50Ms: number;
  startP99Ms: number;
  /** Server process high-water mark (VmHWM), MB. */
  peakRssMb: number;
  timedOut: boolean;
}

const TYPES = ['screening', 'behavioral', 'technical'] as const;
const ANSWERS = [
  'At my last job our deploys failed weekly. I owned the fix: I added canary releases, wrote rollback scripts and alerts, and failures dropped by 80% within two months.',
  'I like building things people use. I want a team that ships often and cares about quality.',
  'We had a conflict about the database choice. I set up a one-day spike to compare both with real data, we picked Postgres, and the team agreed because the numbers were clear.',
  'Not sure, probably fine.',
];

function peakRssMb(pid: number): number {
  try {
    const m = readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmHWM:\s+(\d+) kB/);
    return m ? mb(Number(m[1]) * 1024) : NaN;
  } catch {
    return NaN;
  }
}

async function startServer(dir: string): Promise<{ port: number; pid: number; stop: () => Promise<number | null> }> {
  const child = spawn(process.execPath, ['--max-semi-space-size=8', '--disable-warning=ExperimentalWarning', 'src/main.ts'], {
    cwd: join(import.meta.dirname, '..'),
    // Production-like: info logs (one line per request in and out), a generous rate limit.
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', STORE_URL: `sqlite://${join(dir, 'bench.sqlite')}`, RATE_LIMIT_PER_MINUTE: '1000000' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  const port = await new Promise<number>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error('server did not start in 20 s')), 20_000);
    createInterface({ input: child.stderr! }).on('line', (line) => {
      if (!line.includes('"listening"')) return;
      clearTimeout(t);
      resolve(Number((JSON.parse(line) as { port: number }).port));
    });
    void exited.then((code) => reject(new Error(`server exited with ${code}`)));
  });
  return {
    port,
    pid: child.pid!,
    stop: async () => {
      child.kill('SIGTERM');
      return exited;
    },
  };
}

export async function runHttpLoadBench(opts: { interviews?: number; timeLimitS?: number } = {}): Promise<HttpLoadFigures> {
  const n = opts.interviews ?? 200;
  const deadline = Date.now() + (opts.timeLimitS ?? 120) * 1000;
  const dir = mkdtempSync(join(tmpdir(), 'ic-http-bench-'));
  const server = await startServer(dir);
  const base = `http://127.0.0.1:${server.port}`;
  const turnMs: number[] = [];
  const startMs: number[] = [];
  let errors = 0;
  let completed = 0;
  let timedOut = false;

  const call = async (path: string, body: unknown, into: number[]): Promise<Record<string, unknown> | null> => {
    const t = performance.now();
    try {
      const res = await fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), signal: AbortSignal.timeout(30_000) });
      const json = (await res.json()) as Record<string, unknown>;
      into.push(performance.now() - t);
      if (res.status !== 200) {
        errors++;
        return null;
      }
      return json;
    } catch {
      errors++;
      return null;
    }
  };

  const user = async (i: number) => {
    const type = TYPES[i % TYPES.length]!;
    const start = await call(`/api/interview/${type}/start`, { user_id: `load-${i}`, user_name: `User ${i}` }, startMs);
    if (!start) return;
    let turn = start;
    for (let k = 0; k < 40 && !turn.is_complete; k++) {
      if (Date.now() > deadline) {
        timedOut = true;
        return;
      }
      const next = await call(`/api/interview/${type}/respond`, { session_id: start.session_id, user_response: ANSWERS[(i + k) % ANSWERS.length] }, turnMs);
      if (!next) return;
      turn = next;
    }
    if (turn.is_complete) completed++;
  };

  const t0 = performance.now();
  await Promise.all(Array.from({ length: n }, (_, i) => user(i)));
  const wallS = (performance.now() - t0) / 1000;
  const peak = peakRssMb(server.pid);
  const code = await server.stop();
  rmSync(dir, { recursive: true, force: true });
  if (code !== 0) errors++;

  return {
    interviews: n,
    completed,
    turns: turnMs.length,
    errors,
    wallS: r2(wallS),
    turnsPerS: r2((turnMs.length + startMs.length) / wallS),
    turnP50Ms: r2(percentile(turnMs, 50)),
    turnP99Ms: r2(percentile(turnMs, 99)),
    startP50Ms: r2(percentile(startMs, 50)),
    startP99Ms: r2(percentile(startMs, 99)),
    peakRssMb: peak,
    timedOut,
  };
}

if (isMain(import.meta.url)) {
  const [count, limit] = process.argv.slice(2).map(Number);
  const f = await runHttpLoadBench({ ...(count ? { interviews: count } : {}), ...(limit ? { timeLimitS: limit } : {}) });
  printFigures(`HTTP API load: ${f.interviews} concurrent interviews, offline interviewer, SQLite store (server in a child process)`, {
    'interviews completed': `${f.completed} / ${f.interviews}${f.timedOut ? ' (time limit hit)' : ''}`,
    'requests (start + respond)': f.turns + f.interviews,
    errors: f.errors,
    'wall time': `${f.wallS} s`,
    throughput: `${f.turnsPerS} requests/s`,
    'turn latency p50': `${f.turnP50Ms} ms`,
    'turn latency p99': `${f.turnP99Ms} ms`,
    'start latency p50 / p99': `${f.startP50Ms} / ${f.startP99Ms} ms`,
    'server peak RSS': `${f.peakRssMb} MB (target < 300 MB)`,
  });
}
