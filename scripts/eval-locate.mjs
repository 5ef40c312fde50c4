#!/usr/bin/env node
/**
 * Localisation accuracy on a synthetic dev set: renders clips with the synth renderer (clean and hard
 * conditions), caches them under .cache/dev-locate/, runs the file pipeline's search + track, and
 * prints the hit rate (centre within the label's radius + 2 px) per condition and the hue error of
 * the measured ON colour.
 *
 *   npm run build && node scripts/eval-locate.mjs               # report set: seeds 100000+
 *   node scripts/eval-locate.mjs --dev                          # development set: seeds 200000+
 *   node scripts/eval-locate.mjs --clean 50 --hard 100 --duration 6 --verbose
 *   node scripts/eval-locate.mjs --dev --at     # give the label's centre as --at (radius and colour only)
 *   node scripts/eval-locate.mjs --off 20       # and 20 clips whose status LED is dark (charge LED lit,
 *                                               # D7/glare at random): each must end in NoLedError
 *
 * Radius error: |reported radius − label radius| / label radius, median over hits (the label's radius is
 * the diffuser's; a clipped core's half-maximum is larger).
 *
 * Seeds 1000–1999 belong to the fixtures and are never used here.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomConditions } from '../dist/synth/conditions.js';
import { modeScenario } from '../dist/synth/presets.js';
import { renderClip } from '../dist/synth/render.js';
import { openSource } from '../dist/source/open.js';
import { extractSeries } from '../dist/extract/extract-series.js';
import { hueDeg, hueDistanceDeg, onColor } from '../dist/signal/measure.js';
import { samplesFromSeries } from '../dist/signal/series.js';
import { NoLedError } from '../dist/errors.js';

const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const value = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : dflt;
};
const dev = flag('--dev');
const base = dev ? 200000 : 100000;
const nClean = value('--clean', 50);
const nHard = value('--hard', 100);
const durationS = value('--duration', 6);
const verbose = flag('--verbose');
const useAt = flag('--at');
const nOff = value('--off', 20);
const cacheDir = join('.cache', 'dev-locate');
mkdirSync(cacheDir, { recursive: true });

// modes with one colour (the hue error needs one); solid ones check the steady-LED path
const MODES = [
  ['connected'],
  ['connecting-cloud'],
  ['connecting-network'],
  ['listening'],
  ['network-not-connected'],
  ['safe-mode'],
  ['dfu'],
  ['cloud-not-connected'],
  ['network-off'],
  ['solid', 'red'],
  ['solid', 'green'],
  ['solid', 'magenta'],
];
const COLOR_HEX = {
  red: '#ff0000', orange: '#ff6000', yellow: '#ffff00', green: '#00ff00', cyan: '#00ffff', blue: '#0000ff', magenta: '#ff00ff', white: '#ffffff',
};

function hueOfName(name) {
  const hex = COLOR_HEX[name];
  if (!hex) return null;
  // firmware drive values are linear PWM duty: the hue is taken on them directly
  return hueDeg(parseInt(hex.slice(1, 3), 16) / 255, parseInt(hex.slice(3, 5), 16) / 255, parseInt(hex.slice(5, 7), 16) / 255);
}

async function clipFor(seed, level) {
  const [mode, color] = MODES[seed % MODES.length];
  const out = join(cacheDir, `${level}-${seed}.mp4`);
  const labelFile = out.replace(/\.mp4$/, '.json');
  if (existsSync(out) && existsSync(labelFile)) return JSON.parse(readFileSync(labelFile, 'utf8'));
  const scenario = modeScenario(mode, { color, durationMs: durationS * 1000 });
  return renderClip({ scenario, out, seed, conditions: randomConditions(seed, level) });
}

/** A board whose status LED is dark: only the steady charge LED (always lit here), D7 and glare. */
async function offClipFor(seed) {
  const out = join(cacheDir, `off-${seed}.mp4`);
  const labelFile = out.replace(/\.mp4$/, '.json');
  if (existsSync(out) && existsSync(labelFile)) return JSON.parse(readFileSync(labelFile, 'utf8'));
  const level = seed % 2 ? 'hard' : 'clean';
  const conditions = { ...randomConditions(seed, level), chargeLed: true };
  return renderClip({ scenario: modeScenario('off', { durationMs: durationS * 1000 }), out, seed, conditions });
}

function labelColor(label) {
  if (label.expected.color) return label.expected.color;
  const withColor = label.timeline.filter((s) => s.color);
  withColor.sort((a, b) => b.endS - b.startS - (a.endS - a.startS));
  return withColor[0]?.color ?? null;
}

