import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Report } from '../../../src/engine/types.ts';
import { FakeOpenAI } from '../../fakes/llm/index.ts';
import { resumePdfBytes } from './helpers.ts';
import { planResponder, question, type PromptPassage } from './plan-responder.ts';

const JD_PATH = 'test/fixtures/docs/northwind-senior-backend-jd.txt';
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'customize-cli-'));
  writeFileSync(join(dir, 'resume.pdf'), await resumePdfBytes());
  writeFileSync(join(dir, 'broken.pdf'), '%PDF-1.7\nthis file was cut off in the middle of');
  const answers = Array.from({ length: 30 }, (_, i) => `In my role at Finch Payments I owned this end to end: I measured the baseline in Prometheus, tried two designs, and shipped the one that cut latency by ${20 + i}% for our 12 banking partners.`);
  writeFileSync(join(dir, 'answers.txt'), answers.join('\n'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

function cli(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--disable-warning=ExperimentalWarning', 'src/cli.ts', ...args],
      { env: { PATH: process.env.PATH ?? '', HOME: dir, USER: 'tester', STORE_URL: `sqlite://${join(dir, `store-${Math.random().toString(36).slice(2)}.sqlite`)}`, LOG_LEVEL: 'error', ...env }, timeout: 60_000 },
      (err, stdout, stderr) => resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

const customize = ['--type', 'customize', '--doc', 'RESUME', '--jd', JD_PATH, '--answers', 'ANSWERS', '--json', '--seed', '4'];
const args = () => customize.map((a) => (a === 'RESUME' ? join(dir, 'resume.pdf') : a === 'ANSWERS' ? join(dir, 'answers.txt') : a));

describe('the terminal: --doc and --jd', () => {
  test('a customized interview from a PDF resume and a text job description: the report cites the documents and says how the plan was built', async () => {
    const r = await cli(args());
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { type: string; report: Report };
    expect(out.type).toBe('customize');
    expect(out.report.questions).toHaveLength(10);
    expect(out.report.questions.every((q) => q.source?.refs?.length)).toBe(true);
    const sources = new Set(out.report.questions.flatMap((q) => q.source!.refs!.map((x) => x.source)));
    expect([...sources].sort()).toEqual(['northwind-senior-backend-jd.txt', 'resume.pdf']);
    const plan = 'Plan: built by the built-in rules from resume.pdf and northwind-senior-backend-jd.txt (retrieval: lexical — no embedding model configured).';
    expect(out.report.modeNotes).toContain(plan);
    expect(out.report.questions.some((q) => q.question.startsWith('In Ledgerline you used Kafka and PostgreSQL.'))).toBe(true);
  });

  describe('with a language model', () => {
    let fake: FakeOpenAI;
    beforeAll(async () => {
      fake = await new FakeOpenAI({ apiKey: 'sk-cli-test-00000000' }).start();
      fake.respond(
        planResponder((p: PromptPassage[]) => {
          const resume = p.find((x) => x.kind === 'resume')!;
          const n = resume.lines.find((l) => l.text.startsWith('Ledgerline —'))!.n;
          return { questions: [question('In Ledgerline, why did you match bank statements with idempotent consumers rather than a nightly batch?', [{ source: resume.source, lineStart: n, lineEnd: n + 1, quote: 'idempotent consumers' }])] };
        }),
      );
    });
    afterAll(async () => fake.close());

    test('the plan note names the provider and model that wrote it', async () => {
      const r = await cli(args(), { OPENAI_API_KEY: 'sk-cli-test-00000000', OPENAI_BASE_URL: fake.baseURL, LLM_TURN_DEADLINE_MS: '5000' });
      expect(r.code).toBe(0);
      const out = JSON.parse(r.stdout) as { report: Report; mode: string };
      expect(out.report.modeNotes).toContain('Plan: built by openai/gpt-4o-mini from resume.pdf and northwind-senior-backend-jd.txt, plus 9 questions from the built-in rules (retrieval: lexical — no embedding model configured).');
      expect(out.report.questions[0]!.question).toBe('In Ledgerline, why did you match bank statements with idempotent consumers rather than a nightly batch?');
      expect(out.report.questions[0]!.source!.refs![0]).toMatchObject({ source: 'resume.pdf', quote: 'idempotent consumers' });
      expect(out.mode).toBe('model:openai');
    });
  });

  test('a corrupt --doc file: a clear message, exit code 2, and no interview started', async () => {
    const r = await cli(['--type', 'customize', '--doc', join(dir, 'broken.pdf'), '--jd', JD_PATH, '--answers', join(dir, 'answers.txt'), '--json']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim()).toMatch(/^--doc broken\.pdf: That (PDF|file) [^\n]*(damaged|could not be read|isn't a valid)[^\n]*\.$/);
    expect(r.stderr).not.toMatch(/at .*\.ts:\d+|Error:/);
  });

  test('a --jd file that does not exist: exit code 2', async () => {
    const r = await cli(['--type', 'customize', '--doc', join(dir, 'resume.pdf'), '--jd', join(dir, 'missing.txt'), '--answers', join(dir, 'answers.txt')]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe(`--jd ${join(dir, 'missing.txt')}: no such file.`);
    expect(r.stdout).toBe('');
  });
});
