import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { SqliteKeyValueStore } from '../../src/engine/store/sqlite-store.ts';
import { STRONG_BEHAVIORAL } from './helpers.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

interface LogLine {
  msg?: string;
  port?: number;
  req?: { url?: string };
  [k: string]: unknown;
}

/** Starts `node src/main.ts` and collects its JSON log lines (stderr). */
function startMain(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--disable-warning=ExperimentalWarning', 'src/main.ts'], {
    cwd: ROOT,
    // A clean environment: no chat tokens or keys from the developer's shell.
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const lines: LogLine[] = [];
  const raw: string[] = [];
  const waiters: { test: (l: LogLine) => boolean; resolve: (l: LogLine) => void }[] = [];
  createInterface({ input: child.stderr! }).on('line', (text) => {
    raw.push(text);
    let line: LogLine;
    try {
      line = JSON.parse(text) as LogLine;
    } catch {
      return;
    }
    lines.push(line);
    for (const w of [...waiters]) if (w.test(line)) w.resolve(line);
  });
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  const waitFor = (test: (l: LogLine) => boolean, ms = 15_000) =>
    new Promise<LogLine>((resolve, reject) => {
      const found = lines.find(test);
      if (found) return resolve(found);
      const t = setTimeout(() => reject(new Error(`log line not seen; stderr was:\n${raw.join('\n')}`)), ms);
      waiters.push({ test, resolve: (l) => (clearTimeout(t), resolve(l)) });
    });
  return { child, lines, raw, exited, waitFor };
}

/** One request on a fresh connection (no keep-alive pool), resolving to a status or the socket error code. */
function freshPost(port: number, path: string, body: unknown): Promise<number | string> {
  return new Promise((resolve) => {
    const data = JSON.stringify(body);
    const req = request({ host: '127.0.0.1', port, path, method: 'POST', agent: false, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data) } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? 'error'));
    req.end(data);
  });
}

let child: ChildProcess | undefined;
let dir: string | undefined;
afterEach(() => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('graceful shutdown of src/main.ts', () => {
  it('finishes the turn in flight, refuses new work, closes the store and exits 0 on SIGTERM', async () => {
    dir = mkdtempSync(join(tmpdir(), 'ic-shutdown-'));
    const dbPath = join(dir, 'interviews.sqlite');
    // Busy sessions answer 503 almost at once by default; this turn must wait for the held lock instead.
    const main = startMain({ STORE_URL: `sqlite://${dbPath}`, SESSION_LOCK_WAIT_MS: '20000' });
    child = main.child;
    const port = Number((await main.waitFor((l) => l.msg === 'listening')).port);
    expect(port).toBeGreaterThan(0);
    const base = `http://127.0.0.1:${port}`;

    const start = await fetch(`${base}/api/interview/screening/start`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ user_id: 'sigterm' }) });
    const { session_id: id } = (await start.json()) as { session_id: string };

    // Hold the session's lock from this process (the store is shared, as between two replicas),
    // so the next turn is certainly inside the engine when SIGTERM arrives.
    const kv = new SqliteKeyValueStore(dbPath);
    const token = await kv.tryLock(`session:${id}`, 30_000);
    expect(token).toBeTruthy();

    const inFlight = fetch(`${base}/api/interview/screening/respond`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ session_id: id, user_response: STRONG_BEHAVIORAL }) });
    await main.waitFor((l) => l.msg === 'incoming request' && String(l.req?.url).endsWith('/respond'));
    await new Promise((r) => setTimeout(r, 300));

    main.child.kill('SIGTERM');
    await main.waitFor((l) => l.msg === 'shutting down: finishing turns in flight');

    // New work is refused: the listener is closed (or, on a connection already open, a 503).
    const late = await freshPost(port, '/api/interview/screening/start', { user_id: 'late' });
    expect(['ECONNREFUSED', 'ECONNRESET', 503]).toContain(late);

    // Let the held turn go on; it must complete normally.
    await kv.unlock(`session:${id}`, token!);
    const res = await inFlight;
    expect(res.status).toBe(200);
    const body = (await res.json()) as { question_number: number; session_id: string };
    expect(body.session_id).toBe(id);

    const answeredAt = Date.now();
    expect(await main.exited).toBe(0);
    expect(main.lines.some((l) => l.msg === 'stopped')).toBe(true);
    // Nothing (an idle keep-alive connection, a timer) keeps the process waiting after the last answer.
    expect(Date.now() - answeredAt).toBeLessThan(2000);

    // The answer was saved before the store closed.
    const saved = await kv.get<{ transcript: { role: string; text: string }[] }>(`session:${id}`);
    expect(saved!.transcript.some((t) => t.role === 'candidate' && t.text === STRONG_BEHAVIORAL)).toBe(true);
    await kv.close();
  }, 40_000);

  it('prints configuration problems plainly and exits 2', async () => {
    const main = startMain({ PORT: 'eighty', STORE_URL: 'ftp://nowhere' });
    child = main.child;
    expect(await main.exited).toBe(2);
    const text = main.raw.join('\n');
    expect(text).toContain('PORT: must be a number');
    expect(text).toContain('STORE_URL:');
  }, 20_000);
});
