import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { precompress } from './build/precompress';

const bff = `http://127.0.0.1:${process.env.BFF_PORT ?? 3000}`;

export default defineConfig({
  plugins: [react(), precompress()],
  resolve: { alias: { '@': path.resolve(import.meta.dirname, 'src') } },
  server: { proxy: { '/api': bff, '/.well-known': bff } },
  // No source maps in the build: the BFF serves dist/ as it is, in production too.
  build: { outDir: 'dist', sourcemap: false, chunkSizeWarningLimit: 1200 },
});
