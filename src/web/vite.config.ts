/**
 * Builds the browser page (`ledscope serve`) into dist/web. Vite bundles the same core modules the
 * CLI runs (src/extract, src/classify, src/catalog, src/report) — no copies.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: here,
  // relative asset URLs: the page works from any path the server mounts it at
  base: './',
  publicDir: false,
  logLevel: 'warn',
  build: {
    outDir: fileURLToPath(new URL('../../dist/web', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    // the page ships no remote assets; small files stay separate so the CSP needs no data: scripts
    assetsInlineLimit: 0,
  },
  worker: { format: 'es' },
});
