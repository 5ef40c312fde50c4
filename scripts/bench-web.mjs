#!/usr/bin/env node
/**
 * Per-frame processing cost of the browser page at 720p, measured in the page itself
 * (performance.now around the pixel grab on the main thread, and around tracker + matcher in the
 * worker) and read back from `window.__ledscopeStats`. Launches Debian's Chromium headless with a
 * 1280x720 fake camera playing a synthetic clip rendered for the run.
 * Uses dist/ (run `npm run build` first).
 *
 *   node scripts/bench-web.mjs [--seconds 20] [--mode connected] [--grab webcodecs|canvas] [--chromium PATH]
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const seconds = Number(arg('seconds', '20'));
const mode = arg('mode', 'connected');
const grab = arg('grab', 'webcodecs');
const chromiumPath = arg('chromium', process.env.LEDSCOPE_CHROMIUM ?? '/usr/bin/chromium');

if (!existsSync(join(root, 'dist/web/index.html'))) {
  process.stderr.write('bench-web: dist/web is missing: run `npm run build` first\n');
  process.exit(2);
}
if (!existsSync(chromiumPath)) {
  process.stderr.write(`bench-web: no Chromium at ${chromiumPath}: \`apt-get install -y chromium\` (the web tests install it when run as root)\n`);
  process.exit(2);
}

const { chromium } = await import('playwright-core');
const { startStaticServer } = await import(join(root, 'dist/server/static-server.js'));
const { renderClip } = await import(join(root, 'dist/synth/render.js'));
const { modeScenario } = await import(join(root, 'dist/synth/presets.js'));

const dir = mkdtempSync(join(tmpdir(), 'ledscope-bench-web-'));
const clip = join(dir, `${mode}-720p.y4m`);
// 4 s: one breath of breathing cyan, so the fake camera's loop is seamless (a y4m at 720p is 1.4 MB a frame)
const label = await renderClip({
  scenario: modeScenario(mode, { durationMs: mode === 'connected' ? 4000 : undefined }),
  out: clip,
  seed: 1,
  conditions: { width: 1280, height: 720, fps: 30, ledRadiusPx: 12 },
});
const server = await startStaticServer({ root: join(root, 'dist/web') });
const context = await chromium.launchPersistentContext(join(dir, 'profile'), {
  executablePath: chromiumPath,
  headless: true,
  viewport: { width: 1360, height: 900 },
  args: [
    '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
    '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${clip}`,
  ],
});

try {
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(`${server.url}?grab=${grab}`);
  await page.click('[data-testid="start"]');
  await page.waitForTimeout(seconds * 1000);
  const stats = await page.evaluate(() => window.__ledscopeStats);
  const card = await page.locator('[data-testid="diagnosis"]').evaluate((el) => ({ ...el.dataset }));

  const summarise = (rows, pick) => {
    const v = rows.map(pick).sort((a, b) => a - b);
    if (!v.length) return 'n=0';
    const mean = v.reduce((s, x) => s + x, 0) / v.length;
    const p95 = v[Math.min(v.length - 1, Math.floor(0.95 * (v.length - 1)))];
    return `mean ${mean.toFixed(2)} ms, p95 ${p95.toFixed(2)} ms`;
  };
  const out = [];
  out.push(`bench-web: ${stats.videoWidth}x${stats.videoHeight} fake camera, ${mode} clip, ${seconds} s, pixels via ${stats.grabMethod}; load average ${loadavg().map((x) => x.toFixed(1)).join(' ')} on ${cpus().length} CPUs`);
  out.push(`frames sent ${stats.framesSent}, skipped ${stats.framesSkipped} (worker behind), missed ${stats.framesMissed} (page busy), LED samples ${stats.samples}, state ${stats.state}`);
  for (const kind of ['search', 'crop']) {
    const rows = stats.perFrame.filter((f) => f.kind === kind);
    const name = kind === 'search' ? 'searching (whole frame)' : 'tracking (crop around LED)';
    out.push(`${name}: ${rows.length} frames`);
    if (!rows.length) continue;
    out.push(`  main thread grab    ${summarise(rows, (f) => f.grabMs)}`);
    out.push(`  worker: tracker     ${summarise(rows, (f) => f.trackMs)}`);
    out.push(`  worker: matcher     ${summarise(rows, (f) => f.matchMs)}  (window re-analysed every 500 ms of samples)`);
    out.push(`  main grab + tracker ${summarise(rows, (f) => f.grabMs + f.trackMs)}`);
    out.push(`  total per frame     ${summarise(rows, (f) => f.grabMs + f.workMs)}`);
  }
  out.push(`diagnosis card: mode=${card.mode || '(none yet)'} code=${card.code || '-'} color=${card.color || '-'} (clip label: ${label.expected.mode}${label.expected.color ? ` ${label.expected.color}` : ''})`);
  process.stdout.write(`${out.join('\n')}\n`);
} finally {
  await context.close();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
}
