#!/usr/bin/env node
/**
 * Per-frame processing cost of the browser page at 720p, measured in the page itself
 * (performance.now around the pixel grab on the main thread, around the tracker in its worker and
 * around every sample the matcher worker takes) and read back from `window.__ledscopeStats`; the
 * searching phase (first with the code still compiling, then again warm via "Find automatically
 * again") and the tracking phase apart, the matcher as its share per frame. Beside it, the CPU time
 * of the page's threads from /proc (Linux), which a loaded machine inflates far less than wall time.
 * Launches Debian's Chromium headless with a 1280x720 fake camera playing a synthetic clip rendered
 * for the run. Uses dist/ (run `npm run build` first).
 *
 *   node scripts/bench-web.mjs [--seconds 45] [--threads] [--search-side 480] [--search-every 3] [--mode connected] [--grab webcodecs|canvas] [--chromium PATH]
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const seconds = Number(arg('seconds', '45'));
const mode = arg('mode', 'connected');
const grab = arg('grab', 'webcodecs');
const searchSide = arg('search-side', '');
const searchEvery = arg('search-every', '');
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

/** CPU time (ms) of the Chromium threads of this run, by thread name, from /proc (Linux; 10-ms ticks). */
function threadCpuMs() {
  const tick = 10;
  const byName = new Map();
  let pids = [];
  try {
    pids = readdirSync('/proc').filter((d) => /^\d+$/.test(d));
  } catch {
    return null;
  }
  for (const pid of pids) {
    let cmd = '';
    try {
      cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    } catch {
      continue;
    }
    // renderer processes name their browser's profile dir as user-data-dir, so this run's only
    if (!cmd.includes(dir) || !cmd.includes('--type=renderer')) continue;
    let tasks = [];
    try {
      tasks = readdirSync(`/proc/${pid}/task`);
    } catch {
      continue;
    }
    for (const tid of tasks) {
      try {
        const name = readFileSync(`/proc/${pid}/task/${tid}/comm`, 'utf8').trim();
        const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
        const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        // fields 14 and 15 (utime, stime) are 11 and 12 after the ')'
        const ms = (Number(f[11]) + Number(f[12])) * tick;
        byName.set(name, (byName.get(name) ?? 0) + ms);
      } catch {
        // the thread ended meanwhile
      }
    }
  }
  return byName;
}

const mean = (v) => (v.length ? v.reduce((s, x) => s + x, 0) / v.length : NaN);
const p95 = (v) => {
  const s = [...v].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.ceil(0.95 * s.length) - 1)] : NaN;
};
const f2 = (x) => (Number.isFinite(x) ? x.toFixed(2) : '-');
const line = (name, v) => `  ${name.padEnd(34)} mean ${f2(mean(v))} ms, p95 ${f2(p95(v))} ms`;
/** CPU ms of the threads whose name matches, between two snapshots. */
const cpuDelta = (a, b, re) => (a && b ? [...b].filter(([k]) => re.test(k)).reduce((s, [k, v]) => s + v - (a.get(k) ?? 0), 0) : NaN);
const WORKERS = /DedicatedWorker/;
// the renderer's main thread carries the process name
const MAIN = /^chromium$|CrRendererMain/;

/** Until the tracker has the LED; returns the seconds it took. */
async function searchPhase(page) {
  const t0 = Date.now();
  await page.waitForFunction(() => window.__ledscopeStats.state === 'tracking', undefined, { polling: 20, timeout: 30_000 }).catch(() => undefined);
  return (Date.now() - t0) / 1000;
}

function searchReport(title, stats, foundAfterS, cpuA, cpuB) {
  const out = [];
  const search = stats.perFrame.filter((f) => f.kind === 'search');
  const formats = [...new Set(search.map((f) => f.format))].join('+') || '-';
  out.push(`${title}: ${stats.searchFramesSeen} camera frames, ${search.length} searched (1 in ${stats.searchEvery}, ${formats}, longer side ≤ ${stats.searchMaxSide} px), LED found after ${f2(foundAfterS)} s`);
  if (!search.length) return out;
  out.push(line('per searched frame: grab', search.map((f) => f.grabMs)));
  out.push(line('  worker: YUV shrink', search.map((f) => f.shrinkMs)));
  out.push(line('  worker: search', search.map((f) => f.workMs - f.shrinkMs)));
  out.push(line('  total', search.map((f) => f.grabMs + f.workMs)));
  // every camera frame of the phase, the ones not searched at 0 ms
  const all = [...search.map((f) => f.grabMs + f.workMs), ...new Array(Math.max(0, stats.searchFramesSeen - search.length)).fill(0)];
  out.push(line('per camera frame (amortised)', all));
  const workers = cpuDelta(cpuA, cpuB, WORKERS), main = cpuDelta(cpuA, cpuB, MAIN);
  out.push(`  CPU time per camera frame (user+sys, /proc): workers ${f2(workers / stats.searchFramesSeen)} ms, page main thread ${f2(main / stats.searchFramesSeen)} ms (grab, preview, chart)`);
  return out;
}

