import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: ['shared', 'bff', 'web'],
    // Two cores here: integration files share one FerretDB, each in its own database.
    maxWorkers: 2,
  },
});
