// `make start` as a person sees it: the banner in a real terminal names the real port and says
// which surface is on, which is off and why; /health lists the same surfaces.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeSlack, type FakeSlack } from '../fakes/slack/index.ts';
import { Terminal, userEnv } from './tmux.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const MAIN = 'scripts/node-env.sh node --disable-warning=ExperimentalWarning src/main.ts';

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as { port: number }).port;
  await new Promise((r) => s.close(r));
  return port;
}

let term: Terminal | undefined;
let slack: FakeSlack | undefined;
afterEach(async () => {
  term?.close();
  await slack?.close();
});

describe('the start-up banner', () => {
  it('names the real port and the state of each surface, model and speech, as /health does', async () => {
    slack = await startFakeSlack({});
    const port = await freePort();
    const env = userEnv({ PORT: String(port), HOST: '127.0.0.1', STORE_URL: 'memory://', LOG_LEVEL: 'warn', EDGE_TTS_ENABLED: 'false', SLACK_BOT_TOKEN: slack.identity.botToken, SLACK_SIGNING_SECRET: 'banner-test-secret', SLACK_API_URL: slack.apiUrl });
    term = new Terminal(MAIN, { cwd: ROOT, env, width: 120 });
    const screen = await term.waitFor(/Log lines \(JSON\) follow/, 30_000);
    const base = `http://127.0.0.1:${port}`;
    expect(screen).toMatch(new RegExp(`API\\s+${base}\\s+\\(docs: ${base}/docs\\)`));
    expect(screen).toMatch(new RegExp(`Dashboard\\s+${base}/dashboard`));
    expect(screen).toMatch(new RegExp(`Interview\\s+${base}/interview`));
    expect(screen).toMatch(/Discord\s+off: DISCORD_TOKEN is not set/);
    expect(screen).toMatch(new RegExp(`Slack\\s+on, over HTTP at ${base}/slack/events`));
    expect(screen).toMatch(/Model\s+built-in offline interviewer/);
    expect(screen).toMatch(/Speech\s+text only: no speech service \(GPU_SERVER_URL is not set, EDGE_TTS_ENABLED is off\)/);

    const health = (await (await fetch(`${base}/health`)).json()) as { components: Record<string, { configured: boolean; ok: boolean; detail?: string }> };
    expect(health.components.discord).toEqual({ configured: false, ok: false, detail: 'off: DISCORD_TOKEN is not set' });
    expect(health.components.slack).toMatchObject({ configured: true, ok: true, detail: 'HTTP at /slack/events' });
  }, 60_000);

  it('is left out when the output is not a terminal (JSON logs only)', async () => {
    const port = await freePort();
    const child = spawn('bash', ['-c', MAIN], { cwd: ROOT, env: userEnv({ PORT: String(port), HOST: '127.0.0.1', STORE_URL: 'memory://', LOG_LEVEL: 'info', EDGE_TTS_ENABLED: 'false' }), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    try {
      const until = Date.now() + 30_000;
      while (!stderr.includes('"msg":"listening"') && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
      expect(stderr).toContain(`"port":${port}`);
      expect(stdout).toBe('');
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
  }, 60_000);
});
