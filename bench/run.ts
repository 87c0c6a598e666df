/**
 * `make bench`: runs every benchmark in its own process (so memory figures are not
 * polluted by the others) and prints their figures. Nothing here asserts; it reports.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const BENCHES = ['engine.ts', 'llm.ts', 'model-calls.ts', 'docs.ts', 'audio.ts', 'speech.ts', 'http-load.ts', 'voice.ts', 'voice-streaming.ts', 'turn-taking.ts', 'panel.ts'];
const only = process.argv.slice(2);
let failed = 0;
for (const file of BENCHES) {
  const path = join(import.meta.dirname, file);
  if (!existsSync(path) || (only.length && !only.some((o) => file.startsWith(o)))) continue;
  const res = spawnSync(process.execPath, ['--expose-gc', '--max-semi-space-size=8', '--disable-warning=ExperimentalWarning', path], { stdio: 'inherit', env: { ...process.env, LOG_LEVEL: 'silent' } });
  if (res.status !== 0) {
    failed++;
    process.stdout.write(`  (bench/${file} exited with ${res.status})\n`);
  }
}
process.exit(failed ? 1 : 0);
