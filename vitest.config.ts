import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Each file gets its own process: several suites start servers and native addons.
    pool: 'forks',
    // node:sqlite and type stripping are stable enough for us; their warnings only add noise.
    execArgv: ['--disable-warning=ExperimentalWarning'],
    reporters: ['default'],
  },
});
