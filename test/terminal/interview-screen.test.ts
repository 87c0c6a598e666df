// The terminal interview as a person sees it: run in a real terminal (tmux), read off the screen.
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { ESC, Terminal, userEnv } from './tmux.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CLI = 'scripts/node-env.sh node --disable-warning=ExperimentalWarning src/cli.ts';
const ANSWER =
  'At my last company our nightly billing export kept failing and finance closed the month two days late. ' +
  'I owned the fix: I profiled the job, found an N+1 query, batched it and added an alert. The export went from 3 hours to 12 minutes and the close was on time for the next six months.';

let term: Terminal | undefined;
afterEach(() => term?.close());

describe('the terminal interview', () => {
  it('speaks in colour, wraps to the terminal, states the mode once and draws the report', async () => {
    term = new Terminal(`${CLI} --type behavioral`, { cwd: ROOT, env: userEnv({ STORE_URL: 'memory://' }), width: 72, height: 60 });
    const first = await term.waitFor(/You: $/m);
    expect(first).toMatch(/Alex: .*behavioral interview/s);
    expect(first).toMatch(/\[Question 1 of 6\]/);
    expect(term.screen({ escapes: true })).toContain(`${ESC}1m${ESC}36mAlex:`);

    term.type(ANSWER);
    await term.waitFor(/You: [^\n]*\n(.|\n)*You: $/m);
    term.type('end');
    const done = await term.waitFor(/\[exit \d+\]/, 20_000);
    expect(done).toContain('[exit 0]');

    // Wrapped to 72 columns: none of the program's lines runs past the edge (the screen is read
    // with wrapped lines joined, so a line that relied on the terminal to break it shows up long).
    for (const line of done.split('\n').filter((l) => !l.startsWith('You:'))) expect(line.length, line).toBeLessThanOrEqual(72);
    // The mode is said once, at the start; the report does not repeat it.
    expect(done.match(/Mode: /g)).toHaveLength(1);
    // The report is drawn, not shown as Markdown source.
    expect(done).toMatch(/Behavioral interview feedback/);
    expect(done).not.toMatch(/^#+ /m);
    expect(done).not.toContain('**');
    const report = term.screen({ escapes: true }).split('Behavioral interview feedback')[1] ?? '';
    expect(report).toContain(`${ESC}1m`);
  }, 60_000);

  it('has no colour with NO_COLOR set, and keeps the hint that resumes the interview runnable', async () => {
    term = new Terminal(`${CLI} --type screening`, { cwd: ROOT, env: userEnv({ STORE_URL: 'memory://', NO_COLOR: '1' }), width: 100 });
    const screen = await term.waitFor(/You: $/m);
    expect(term.screen({ escapes: true })).not.toContain(ESC);
    const hint = /continue later with: (make try ARGS="--resume [0-9a-f-]{36}")/.exec(screen.replace(/\n\s+/g, ' '));
    expect(hint, screen).not.toBeNull();
  }, 60_000);

  it('prints plain text when piped: no colour, no spinner, Markdown kept for files', () => {
    const out = execFileSync('bash', ['-c', `${CLI} --type screening --answers /dev/stdin <<< "${ANSWER}"`], { cwd: ROOT, env: userEnv({ STORE_URL: 'memory://' }), encoding: 'utf8' });
    expect(out).not.toContain(ESC);
    expect(out).toMatch(/^## Screening interview feedback$/m);
    expect(out.match(/Mode: /g)).toHaveLength(1);
  }, 60_000);
});
