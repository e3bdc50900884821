import path from 'node:path';
import { defineConfig } from 'vitest/config';

// Unit tests of the web app's logic (no DOM); pages are covered by the browser tests in e2e/.
export default defineConfig({
  resolve: { alias: { '@': path.resolve(import.meta.dirname, 'src') } },
  test: { name: 'web', include: ['src/**/*.test.ts'], environment: 'node' },
});
