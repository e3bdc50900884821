import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'bff',
    environment: 'node',
    include: ['src/**/*.test.ts'],
    // One FerretDB for the run; each test file works in a database of its own.
    globalSetup: ['src/test/global-setup.ts'],
    // Records the shape of every query the application sends; checked against the indexes after the run.
    setupFiles: ['src/test/setup-query-shapes.ts'],
    pool: 'forks',
    // Generous: FerretDB scans whole collections, and CI machines have two cores.
    testTimeout: 120_000,
    // Hooks sign in and load data: on a busy machine that takes long, and a timeout here only guards a hang.
    hookTimeout: 180_000,
  },
});
