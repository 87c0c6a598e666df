import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');

function runCli(args: string[], env: Record<string, string>, stdin?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, ['--disable-warning=ExperimentalWarning', 'src/cli.ts', ...args], { cwd: ROOT, env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d) => (stdout += d));
    p.stderr.on('data', (d) => (stderr += d));
    p.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    p.stdin.end(stdin ?? '');
  });
}

const ANSWER = 'At my previous company I led the migration of our billing service to PostgreSQL. I wrote the plan, moved 40 tables and cut query time by 60%.';

test('a second process continues the first one\'s interview', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ic-restart-'));
  const env = { STORE_URL: `sqlite://${join(dir, 'store.sqlite')}`, LOG_LEVEL: 'error' };
  // Process 1: interactive, answers two questions, then stdin closes (the terminal goes away).
  const first = await runCli(['--type', 'screening', '--seed', '5'], env, `${ANSWER}\n${ANSWER}\n${ANSWER}\n`);
  expect(first.code, first.stderr).toBe(0);
  const id = /--resume ([0-9a-f-]{36})/.exec(first.stdout)?.[1];
  expect(id).toBeDefined();
  expect(first.stdout).toMatch(/Paused\. Continue later/);

  // Process 2: a new process resumes by id and finishes the interview.
  const answers = join(dir, 'answers.txt');
  writeFileSync(answers, Array(12).fill(ANSWER).join('\n'));
  const second = await runCli(['--resume', id!, '--answers', answers, '--json'], env);
  expect(second.code, second.stderr).toBe(0);
  const out = JSON.parse(second.stdout) as { transcript: { role: string; text: string }[]; report: { questions: unknown[]; partial: boolean }; type: string };
  expect(out.type).toBe('screening');
  // The transcript holds process 1's answers too, and the interview completed once.
  expect(out.transcript.filter((t) => t.role === 'candidate').length).toBeGreaterThanOrEqual(5);
  expect(out.transcript.filter((t) => t.text.includes("That's all my questions"))).toHaveLength(1);
  expect(out.report.partial).toBe(false);
  expect(out.report.questions).toHaveLength(5);
});

test('--json prints exactly one JSON object with the promised shape', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ic-json-'));
  const answers = join(dir, 'a.txt');
  writeFileSync(answers, [ANSWER, 'skip', ANSWER, ANSWER, ANSWER, ANSWER, ANSWER, ANSWER].join('\n'));
  const r = await runCli(['--type', 'behavioral', '--answers', answers, '--json', '--role', 'backend', '--level', 'senior'], { STORE_URL: `sqlite://${join(dir, 's.sqlite')}` });
  expect(r.code, r.stderr).toBe(0);
  const out = JSON.parse(r.stdout);
  expect(out).toMatchObject({ type: 'behavioral', mode: 'offline', role: 'backend engineer', level: 'senior' });
  expect(out.transcript[0]).toMatchObject({ role: 'interviewer' });
  expect(out.report.overall).toHaveProperty('score');
  expect(out.report.overall).toHaveProperty('band');
  expect(out.report.questions[0]).toHaveProperty('question');
  expect(out.report.questions[0]).toHaveProperty('evidence');
  expect(typeof out.report.coverage).toBe('number');
  expect(typeof out.report.partial).toBe('boolean');
});

test('an unknown type exits with a clear message', async () => {
  const r = await runCli(['--type', 'astrology', '--answers', '/dev/null'], { STORE_URL: 'memory://' });
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(/There is no "astrology" interview\. Choose one of: screening, behavioral, technical, customize/);
});
