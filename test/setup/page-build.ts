/** Builds the page from src/web with its own Vite config into `outDir` (what `npm run build` ships). */
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

export async function buildPage(outDir: string): Promise<void> {
  await build({
    configFile: fileURLToPath(new URL('../../src/web/vite.config.ts', import.meta.url)),
    build: { outDir, emptyOutDir: true, sourcemap: false },
    logLevel: 'error',
  });
}
