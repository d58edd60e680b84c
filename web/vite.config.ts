// Vite build of the single-page app into dist/; dev server proxies /api to the local gateway.
import { defineConfig } from 'vitest/config';

declare const process: { env: Record<string, string | undefined> };

const gateway = process.env.GATEWAY_URL ?? 'http://127.0.0.1:8080';

export default defineConfig({
  base: '/',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false },
  server: { proxy: { '/api': gateway, '/.well-known': gateway } },
  test: { environment: 'node', include: ['src/**/*.test.{ts,tsx}'] },
});
