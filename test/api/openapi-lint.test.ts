import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { apiForTest } from './helpers.ts';

const run = promisify(execFile);
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const REDOCLY = join(ROOT, 'node_modules', '.bin', 'redocly');

/** Runs Redocly's linter with the repository's settings (recommended rules) over a document; returns its problems. */
async function lint(doc: unknown): Promise<{ errors: string[]; warnings: string[]; output: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'openapi-'));
  try {
    const file = join(dir, 'openapi.json');
    writeFileSync(file, JSON.stringify(doc));
    for (const f of ['redocly.yaml', '.redocly.lint-ignore.yaml']) copyFileSync(join(ROOT, f), join(dir, f));
    // Telemetry and the update check off: nothing leaves the machine.
    const env = { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' };
    const args = ['lint', 'openapi.json', '--format=json'];
    const { stdout, stderr } = await run(REDOCLY, args, { env, cwd: dir, maxBuffer: 8 << 20 }).catch((e: { stdout: string; stderr: string }) => e);
    const report = JSON.parse(stdout.slice(stdout.indexOf('{'))) as { problems: { ruleId: string; severity: string; message: string; location: { pointer: string }[] }[] };
    const line = (p: (typeof report.problems)[number]) => `${p.ruleId}: ${p.message} at ${p.location[0]?.pointer ?? '?'}`;
    return {
      errors: report.problems.filter((p) => p.severity === 'error').map(line),
      warnings: report.problems.filter((p) => p.severity === 'warn').map(line),
      output: stderr,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('/openapi.json under a standard linter', () => {
  // Both states of the document: with API keys (security requirements) and without.
  for (const keys of [true, false]) {
    it(`passes Redocly's recommended rules with no errors or warnings (API_KEYS ${keys ? 'set' : 'unset'})`, async () => {
      const made = await apiForTest({ ...(keys ? { API_KEYS: 'key-1234567890' } : {}), EDGE_TTS_ENABLED: 'false' }, { voiceRoutes: true });
      const doc = (await made.app.inject({ method: 'GET', url: '/openapi.json' })).json();
      const result = await lint(doc);
      expect(result.errors.join("\n")).toBe("");
      expect(result.warnings.join("\n")).toBe("");
    }, 60_000);
  }

  it('reports a broken document (so a clean result means something)', async () => {
    const made = await apiForTest({ EDGE_TTS_ENABLED: 'false' });
    const doc = (await made.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    delete doc.paths['/api/interview/{type}/start'].post.summary;
    doc.paths['/api/interview/{type}/start'].post.parameters = [];
    const result = await lint(doc);
    expect(result.errors.join('\n')).toMatch(/operation-summary/);
    expect(result.errors.join('\n')).toMatch(/path-parameters-defined/);
  }, 60_000);
});
