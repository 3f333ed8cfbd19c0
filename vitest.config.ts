import { defineConfig } from 'vitest/config';
import LongestFirst from './test/support/sequencer.js';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/support/setup.ts'],
    globalSetup: ['test/support/build.ts', 'test/support/temp.ts'],
    testTimeout: 30000,
    hookTimeout: 30000,
    pool: 'forks',
    isolate: false,
    // Vitest's default is one worker fewer than the cores: one on a 2-core machine. Most of
    // the suite's time is spent waiting on children (npm installs, Chromium, the built
    // binary, git), so more files at once than cores keeps both cores busy.
    maxWorkers: 3,
    sequence: { sequencer: LongestFirst },
    coverage: {
      provider: 'v8',
      include: ['src/**/*.ts'],
      reporter: ['text-summary', 'json-summary'],
    },
  },
});