try {
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(`${server.url}?grab=${grab}${searchSide ? `&searchSide=${searchSide}` : ''}${searchEvery ? `&searchEvery=${searchEvery}` : ''}`);
  await page.waitForFunction(() => typeof window.__ledscopeStats === 'object');
  const t0 = Date.now();
  const cpuStart = threadCpuMs();
  await page.click('[data-testid="start"]');
  // 1. the first search: the page's code runs for the first time (compiled as it goes)
  const firstFoundS = await searchPhase(page);
  const cpuFound = threadCpuMs();
  const firstSearch = await page.evaluate(() => window.__ledscopeStats);
  // 2. tracking for the rest of the run; the matcher's window fills to its 32 s
  await page.waitForTimeout(Math.max(1000, seconds * 1000 - (Date.now() - t0)));
  const cpuTracked = threadCpuMs();
  const stats = await page.evaluate(() => window.__ledscopeStats);
  const card = await page.locator('[data-testid="diagnosis"]').evaluate((el) => ({ ...el.dataset }));
  // 3. "Find automatically again": the same search with its code warm
  await page.click('[data-testid="auto-locate"]');
  const againFoundS = await searchPhase(page);
  const cpuAgain = threadCpuMs();
  const againSearch = await page.evaluate(() => window.__ledscopeStats);

  const out = [];
  out.push(`bench-web: ${stats.videoWidth}x${stats.videoHeight} fake camera, ${mode} clip, ${seconds} s, pixels via ${stats.grabMethod}; load average ${loadavg().map((x) => x.toFixed(1)).join(' ')} on ${cpus().length} CPUs`);
  out.push(`frames sent ${stats.framesSent}, skipped ${stats.framesSkipped} (worker behind), missed ${stats.framesMissed} (page busy), LED samples ${stats.samples}, state ${stats.state}`);
  out.push('wall time measured in the page (performance.now): main-thread grab, tracker worker, matcher worker; CPU time of the page\'s threads from /proc');
  out.push(...searchReport('first search (code still compiling)', firstSearch, firstFoundS, cpuStart, cpuFound));
  out.push(...searchReport('search again (warm)', againSearch, againFoundS, cpuTracked, cpuAgain));

  const crop = stats.perFrame.filter((f) => f.kind === 'crop');
  const m = stats.matcher;
  const share = m.samples ? m.totalMs / m.samples : NaN;
  out.push(`tracking phase: ${crop.length} frames`);
  if (crop.length) {
    out.push(line('grab (crop copy)', crop.map((f) => f.grabMs)));
    out.push(line('tracker worker (track + measure)', crop.map((f) => f.workMs)));
    out.push(line('grab + tracker', crop.map((f) => f.grabMs + f.workMs)));
    const an = m.analyses.map((a) => a.ms);
    const win = m.analyses.length ? Math.max(...m.analyses.map((a) => a.windowS)) : 0;
    out.push(`  matcher worker: ${an.length} re-analyses (window up to ${win.toFixed(0)} s), each mean ${f2(mean(an))} ms, p95 ${f2(p95(an))} ms, max ${f2(an.length ? Math.max(...an) : NaN)} ms`);
    out.push(`  matcher share per frame (its time / ${m.samples} samples)  ${f2(share)} ms`);
    out.push(line('total per frame (+ matcher share)', crop.map((f) => f.grabMs + f.workMs + share)));
    const frames = crop.length - firstSearch.perFrame.filter((f) => f.kind === 'crop').length;
    const workers = cpuDelta(cpuFound, cpuTracked, WORKERS), main = cpuDelta(cpuFound, cpuTracked, MAIN), all = cpuDelta(cpuFound, cpuTracked, /./);
    out.push(`  CPU time per frame (user+sys, /proc, ${frames} frames): workers (tracker + matcher) ${f2(workers / frames)} ms, page main thread ${f2(main / frames)} ms (grab, preview, chart), whole renderer ${f2(all / frames)} ms`);
    if (process.argv.includes('--threads') && cpuFound && cpuTracked) {
      for (const [k, v] of cpuTracked) if (v - (cpuFound.get(k) ?? 0) > 0) out.push(`    thread ${k}: ${v - (cpuFound.get(k) ?? 0)} ms`);
    }
  }
  out.push(`diagnosis card: mode=${card.mode || '(none yet)'} code=${card.code || '-'} color=${card.color || '-'} (clip label: ${label.expected.mode}${label.expected.color ? ` ${label.expected.color}` : ''})`);
  process.stdout.write(`${out.join('\n')}\n`);
} finally {
  await context.close();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
}
