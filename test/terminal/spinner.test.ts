import { Writable } from 'node:stream';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { withSpinner } from '../../src/terminal/spinner.ts';

/** A stream that says it is a terminal and records what is written to it. */
function fakeTerminal(isTTY: boolean) {
  let written = '';
  const s = new Writable({
    write(chunk, _enc, cb) {
      written += String(chunk);
      cb();
    },
  }) as Writable & { isTTY: boolean; columns: number; cursorTo: (x: number) => boolean; clearLine: () => boolean; moveCursor: () => boolean };
  s.isTTY = isTTY;
  s.columns = 80;
  // What a TTY stream adds (the spinner redraws its line with these).
  s.cursorTo = (x) => s.write(`\u001b[${x + 1}G`);
  s.clearLine = () => s.write('\u001b[2K');
  s.moveCursor = () => true;
  return { stream: s as unknown as NodeJS.WriteStream, written: () => written };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const saved: Record<string, string | undefined> = {};
beforeEach(() => {
  // The spinner library stays still under CI or a dumb terminal; these tests play a person's terminal.
  for (const k of ['CI', 'TERM']) saved[k] = process.env[k];
  delete process.env.CI;
  process.env.TERM = 'xterm-256color';
});
afterEach(() => {
  for (const [k, v] of Object.entries(saved)) (v === undefined ? delete process.env[k] : (process.env[k] = v));
});

test('a slow turn shows "Alex is thinking" on a terminal and clears it when the answer comes', async () => {
  const t = fakeTerminal(true);
  const value = await withSpinner(t.stream, 'Alex is thinking…', async () => (await sleep(600), 42), 100);
  expect(value).toBe(42);
  expect(t.written()).toContain('Alex is thinking…');
});

test('a quick turn shows nothing, and a pipe never gets a spinner', async () => {
  const quick = fakeTerminal(true);
  await withSpinner(quick.stream, 'Alex is thinking…', async () => 1, 200);
  expect(quick.written()).toBe('');
  const pipe = fakeTerminal(false);
  await withSpinner(pipe.stream, 'Alex is thinking…', async () => (await sleep(400), 1), 50);
  expect(pipe.written()).toBe('');
});
