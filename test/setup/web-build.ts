/**
 * vitest globalSetup of the page tests: Chromium is there, and the page is built once (Vite, into a
 * temp dir) for every test file instead of once per file — on a loaded machine each build costs
 * seconds of CPU the running pages would miss.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { ensureChromium } from './chromium.js';
import { buildPage } from './page-build.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The built page (dist-like directory with index.html), shared by the page tests. */
    webPageDir: string;
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  ensureChromium();
  const dir = mkdtempSync(join(tmpdir(), 'ledscope-web-build-'));
  const outDir = join(dir, 'web');
  await buildPage(outDir);
  project.provide('webPageDir', outDir);
  return () => rmSync(dir, { recursive: true, force: true });
}