const rows = [];
const t0 = Date.now();
for (const [level, count, offset] of [['clean', nClean, 0], ['hard', nHard, 50000]]) {
  for (let i = 0; i < count; i++) {
    const seed = base + offset + i;
    const label = await clipFor(seed, level);
    const file = join(cacheDir, `${level}-${seed}.mp4`);
    let led = null;
    let hueErr = null;
    let error = null;
    try {
      const source = await openSource(file);
      const res = await extractSeries(source, { name: file, ...(useAt ? { at: { x: label.led.x, y: label.led.y } } : {}) });
      led = res.led;
      const on = onColor(samplesFromSeries(res.series));
      const want = hueOfName(labelColor(label));
      const got = on ? hueDeg(on.r, on.g, on.b) : null;
      if (want !== null) hueErr = got === null ? 180 : hueDistanceDeg(got, want);
    } catch (e) {
      if (!(e instanceof NoLedError)) throw e;
      error = 'no-led';
    }
    const dist = led ? Math.hypot(led.x - label.led.x, led.y - label.led.y) : Infinity;
    const hit = dist <= label.led.radius + 2;
    const tags = [level, ...label.conditions];
    const radiusErr = led && hit ? Math.abs(led.radius - label.led.radius) / label.led.radius : null;
    rows.push({ seed, level, tags, hit, dist, hueErr, radiusErr, mode: label.expected.mode, color: labelColor(label) });
    if (verbose || !hit) {
      console.log(
        `${hit ? 'hit ' : 'MISS'} ${level}-${seed} ${label.expected.mode}/${labelColor(label)} dist ${Number.isFinite(dist) ? dist.toFixed(1) : error} ` +
          `(label r ${label.led.radius}, at ${label.led.x},${label.led.y}; got ${led ? `${led.x.toFixed(1)},${led.y.toFixed(1)} r ${led.radius.toFixed(1)}` : '-'}) ` +
          `hue err ${hueErr === null ? '-' : hueErr.toFixed(1)} [${label.conditions.join(' ')}]`,
      );
    }
  }
}

const offRows = [];
for (let i = 0; i < nOff; i++) {
  const seed = base + 90000 + i;
  const label = await offClipFor(seed);
  const file = join(cacheDir, `off-${seed}.mp4`);
  let led = null;
  try {
    led = (await extractSeries(await openSource(file), { name: file })).led;
  } catch (e) {
    if (!(e instanceof NoLedError)) throw e;
  }
  offRows.push({ seed, rejected: led === null });
  if (verbose || led) {
    console.log(
      `${led ? 'FALSE' : 'no-led'} off-${seed} ${led ? `took ${led.x.toFixed(1)},${led.y.toFixed(1)} r ${led.radius.toFixed(1)} ` : ''}[${label.conditions.join(' ')}]`,
    );
  }
}

function summarise(subset) {
  const hits = subset.filter((r) => r.hit).length;
  const hues = subset.map((r) => r.hueErr).filter((v) => v !== null).sort((a, b) => a - b);
  const med = hues.length ? hues[Math.floor(hues.length / 2)] : NaN;
  const p90 = hues.length ? hues[Math.min(hues.length - 1, Math.floor(hues.length * 0.9))] : NaN;
  const rErr = subset.map((r) => r.radiusErr).filter((v) => v !== null).sort((a, b) => a - b);
  const rMed = rErr.length ? rErr[Math.floor(rErr.length / 2)] : NaN;
  const rP90 = rErr.length ? rErr[Math.min(rErr.length - 1, Math.floor(rErr.length * 0.9))] : NaN;
  return `${String(hits).padStart(4)}/${String(subset.length).padEnd(4)} ${((100 * hits) / subset.length).toFixed(1).padStart(5)}%   hue err median ${med.toFixed(1)}°, p90 ${p90.toFixed(1)}°, max ${hues.length ? hues[hues.length - 1].toFixed(1) : 'NaN'}°   |radius err| median ${(100 * rMed).toFixed(0)}%, p90 ${(100 * rP90).toFixed(0)}%`;
}

console.log(`\nlocalisation on the ${dev ? 'development' : 'report'} set (seeds ${base}+), ${rows.length} clips + ${offRows.length} with the LED dark, ${((Date.now() - t0) / 1000).toFixed(0)} s`);
console.log(`all           ${summarise(rows)}`);
const tags = [...new Set(rows.flatMap((r) => r.tags))].sort();
for (const tag of tags) console.log(`${tag.padEnd(13)} ${summarise(rows.filter((r) => r.tags.includes(tag)))}`);
if (offRows.length) {
  const rejected = offRows.filter((r) => r.rejected).length;
  console.log(`no LED lit    ${String(rejected).padStart(4)}/${String(offRows.length).padEnd(4)} ${((100 * rejected) / offRows.length).toFixed(1).padStart(5)}%   ended in NoLedError (exit 3)`);
}
