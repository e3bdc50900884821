import { defineConfig } from 'vitest/config';

// The second step of `pnpm test:unit`: checks what the first step recorded (src/test/query-shapes.ts).
export default defineConfig({
  test: {
    name: 'query-shapes',
    root: import.meta.dirname,
    environment: 'node',
    include: ['src/test/query-shapes.check.ts'],
  },
});
