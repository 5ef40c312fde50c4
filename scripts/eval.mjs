#!/usr/bin/env node
/**
 * Accuracy of the whole pipeline on synthetic clips: render (or reuse from .cache/eval/) a labelled
 * dev set with the synth renderer, run openSource → extractSeries → classifySeries on every clip,
 * and print accuracy, SOS-code exactness, the confidently-wrong rate, a confusion matrix and a
 * per-condition breakdown.
 *
 *   npm run eval -- [--clean N] [--hard N] [--other N] [--seed-base S] [--workers 2] [--reuse-series]
 *                   [--list-wrong] [--namer rule|model|both] [--only MODE[,MODE…]] [--cache DIR]
 *                   [--camera other|wide|rates]
 *
 * Seeds: fixtures use 1000–1999, tuning uses 200000+, reported figures use 100000–199999 (the
 * default base). Clean clips take seeds base + i, hard clips base + 50000 + i.
 * `--other N` adds held-out clips "filmed by another phone" (synth `otherCameraConditions`: a colour
 * matrix, tone curve and sharpening nothing was tuned or trained on), half clean and half hard, seeds
 * base + 80000 + i: how well the pipeline carries over to a camera it has never seen.
 * `--camera wide` films those clips with a third phone instead (synth `wideCameraConditions`: every
 * range of the other camera's look widened, a washed-out webcam to a vivid phone); such a set is
 * cached apart (…-wide). `--camera rates` films them at frame rates no other set uses (synth
 * `rateCameraConditions`: 15, 25 or 50 fps, the other camera's look), cached apart (…-rates).
 * A clip in which no LED is found exits 3 under `diagnose`; its `--json` object reads `off` at 0.5, and
 * it is scored by that reading ("no LED n" counts them).
 * `--reuse-series` skips decoding when a clip's extracted series is cached (for quick re-runs while
 * tuning the classifier; report figures without it).
 * `--only sos,cloud-not-connected` keeps the cases whose expected mode is one of these (`cloud-error` for
 * the three cloud-error presets): a stress set for one weakness, on tuning seeds. Such a set is cached
 * apart (.cache/eval-only-…), since its seeds play other cases than the full set's.
 */
import { fork } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(import.meta.url), '../..');
const dist = (p) => join(root, 'dist', p);
const { catalogFor, getMode } = await import(dist('catalog/index.js'));
const { classifySeries, darkClassification, ruleColorNamer } = await import(dist('classify/index.js'));

/** The colour namers the eval can compare: the rule namer and the tfjs model (src/classify/model). */
async function namers(which) {
  const out = {};
  if (which === 'rule' || which === 'both') out.rule = ruleColorNamer;
  if (which === 'model' || which === 'both') {
    const { modelColorNamer } = await import(dist('classify/model/model-namer.js'));
    out.model = modelColorNamer();
  }
  if (Object.keys(out).length === 0) throw new Error(`--namer ${which}: expected rule, model or both`);
  return out;
}
const { extractFromFile } = await import(dist('extract/from-file.js'));
const { renderClip } = await import(dist('synth/render.js'));
const { randomConditions, otherCameraConditions, wideCameraConditions, rateCameraConditions } = await import(dist('synth/conditions.js'));
const { modeScenario, presetScenario } = await import(dist('synth/presets.js'));

/** The cameras `--other` clips may be filmed with (`--camera`). */
const OTHER_LOOKS = { other: otherCameraConditions, wide: wideCameraConditions, rates: rateCameraConditions };

function parseArgs(argv) {
  const a = { clean: 40, hard: 40, other: 0, seedBase: 100000, workers: 2, reuseSeries: false, listWrong: false, worker: null, namer: 'rule', camera: 'other', cache: join(root, '.cache', 'eval') };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    const next = () => argv[++i];
    if (k === '--clean') a.clean = Number(next());
    else if (k === '--hard') a.hard = Number(next());
    else if (k === '--other') a.other = Number(next());
    else if (k === '--seed-base') a.seedBase = Number(next());
    else if (k === '--workers') a.workers = Math.max(1, Number(next()));
    else if (k === '--reuse-series') a.reuseSeries = true;
    else if (k === '--list-wrong') a.listWrong = true;
    else if (k === '--cache') a.cache = resolve(next());
    else if (k === '--namer') a.namer = next();
    else if (k === '--only') a.only = next().split(',');
    else if (k === '--camera') a.camera = next();
    else if (k === '--worker') a.worker = next();
    else throw new Error(`unknown flag ${k}`);
  }
  if (!OTHER_LOOKS[a.camera]) throw new Error(`--camera ${a.camera}: expected ${Object.keys(OTHER_LOOKS).join(', ')}`);
  if (a.only && !argv.includes('--cache')) a.cache = join(root, '.cache', `eval-only-${a.only.join('-')}`);
  if (a.camera !== 'other' && !argv.includes('--cache')) a.cache += `-${a.camera}`;
  return a;
}

