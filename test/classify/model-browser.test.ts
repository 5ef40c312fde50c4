/**
 * The colour model's loader in a real browser: the same module the CLI imports (weights bundled, no
 * fs, no fetch) is bundled by Vite and run in headless Chromium, and must name what Node names.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from 'vite';
import { FIRMWARE_HEX } from '../../src/catalog/colors.js';
import { COLOR_NAMES } from '../../src/catalog/types.js';
import { modelColorNamer } from '../../src/classify/model/model-namer.js';
import type { ColorEvidence } from '../../src/classify/types.js';
import { launchChromium, type LaunchedChromium } from '../setup/chromium.js';

const evidence: Record<string, ColorEvidence> = {};
for (const n of COLOR_NAMES) {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(FIRMWARE_HEX[n].slice(i, i + 2), 16) / 255);
  evidence[n] = { r, g, b, clippedFraction: 0, luma: 1, whiteRef: null };
  evidence[`${n}-clipped-pale`] = { r: 0.6 * r + 0.4, g: 0.6 * g + 0.4, b: 0.6 * b + 0.4, clippedFraction: 1, luma: 0.9, whiteRef: null };
}

let dir = '';
let bundle = '';
let browser: LaunchedChromium | null = null;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ledscope-model-web-'));
  const namerModule = fileURLToPath(new URL('../../src/classify/model/model-namer.ts', import.meta.url));
  const entry = join(dir, 'entry.ts');
  writeFileSync(
    entry,
    `import { loadModelColorNamer, modelColorNamer } from ${JSON.stringify(namerModule)};
const evidence = ${JSON.stringify(evidence)};
(async () => {
  const loaded = await loadModelColorNamer();
  const built = modelColorNamer();
  (window as any).__result = Object.fromEntries(Object.entries(evidence).map(([k, e]) => [k, { loaded: loaded(e as any), built: built(e as any) }]));
})().catch((e) => { (window as any).__error = String(e && e.stack || e); });
`,
  );
  await build({
    configFile: false,
    logLevel: 'error',
    build: { outDir: join(dir, 'out'), emptyOutDir: true, minify: false, lib: { entry, formats: ['es'], fileName: () => 'bundle.js' } },
  });
  bundle = readFileSync(join(dir, 'out', 'bundle.js'), 'utf8');
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('colour model in the browser', () => {
  it('loads from the bundled weights and names like Node', async () => {
    expect(bundle).not.toMatch(/from ['"]node:|require\(['"]fs['"]\)/);
    const page = await browser!.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.setContent('<!doctype html><title>model</title>');
    await page.addScriptTag({ content: bundle, type: 'module' });
    await page.waitForFunction(() => (window as any).__result || (window as any).__error, undefined, { timeout: 60_000 });
    const error = await page.evaluate(() => (window as any).__error ?? null);
    expect(error).toBeNull();
    expect(errors).toEqual([]);
    const result = (await page.evaluate(() => (window as any).__result)) as Record<string, { loaded: { name: string; scores: Record<string, number> }; built: { name: string } }>;
    const node = modelColorNamer();
    for (const [k, e] of Object.entries(evidence)) {
      const here = node(e);
      expect(result[k].loaded.name, k).toBe(here.name);
      expect(result[k].built.name, k).toBe(here.name);
      for (const c of COLOR_NAMES) expect(result[k].loaded.scores[c]).toBeCloseTo(here.scores[c], 5);
    }
    for (const n of COLOR_NAMES) expect(result[n].loaded.name).toBe(n);
  });
});
