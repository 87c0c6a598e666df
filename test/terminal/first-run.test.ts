// A newcomer's first minutes, as the README tells them: a fresh clone, `make try` in a real
// terminal (tmux), then a .env and `make start`. Slow (a full npm install into the clone; the
// npm cache is reused), so it runs once, end to end.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ESC, Terminal, userEnv } from './tmux.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
let clone: string;
const terms: Terminal[] = [];

beforeAll(() => {
  clone = mkdtempSync(join(tmpdir(), 'first-run-'));
  // What the README starts from: the repository as committed, nothing installed.
  execFileSync('git', ['clone', '--quiet', ROOT, clone]);
}, 60_000);
afterAll(() => {
  for (const t of terms) t.close();
  rmSync(clone, { recursive: true, force: true });
}, 180_000);

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as { port: number }).port;
  await new Promise((r) => s.close(r));
  return port;
}

describe('first run on a fresh clone', () => {
  it('`make try` shows what it installs, then Alex asks, and the report is drawn in colour', async () => {
    // The README's path: .env.example copied to .env as it stands (its values must all be valid).
    copyFileSync(join(clone, '.env.example'), join(clone, '.env'));
    const env = userEnv();
    for (const k of ['PORT', 'HOST', 'STORE_URL', 'LOG_LEVEL']) delete env[k];
    const term = new Terminal('make try', { cwd: clone, env, width: 100, height: 50 });
    terms.push(term);
    // Progress while installing (the count moves), then the first question.
    const installing = await term.waitFor(/install: \d+ npm packages from package-lock\.json/, 120_000);
    expect(installing).toMatch(/install: \d+ npm packages from package-lock\.json with Node v2\d/);
    const asked = await term.waitFor(/You: $/m, 300_000);
    expect(asked).toMatch(/install: \d+ of \d+ packages|install: done, \d+ packages in \d+ s\./);
    expect(asked).toMatch(/Alex: .*screening interview/s);
    expect(asked).toMatch(/\[Question 1 of 5\]/);
    expect(term.screen({ escapes: true })).toContain(`${ESC}1m${ESC}36mAlex:`);

    term.type('I would like a hybrid setup: two days in the office suits me, and I have worked that way for three years at a 40-person startup.');
    await term.waitFor(/You: [^\n]+\n(.|\n)*You: $/m, 30_000);
    term.type('end');
    const done = await term.waitFor(/\[exit \d+\]/, 60_000);
    expect(done).toContain('[exit 0]');
    expect(done).toMatch(/Screening interview feedback/);
    expect(done).not.toContain('**');
    expect(done).not.toMatch(/^#+ /m);
    // .env's LOG_LEVEL=info is for servers: no JSON log lines in the conversation.
    expect(done).not.toMatch(/^\{"level"/m);
  }, 480_000);

  it('`make start` reads .env: the banner and the server use the PORT written there', async () => {
    const port = await freePort();
    // Values a newcomer copies from .env.example; the environment passed here sets neither.
    writeFileSync(join(clone, '.env'), `PORT=${port}\nHOST=127.0.0.1\nSTORE_URL=memory://\nLOG_LEVEL=warn\nEDGE_TTS_ENABLED=false\n`);
    const env = userEnv();
    for (const k of ['PORT', 'HOST', 'STORE_URL', 'LOG_LEVEL', 'EDGE_TTS_ENABLED', 'DISCORD_TOKEN', 'SLACK_BOT_TOKEN']) delete env[k];
    const term = new Terminal('make start', { cwd: clone, env, width: 120 });
    terms.push(term);
    const screen = await term.waitFor(/Log lines \(JSON\) follow/, 60_000);
    expect(screen).toMatch(new RegExp(`API\\s+http://127\\.0\\.0\\.1:${port}\\s`));
    expect(screen).toMatch(/Discord\s+off: DISCORD_TOKEN is not set/);
    expect(screen).toMatch(/Slack\s+off: SLACK_BOT_TOKEN is not set/);
    expect(screen).toMatch(/Speech\s+text only/);
    const health = await fetch(`http://127.0.0.1:${port}/health`);
    expect(health.status).toBe(200);
    expect(((await health.json()) as { store: { kind: string } }).store.kind).toBe('memory');
  }, 120_000);
});