/**
 * What each clip plays, cycling so every mode and every SOS code 1–15 is covered: every catalog
 * mode on its own (on a device that shows it), SOS codes 1–15, signal bars 1–5, the cloud errors and
 * the multi-state presets (boot, SOS then reboot, signal bars, rainbow, power issue, OTA).
 */
function caseList() {
  const catalog = catalogFor();
  const cases = [];
  for (const m of catalog.modes) {
    if (m.id === 'sos' || m.id === 'signal-strength') continue;
    if (m.colorParam) for (const c of m.colorParam) cases.push({ kind: 'mode', mode: m.id, color: c });
    else cases.push({ kind: 'mode', mode: m.id });
  }
  for (let code = 1; code <= 15; code++) cases.push({ kind: 'mode', mode: 'sos', code });
  for (let bars = 1; bars <= 5; bars++) cases.push({ kind: 'preset', preset: 'signal-bars', code: bars });
  for (const p of ['boot', 'sos-reboot', 'rainbow', 'power-issue', 'ota']) cases.push({ kind: 'preset', preset: p });
  for (const code of [1, 2, 3]) cases.push({ kind: 'preset', preset: 'cloud-error', code });
  // the solid mode takes every colour: keep it to a few so it does not dominate the set
  return cases.filter((c) => !(c.mode === 'solid' && !['red', 'cyan', 'white', 'orange'].includes(c.color)));
}

/** The mode a preset is scored by (its label's expected mode). */
const PRESET_MODE = { 'signal-bars': 'signal-strength', boot: 'connected', 'sos-reboot': 'sos', rainbow: 'rainbow', 'power-issue': 'power-issue', ota: 'ota-update', 'cloud-error': 'cloud-error' };

function scenarioFor(c, seed) {
  if (c.kind === 'preset') return presetScenario(c.preset, { code: c.code, seed });
  const durationMs = c.mode === 'sos' ? undefined : ['connected', 'cloud-not-connected', 'network-off', 'safe-mode', 'network-not-connected'].includes(c.mode) ? 9000 : 6000;
  return modeScenario(c.mode, { code: c.code, color: c.color, durationMs });
}

function jobs(a) {
  const cases = caseList().filter((c) => !a.only || a.only.includes(c.mode ?? PRESET_MODE[c.preset]));
  if (cases.length === 0) throw new Error(`--only ${a.only.join(',')}: no case plays these modes`);
  const out = [];
  for (const [level, n, base] of [['clean', a.clean, a.seedBase], ['hard', a.hard, a.seedBase + 50000], ['other', a.other, a.seedBase + 80000]]) {
    for (let i = 0; i < n; i++) out.push({ level, seed: base + i, c: cases[i % cases.length] });
  }
  return out;
}

