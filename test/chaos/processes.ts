/** Real processes for fault injection: a private Redis and `node src/main.ts`, each killable and restartable on the same port. */
import { spawn, type ChildProcess } from 'node:child_process';
import { connect, createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

/** A process killed by a signal keeps exitCode null; signalCode says it is gone. */
const running = (c: ChildProcess) => c.exitCode === null && c.signalCode === null;

async function waitUntil(ok: () => Promise<boolean>, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await ok().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${what} did not come up within ${ms} ms`);
}

/** redis-server with an append-only file, so data written before a SIGKILL is there after a restart. */
export class RedisProcess {
  private child: ChildProcess | undefined;
  readonly port: number;
  readonly dir: string;
  constructor(port: number, dir: string) {
    this.port = port;
    this.dir = dir;
  }
  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }
  async start(): Promise<void> {
    this.child = spawn('redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'yes', '--appendfsync', 'everysec', '--dir', this.dir], { stdio: 'ignore' });
    await waitUntil(async () => (await fetchRedisPing(this.port)) === true, 10_000, 'redis-server');
  }
  kill(): void {
    this.child?.kill('SIGKILL');
  }
  async stop(): Promise<void> {
    if (this.child && running(this.child)) {
      const gone = new Promise((r) => this.child!.once('exit', r));
      this.child.kill('SIGKILL');
      await gone;
    }
  }
}

/** PING over a raw socket: true when Redis answers +PONG. */
function fetchRedisPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect(port, '127.0.0.1');
    s.setTimeout(500, () => (s.destroy(), resolve(false)));
    s.on('error', () => resolve(false));
    s.on('connect', () => s.write('PING\r\n'));
    s.on('data', (d) => (s.destroy(), resolve(d.toString().startsWith('+PONG'))));
  });
}

/** `node src/main.ts` on a fixed port, so clients reach the restarted server at the same address. */
export class ServerProcess {
  private child: ChildProcess | undefined;
  readonly port: number;
  private readonly env: Record<string, string>;
  readonly logs: string[] = [];
  constructor(port: number, env: Record<string, string>) {
    this.port = port;
    this.env = env;
  }
  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }
  async start(): Promise<void> {
    this.child = spawn(process.execPath, ['--disable-warning=ExperimentalWarning', 'src/main.ts'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', PORT: String(this.port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...this.env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    createInterface({ input: this.child.stderr! }).on('line', (l) => this.logs.push(l));
    await waitUntil(async () => (await fetch(`${this.url}/health`, { signal: AbortSignal.timeout(500) })).status < 500, 20_000, 'the server');
  }
  /** Sends a signal (SIGTERM for a graceful stop) and resolves with the exit code. */
  async stop(signal: NodeJS.Signals): Promise<number | null> {
    if (!this.child || !running(this.child)) return this.child?.exitCode ?? null;
    const gone = new Promise<number | null>((r) => this.child!.once('exit', (code) => r(code)));
    this.child.kill(signal);
    return gone;
  }
  async kill(): Promise<void> {
    if (!this.child || !running(this.child)) return;
    const gone = new Promise((r) => this.child!.once('exit', r));
    this.child.kill('SIGKILL');
    await gone;
  }
}
