/** A process killed mid-turn leaves its session lock behind; the next process must not be held up by it. */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { SqliteKeyValueStore } from '../../src/engine/store/sqlite-store.ts';
import { apiForTest, post } from '../api/helpers.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

/** Another process takes the session's lock (30 s, like a long turn), then is killed with SIGKILL. */
async function lockThenDie(dbPath: string, key: string): Promise<void> {
  const code = `import { SqliteKeyValueStore } from ${JSON.stringify(join(ROOT, 'src/engine/store/sqlite-store.ts'))};
const kv = new SqliteKeyValueStore(${JSON.stringify(dbPath)});
console.log((await kv.tryLock(${JSON.stringify(key)}, 30000)) ? 'locked' : 'busy');
setInterval(() => {}, 1000);`;
  const child = spawn(process.execPath, ['--disable-warning=ExperimentalWarning', '--input-type=module', '-e', code], { stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await new Promise<string>((r) => createInterface({ input: child.stdout! }).once('line', r));
  expect(line).toBe('locked');
  const gone = new Promise((r) => child.once('exit', r));
  child.kill('SIGKILL');
  await gone;
}

describe('session locks', () => {
  it('a lock left by a process killed mid-turn does not hold up the next answer', async () => {
    dir = mkdtempSync(join(tmpdir(), 'ic-locks-'));
    const dbPath = join(dir, 'interviews.sqlite');
    const { app } = await apiForTest({ STORE_URL: `sqlite://${dbPath}` });
    const start = await post(app, '/api/interview/screening/start', { user_id: 'kill9' });
    const id = start.json.session_id as string;
    await lockThenDie(dbPath, `session:${id}`);

    const t0 = performance.now();
    const res = await post(app, '/api/interview/screening/respond', { session_id: id, user_response: 'I moved our jobs to Kafka and cut lag by half.' });
    expect(res.status).toBe(200);
    expect(performance.now() - t0).toBeLessThan(1500);
  });

  it('a session busy in a live process answers 503 with Retry-After at once', async () => {
    dir = mkdtempSync(join(tmpdir(), 'ic-locks-'));
    const dbPath = join(dir, 'interviews.sqlite');
    const { app } = await apiForTest({ STORE_URL: `sqlite://${dbPath}` });
    const start = await post(app, '/api/interview/screening/start', { user_id: 'busy' });
    const id = start.json.session_id as string;
    const other = new SqliteKeyValueStore(dbPath); // a second, live process's view of the store
    const token = await other.tryLock(`session:${id}`, 30_000);
    expect(token).toBeTruthy();

    const t0 = performance.now();
    const res = await post(app, '/api/interview/screening/respond', { session_id: id, user_response: 'An answer while another replica holds the turn.' });
    expect(res.status).toBe(503);
    expect(res.json.error).toBe('busy');
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expect(performance.now() - t0).toBeLessThan(2000);

    await other.unlock(`session:${id}`, token!);
    expect((await post(app, '/api/interview/screening/respond', { session_id: id, user_response: 'The same answer, sent again.' })).status).toBe(200);
    await other.close();
  });

  it('a long turn keeps its short lock by renewing it past the expiry; the lock is free when the turn ends', async () => {
    const { MemoryKeyValueStore } = await import('../../src/engine/store/memory-store.ts');
    const { SessionStore } = await import('../../src/engine/store/session-store.ts');
    const kv = new MemoryKeyValueStore();
    const store = new SessionStore(kv);
    // A long turn keeps its short lock alive by renewing it.
    let release!: () => void;
    const held = store.withLock('session:long', () => new Promise<void>((r) => (release = r)));
    await new Promise((r) => setTimeout(r, 6_000));
    expect(await kv.tryLock('session:long', 1000)).toBeNull();
    release();
    await held;
    expect(await kv.tryLock('session:long', 1000)).toBeTruthy();
  }, 15_000);
});