async function runJob(job, a) {
  const name = `${job.level}-${job.seed}`;
  const clip = join(a.cache, `${name}.mp4`);
  const labelPath = join(a.cache, `${name}.json`);
  const seriesPath = join(a.cache, `${name}.series.json`);
  let label;
  if (existsSync(clip) && existsSync(labelPath)) label = JSON.parse(readFileSync(labelPath, 'utf8'));
  else {
    const scenario = scenarioFor(job.c, job.seed);
    const otherLook = OTHER_LOOKS[a.camera];
    const conditions = job.level === 'other' ? otherLook(job.seed, job.seed % 2 === 0 ? 'clean' : 'hard') : randomConditions(job.seed, job.level);
    label = await renderClip({ scenario, out: clip, seed: job.seed, conditions });
  }
  let series;
  let led = null;
  let noLed = false;
  const t0 = performance.now();
  if (a.reuseSeries && existsSync(seriesPath)) {
    const { led: cachedLed = null, ...s } = JSON.parse(readFileSync(seriesPath, 'utf8')) ?? { led: null };
    led = cachedLed;
    series = s.tMs ? { ...s, tMs: Float64Array.from(s.tMs), r: Float32Array.from(s.r), g: Float32Array.from(s.g), b: Float32Array.from(s.b), luma: Float32Array.from(s.luma), clipped: Uint8Array.from(s.clipped) } : null;
    noLed = series === null;
  } else {
    try {
      const res = await extractFromFile(clip);
      series = res.series;
      led = res.led;
    } catch (error) {
      if (error && error.exitCode === 3) noLed = true;
      else throw error;
    }
    const plain = series ? { ...series, tMs: [...series.tMs], r: [...series.r], g: [...series.g], b: [...series.b], luma: [...series.luma], clipped: [...series.clipped], led } : null;
    writeFileSync(seriesPath, JSON.stringify(plain));
  }
  const extractMs = performance.now() - t0;
  const t1 = performance.now();
  const byNamer = {};
  for (const [key, colorNamer] of Object.entries(await namersPromise)) {
    // no LED found: the run exits 3 and its JSON reads `off` at 0.5 (diagnose --json), scored as such
    const got = series ? classifySeries(series, { device: label.device, colorNamer }).diagnosis : darkClassification(label.video.durationS, label.video.fps).diagnosis;
    byNamer[key] = { mode: got.mode, code: got.code, color: got.color, confidence: got.confidence, alternatives: got.alternatives?.map((x) => x.mode) };
  }
  const classifyMs = (performance.now() - t1) / Object.keys(byNamer).length;
  return {
    name,
    level: job.level,
    device: label.device,
    expected: label.expected,
    byNamer,
    got: Object.values(byNamer)[0],
    conditions: label.conditions,
    fps: label.video.fps,
    // how far the found LED is from the rendered one (displayed px), for reading misses
    ledOffPx: led ? Math.hypot(led.x - label.led.x, led.y - label.led.y) : null,
    noLed,
    extractMs,
    classifyMs,
  };
}

function pct(k, n) {
  return n ? `${((100 * k) / n).toFixed(1)}%` : '—';
}

function report(results, a) {
  const catalog = catalogFor();
  const severity = (m) => {
    try {
      return getMode(m, catalog).severity;
    } catch {
      return null;
    }
  };
  const lines = [];
  const modeOk = (r) => r.got.mode === r.expected.mode;
  const fullOk = (r) => modeOk(r) && r.got.code === r.expected.code && r.got.color === r.expected.color;
  for (const level of ['clean', 'hard', 'other', 'all']) {
    const rs = results.filter((r) => level === 'all' || r.level === level);
    if (rs.length === 0) continue;
    const sos = rs.filter((r) => r.expected.mode === 'sos');
    const wrongConfident = rs.filter((r) => !fullOk(r) && r.got.confidence >= 0.8);
    const faultMissed = rs.filter((r) => severity(r.expected.mode) === 'fault' && !modeOk(r));
    lines.push(
      `${level.padEnd(5)} n=${String(rs.length).padStart(3)}  mode ${pct(rs.filter(modeOk).length, rs.length).padStart(6)}  mode+code+colour ${pct(rs.filter(fullOk).length, rs.length).padStart(6)}  ` +
        `SOS code exact ${pct(sos.filter((r) => r.got.mode === 'sos' && r.got.code === r.expected.code).length, sos.length).padStart(6)} (n=${sos.length})  ` +
        `confidently wrong ${pct(wrongConfident.length, rs.length).padStart(5)}  no LED ${rs.filter((r) => r.noLed).length}  faults missed ${faultMissed.length}`,
    );
  }
  // confusion: expected mode → what was said, for rows with mistakes
  lines.push('', 'confusion (expected → got ×count), rows with mistakes:');
  const byExp = new Map();
  for (const r of results) {
    const m = byExp.get(r.expected.mode) ?? new Map();
    const g = r.got.mode === r.expected.mode && !fullOk(r) ? `${r.got.mode}(code/colour ${r.got.code ?? ''}${r.got.color ? ' ' + r.got.color : ''})` : r.got.mode;
    m.set(g, (m.get(g) ?? 0) + 1);
    byExp.set(r.expected.mode, m);
  }
  for (const [exp, m] of [...byExp.entries()].sort()) {
    const total = [...m.values()].reduce((s, v) => s + v, 0);
    const right = m.get(exp) ?? 0;
    if (right === total) continue;
    lines.push(`  ${exp.padEnd(28)} ${right}/${total} right; ${[...m.entries()].filter(([g]) => g !== exp).map(([g, k]) => `${g}×${k}`).join(', ')}`);
  }
  lines.push('', 'per condition (hard set), mode+code+colour accuracy:');
  const tags = new Map();
  for (const r of results.filter((x) => x.level === 'hard')) {
    for (const t of r.conditions) {
      const s = tags.get(t) ?? { n: 0, ok: 0 };
      s.n++;
      if (fullOk(r)) s.ok++;
      tags.set(t, s);
    }
  }
  for (const [t, s] of [...tags.entries()].sort((x, y) => x[1].ok / x[1].n - y[1].ok / y[1].n)) lines.push(`  ${t.padEnd(14)} ${pct(s.ok, s.n).padStart(6)} (n=${s.n})`);
  const ex = results.reduce((s, r) => s + r.extractMs, 0) / Math.max(1, results.length);
  const cl = results.reduce((s, r) => s + r.classifyMs, 0) / Math.max(1, results.length);
  lines.push('', `mean time per clip: extract ${(ex / 1000).toFixed(2)} s, classify ${cl.toFixed(0)} ms`);
  if (a.listWrong) {
    lines.push('', 'wrong clips:');
    for (const r of results.filter((x) => !fullOk(x))) {
      lines.push(
        `  ${r.name} [${r.device}, ${r.fps} fps] expected ${r.expected.mode} ${r.expected.code ?? ''} ${r.expected.color ?? ''} got ${r.got.mode} ${r.got.code ?? ''} ${r.got.color ?? ''} (${r.got.confidence})${r.noLed ? ' no LED (exit 3)' : r.ledOffPx === null ? '' : ` LED ${r.ledOffPx.toFixed(0)} px off`} ${r.conditions.join(',')}`,
      );
    }
  }
  return lines.join('\n');
}

const a = parseArgs(process.argv.slice(2));
const namersPromise = namers(a.namer);
mkdirSync(a.cache, { recursive: true });
const all = jobs(a);

if (a.worker) {
  const [k, n] = a.worker.split('/').map(Number);
  for (let i = k; i < all.length; i += n) {
    try {
      process.send({ ok: true, result: await runJob(all[i], a) });
    } catch (error) {
      process.send({ ok: false, name: `${all[i].level}-${all[i].seed}`, error: String(error?.message ?? error).split('\n')[0] });
    }
  }
  process.exit(0);
} else {
  const results = [];
  const failures = [];
  const started = Date.now();
  const passThrough = process.argv.slice(2).filter((x, i, arr) => x !== '--workers' && arr[i - 1] !== '--workers');
  await Promise.all(
    Array.from({ length: a.workers }, (_, k) =>
      new Promise((done, fail) => {
        const child = fork(fileURLToPath(import.meta.url), [...passThrough, '--worker', `${k}/${a.workers}`], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
        child.on('message', (m) => {
          if (m.ok) results.push(m.result);
          else failures.push(m);
          if (process.stderr.isTTY) process.stderr.write(`\r${results.length + failures.length}/${all.length} clips`);
        });
        child.on('exit', (code) => (code === 0 ? done() : fail(new Error(`worker ${k} exited with ${code}`))));
      }),
    ),
  );
  if (process.stderr.isTTY) process.stderr.write('\n');
  results.sort((x, y) => (x.name < y.name ? -1 : 1));
  console.log(`ledscope eval: ${results.length} clips (clean ${a.clean}, hard ${a.hard}, ${a.camera} camera ${a.other}, seeds from ${a.seedBase}), ${((Date.now() - started) / 1000).toFixed(0)} s`);
  const keys = Object.keys(results[0]?.byNamer ?? { rule: 1 });
  for (const key of keys) {
    console.log(`\n== colour namer: ${key} ==`);
    console.log(report(results.map((r) => ({ ...r, got: r.byNamer[key] })), a));
  }
  for (const f of failures) console.log(`error in ${f.name}: ${f.error}`);
  writeFileSync(join(a.cache, `results-${a.seedBase}.json`), JSON.stringify(results, null, 1));
}
