/**
 * Brightness of the LED per sample, normalised against the series' own distribution: 0 = its dark
 * floor, 1 = its local ON level. `max(r, g, b)` rather than luma so a blue LED and a white one reach
 * the same level (luma would make blue look dim); a local envelope follows auto-exposure drift.
 */
import { BLINK_PERIOD_MS } from '../catalog/timing.js';
import { clippedShare } from '../signal/series.js';
import type { LedSeries } from '../signal/types.js';
import { CROSS_LEVEL, OFF_THRESHOLD, ON_THRESHOLD } from './segment.js';

export interface Levels {
  /** Normalised brightness per sample (0 dark … 1 ON, may exceed 1 a little). */
  v: Float32Array;
  /** Dark floor and global ON level of max(r,g,b), before normalisation. */
  floor: number;
  top: number;
  /** Per-channel dark level (subtracted before colour naming). */
  offRgb: [number, number, number];
  /** Spread of the normalised level while dark (robust sigma). */
  noise: number;
}

function median3(v: Float32Array, keepFlashes = false): Float32Array {
  const out = new Float32Array(v.length);
  for (let i = 0; i < v.length; i++) {
    if (i === 0 || i === v.length - 1) {
      out[i] = v[i];
      continue;
    }
    const a = v[i - 1];
    const b = v[i];
    const c = v[i + 1];
    // a lone bright frame well above the noise is a real flash (a signal bar), not a spike
    out[i] = keepFlashes && b > 0.8 && a < 0.5 && c < 0.5 ? b : Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
  }
  return out;
}

/**
 * Robust spread of the dark samples from second differences (a breath's linear ramp has none, so
 * only noise is measured).
 */
function darkNoise(v: Float32Array): number {
  const d: number[] = [];
  for (let i = 1; i < v.length - 1; i++) {
    // deep dark only: frames next to an edge are partly lit and are not noise
    if (v[i - 1] < 0.15 && v[i] < 0.15 && v[i + 1] < 0.15) d.push(Math.abs(v[i - 1] - 2 * v[i] + v[i + 1]));
  }
  if (d.length < 10) return 0;
  d.sort((a, b) => a - b);
  // for white noise the second difference has sigma·√6; its median absolute value ≈ 0.674 of that
  return d[d.length >> 1] / (0.674 * Math.sqrt(6));
}

function percentile(values: ArrayLike<number>, p: number): number {
  const n = values.length;
  if (n === 0) return 0;
  const sorted = Float64Array.from(values).sort();
  const idx = Math.min(n - 1, Math.max(0, Math.round(p * (n - 1))));
  return sorted[idx];
}

/** Raw per-sample brightness: max channel, or luma when the series carries no colour. */
export function rawBrightness(series: LedSeries): Float32Array {
  const n = series.tMs.length;
  const m = new Float32Array(n);
  let anyColor = false;
  for (let i = 0; i < n; i++) {
    m[i] = Math.max(series.r[i], series.g[i], series.b[i]);
    if (m[i] > 0) anyColor = true;
  }
  if (!anyColor) m.set(series.luma);
  return m;
}

/**
 * Linear-light level (after the extractor's exposure normalisation) an LED must reach to count as
 * lit at all. A lit status LED measures ~0.02–0.5 in the series (a never-dark one lowest); a powered-off
 * LED (the very dim grey 111111 ≈ 0.006 linear) or an empty spot stays below ~0.01.
 */
export const MIN_LIT_LEVEL = 0.015;

/** A dark floor above this share of the ON level is no dark at all: the LED stayed lit. */
const NEVER_DARK_FLOOR = 0.55;
/** Share of a clip's samples whose core clipped from which its LED stayed lit throughout. */
const ALWAYS_CLIPPED_SHARE = 0.9;

/** Samples at the start that do not set the ON level. */
const WARMUP_SAMPLES = 4;

/** Window half-width for the local ON envelope: long enough to span a slow breath's peak. */
const ENVELOPE_HALF_MS = 4500;
/** Window half-width for the ON envelope of a light that switches (blinks): a few blink periods. */
const SWITCH_HALF_MS = 1000;
/** A window switches when a step over two samples spans this share of its own swing at least. */
const SWITCH_EDGE = 0.6;
/** The least swing (share of the global ON level over the floor) a switching window's envelope may have. */
const SWITCH_MIN_SPAN = 0.25;

/** Sliding maximum of `x` over ±`halfMs` around each sample (a monotonic deque over the timestamps). */
function slidingMax(x: Float32Array, tMs: Float64Array, halfMs: number): Float32Array {
  const n = x.length;
  const out = new Float32Array(n);
  let lo = 0;
  let hi = 0;
  const deque: number[] = [];
  for (let i = 0; i < n; i++) {
    while (hi < n && tMs[hi] <= tMs[i] + halfMs) {
      while (deque.length > 0 && x[deque[deque.length - 1]] <= x[hi]) deque.pop();
      deque.push(hi);
      hi++;
    }
    while (lo < n && tMs[lo] < tMs[i] - halfMs) lo++;
    while (deque.length > 0 && deque[0] < lo) deque.shift();
    out[i] = deque.length > 0 ? x[deque[0]] : 0;
  }
  return out;
}

/**
 * Level normalised between the dark floor and a local ON envelope (sliding max of `peakSource`).
 * The envelope spans a slow breath, so a breath's trough is read against its own peak. But the
 * measured level of a blink can step down mid-clip (the exposure reference moved), and read against
 * the brighter blinks seconds before, every later blink fell under the lit bar (a DFU blink read as
 * off). So where no frame within a second of a sample reaches the lit bar, yet the light in that
 * second switches, that stretch is read against its own peak. A breath does not switch: its largest
 * two-frame change is a small share of its swing, a blink's is most of it.
 */
function normalise(m: Float32Array, tMs: Float64Array, peakSource: Float32Array, floor: number, top: number): Float32Array {
  const n = m.length;
  const span = Math.max(1e-6, top - floor);
  const longMax = slidingMax(peakSource, tMs, ENVELOPE_HALF_MS);
  const shortMax = slidingMax(peakSource, tMs, SWITCH_HALF_MS);
  const edge = new Float32Array(n);
  for (let i = 2; i < n; i++) edge[i] = Math.abs(m[i] - m[i - 2]);
  const shortEdge = slidingMax(edge, tMs, SWITCH_HALF_MS);
  // local envelope with a floor at a fraction of the global ON level, so a long dark stretch does not
  // inflate its own noise to "ON"
  const env = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const swing = shortMax[i] - floor;
    const longEnv = Math.max(Math.min(longMax[i], top), floor + 0.4 * span);
    // only where, read against the long envelope, no frame within a second either side reaches the lit bar
    const unlit = swing < ON_THRESHOLD * (longEnv - floor);
    // (a blink at least doubles the light: a swing smaller than the floor is a steady LED's wobble)
    const switches = unlit && swing >= SWITCH_MIN_SPAN * span && swing >= floor && shortEdge[i] >= SWITCH_EDGE * swing;
    env[i] = switches ? Math.max(shortMax[i], floor + SWITCH_MIN_SPAN * span) : longEnv;
  }
  const v = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const x = (m[i] - floor) / Math.max(1e-6, env[i] - floor);
    v[i] = Math.max(0, Math.min(1.5, x));
  }
  return v;
}

/**
 * What a level is normalised by: its spike-free source for the ON envelope (the first frames, taken
 * while the camera and the measurement settle, left out), its ON level (98th percentile, not the
 * maximum: a first frame taken before exposure settled, or a glint, must not set it) and its dark
 * floor (3rd percentile).
 */
function levelRange(m: Float32Array, settled: number): { peakSource: Float32Array; top: number; floor: number } {
  const peakSource = median3(m);
  for (let i = 0; i < settled; i++) peakSource[i] = 0;
  return { peakSource, top: percentile(peakSource.subarray(settled), 0.98), floor: percentile(m, 0.03) };
}

/** The measurement's total light (core and halo, `series.luma`) normalised like the colour level. */
function lumaLevel(series: LedSeries, settled: number): Float32Array {
  const luma = Float32Array.from(series.luma);
  const { peakSource, top, floor } = levelRange(luma, settled);
  return normalise(luma, series.tMs, peakSource, floor > NEVER_DARK_FLOOR * top ? 0 : floor, top);
}

/** Longest dip (samples) in a lit run that the total light can show to be a measuring miss. */
const MAX_DIP_SAMPLES = 2;
/** Share of the flanks' total light a dip must keep to count as still lit. */
const DIP_KEEPS = 0.75;
/** From this many held dips, more than this share of all short dips held means the total light is blind to the blink. */
const MISSES_MIN = 4;
const MISSES_SHARE = 0.5;
/** The shortest dark phase the firmware times: a fast blink's 50 ms OFF (the bootloader's fast toggle is 51 ms). */
const MIN_DARK_MS = BLINK_PERIOD_MS.fast / 2;

/**
 * Closes dips of a frame or two in a lit run where the colour level fell but the LED's total light
 * (the measurement's luma, which counts the glow around the core) held. A shaking camera smears a
 * small LED's light out of the measured core for a frame — blur or a centre a few px off — and the
 * core's excess falls while the light around it rises: one SOS blink read as two. A real dark phase
 * (a 10 Hz blink's one dark frame) takes the total light down with it.
 */
function bridgeLitDips(v: Float32Array, tMs: ArrayLike<number>, lumaOf: () => Float32Array): void {
  const n = v.length;
  // (the total light is normalised only for a series that has such a dip)
  let luma: Float32Array | null = null;
  let dips = 0;
  const held: [number, number][] = [];
  const bridged: [number, number][] = [];
  for (let i = 1; i < n - 1; i++) {
    if (v[i] >= CROSS_LEVEL || v[i - 1] < ON_THRESHOLD) continue;
    let j = i;
    while (j < n && v[j] < CROSS_LEVEL) j++;
    // lit on both sides closer in time than the firmware's shortest dark phase: whatever the dip
    // was, the LED was not dark through it (at 60 fps a frame's dip in a shaking small LED split
    // an SOS short blink in two)
    if (j < n && v[j] >= ON_THRESHOLD && tMs[j] - tMs[i - 1] < MIN_DARK_MS) bridged.push([i, j]);
    else if (j < n && j - i <= MAX_DIP_SAMPLES && v[j] >= ON_THRESHOLD) {
      dips++;
      luma ??= lumaOf();
      const flank = Math.min(luma[i - 1], luma[j]);
      let keeps = flank >= ON_THRESHOLD;
      for (let k = i; k < j; k++) keeps &&= luma[k] >= DIP_KEEPS * flank;
      if (keeps) held.push([i, j]);
    }
    i = j;
  }
  // a miss is now and then; when the total light holds through most of the short dark phases, it is
  // no witness of the LED (a white package's light that does not follow a 25 fps blink) and the dips
  // are the blink's own
  for (const [i, j] of bridged) v.fill(Math.min(v[i - 1], v[j]), i, j);
  if (held.length >= MISSES_MIN && held.length > MISSES_SHARE * dips) return;
  for (const [i, j] of held) v.fill(Math.min(v[i - 1], v[j]), i, j);
}

/** Bin width (ms) the level is averaged into before looking for a period. */
const WAVE_BIN_MS = 100;
/** Periods (ms) looked for: the catalog's breaths, from the Tracker's 1 s to the slow 8 s. */
const WAVE_MIN_MS = 800;
const WAVE_MAX_MS = 9000;
/** A swing smaller than this share of the top is a steady LED's drift, however regular (exposure steps). */
const WAVE_MAX_FLOOR = 0.8;
/** Autocorrelation at the best period above which the level is one repeating wave. */
const WAVE_CORRELATION = 0.8;
/** Frame-to-frame roughness (median |second difference|) below this share of the swing: smooth. */
const WAVE_ROUGHNESS = 0.04;

/**
 * Whether a level that never falls below half its top is a smooth wave that repeats: a big breathing
 * LED overexposed so far that its core clips through all but the bottom of each breath swings only
 * 30–45 % of its top, yet does so smoothly and periodically — unlike a steady LED's wobble (shake,
 * noise, compression), which is rough and does not repeat. Read as never dark, the breath became a
 * solid light.
 */
function periodicSwing(m: Float32Array, tMs: Float64Array, floor: number, top: number): boolean {
  const n = m.length;
  if (n < 8 || top <= 0 || floor > WAVE_MAX_FLOOR * top) return false;
  const spanMs = tMs[n - 1] - tMs[0];
  if (spanMs < 2 * WAVE_MIN_MS) return false;
  const bins = Math.floor(spanMs / WAVE_BIN_MS) + 1;
  const sum = new Float64Array(bins);
  const cnt = new Uint32Array(bins);
  for (let i = 0; i < n; i++) {
    const k = Math.floor((tMs[i] - tMs[0]) / WAVE_BIN_MS);
    sum[k] += m[i];
    cnt[k]++;
  }
  const x: number[] = [];
  for (let k = 0; k < bins; k++) if (cnt[k] > 0) x.push(sum[k] / cnt[k]);
  if (x.length < 2 * (WAVE_MIN_MS / WAVE_BIN_MS)) return false;
  const mean = x.reduce((a, b) => a + b, 0) / x.length;
  for (let k = 0; k < x.length; k++) x[k] -= mean;
  // smooth: the frame-to-frame roughness is small against the swing
  const d2: number[] = [];
  for (let i = 1; i < n - 1; i++) d2.push(Math.abs(m[i - 1] - 2 * m[i] + m[i + 1]));
  d2.sort((a, b) => a - b);
  if (d2[d2.length >> 1] > WAVE_ROUGHNESS * (top - floor)) return false;
  // repeating: one lag between a short and a slow breath where the wave matches itself, seen at
  // least one and a half times
  let best = 0;
  for (let lag = Math.round(WAVE_MIN_MS / WAVE_BIN_MS); lag <= Math.round(WAVE_MAX_MS / WAVE_BIN_MS) && 1.5 * lag <= x.length; lag++) {
    let xy = 0, xx = 0, yy = 0;
    for (let i = 0; i + lag < x.length; i++) {
      xy += x[i] * x[i + lag];
      xx += x[i] * x[i];
      yy += x[i + lag] * x[i + lag];
    }
    if (xx > 0 && yy > 0) best = Math.max(best, xy / Math.sqrt(xx * yy));
  }
  return best >= WAVE_CORRELATION;
}

export function computeLevels(series: LedSeries): Levels {
  const n = series.tMs.length;
  const m = rawBrightness(series);
  const settled = WARMUP_SAMPLES < n - 8 ? WARMUP_SAMPLES : 0;
  const range = levelRange(m, settled);
  const { peakSource, top } = range;
  // an LED that never goes dark (solid) has no dark floor in the clip: its floor is zero light
  let floor = range.floor;
  // (the measured dark level can sit well above zero: a package lit by the room, glare; only a
  // floor close to the top means the LED never went dark). The measurement subtracts a floor in full
  // once the LED's level spans 30 % of its peak (signal/measure.ts), so a blink's floor sits near
  // zero: a floor still above half the top is a steady LED wobbling (shake, a small LED, noise)
  // An LED whose core clipped in nearly every sample never went dark either, however far its
  // measured level fell (exposure turned down, its glow shrinking round the clipped core): no dark
  // LED saturates the sensor. (A breath whose bright LED clips all but its darkest instants still
  // swings with its period and keeps its floor.)
  const clippedThroughout = clippedShare(series, settled, n) >= ALWAYS_CLIPPED_SHARE;
  const litThroughout = (floor > NEVER_DARK_FLOOR * top || clippedThroughout) && !periodicSwing(m, series.tMs, floor, top);
  if (litThroughout) floor = 0;
  const offRgb: [number, number, number] = [0, 0, 0];
  {
    // dark level per channel: mean of the samples near the dark floor (none for a never-dark LED)
    let k = 0;
    const limit = floor + 0.08 * (top - floor);
    for (let i = 0; i < n; i++) {
      if (floor === 0 && top > 0 && m[i] > 0.7 * top) continue;
      if (m[i] > limit) continue;
      offRgb[0] += series.r[i];
      offRgb[1] += series.g[i];
      offRgb[2] += series.b[i];
      k++;
    }
    if (k > 0) for (let c = 0; c < 3; c++) offRgb[c] /= k;
    // ...but never above a channel's own floor: samples near the dark floor of an LED that never
    // goes dark are a dim colour (a rainbow's indigo), and subtracting that colour turned every other
    // colour's hue (the rainbow then no longer walked the hue circle)
    const channels = [series.r, series.g, series.b];
    for (let c = 0; c < 3; c++) offRgb[c] = Math.min(offRgb[c], percentile(channels[c], 0.03));
  }
  const v = normalise(m, series.tMs, peakSource, floor, top);
  bridgeLitDips(v, series.tMs, () => lumaLevel(series, settled));
  // a series that never lights up has nothing to normalise: keep it dark (its noise and the
  // compression's colour speckle would otherwise be stretched into a pattern)
  if (top < MIN_LIT_LEVEL) v.fill(0);
  const noise = darkNoise(v);
  // low light: the dark level's own noise reaches the thresholds; a 3-sample median removes
  // single-frame spikes and keeps every run of two frames or more
  const smoothed = noise > 0.05 ? median3(v, true) : v;
  liftDimPulses(smoothed, series.tMs, noise);
  liftRaisedPulses(smoothed, series.tMs, m, floor);
  // ...and each of its clipped samples was lit, even one that measured dim (the exposure still
  // settling at the clip's start)
  if (litThroughout && clippedThroughout) for (let i = 0; i < n; i++) if (series.clipped[i]) smoothed[i] = Math.max(smoothed[i], ON_THRESHOLD);
  return { v: smoothed, floor, top, offRgb, noise };
}

/** The dark on both sides of a partly caught flash or a dim pulse (normalised level). */
const PARTIAL_DARK = 0.05;
/** A partly caught flash or a dim pulse stands this far above the dark at least, and this many times its noise. */
const PARTIAL_MIN = 0.15;
const PARTIAL_SIGMAS = 20;
/** A dim pulse's inner samples stay this close to its peak: a blink's flat top, not a breath's slope. */
const PULSE_FLAT = 0.6;
/** A dim pulse of more than one frame reaches this level (a distractor's flicker stays under it). */
const DIM_PULSE_MIN = 0.3;
/** The shortest lit phase the firmware times: a fast blink's 50 ms ON. */
const MIN_PULSE_MS = BLINK_PERIOD_MS.fast / 2;

/**
 * A pulse in darkness that stands far above the dark's noise but under the lit threshold is lit:
 * - a flash shorter than a frame interval (a signal bar's 50 ms at 15–24 fps) that the exposure
 *   caught only in part reads as one frame at a fraction of the ON level, so the bar went uncounted;
 * - a whole blink the camera took dimmer than its neighbours (an exposure or flicker dip took an
 *   SOS code blink to 0.44 of the others) read as dark, and the blinks around it as two counts.
 * A pulse of more than one frame must last as long as the firmware's shortest lit phase (two frames
 * at 60 fps are a flicker as often as a blink), and its inner samples (all but the first and last,
 * which the exposure may catch in part) must be a flat top: a dim breath rises and falls through
 * them, and a breath is not a pulse.
 */
function liftDimPulses(v: Float32Array, tMs: ArrayLike<number>, noise: number): void {
  const min = Math.max(PARTIAL_MIN, PARTIAL_SIGMAS * noise);
  for (let i = 1; i < v.length - 1; i++) {
    if (v[i] < PARTIAL_DARK || v[i - 1] >= PARTIAL_DARK) continue;
    let j = i;
    let peak = 0;
    while (j < v.length && v[j] >= PARTIAL_DARK) peak = Math.max(peak, v[j++]);
    // [i, j) is a pulse with dark before it; it needs dark after it too
    const dark = j < v.length && peak < ON_THRESHOLD;
    if (dark && (j - i === 1 ? noise > 0 && peak >= min : dimBlink(v, tMs, i, j, peak, Math.max(min, DIM_PULSE_MIN)))) {
      for (let k = i; k < j; k++) if (v[k] >= min) v[k] = ON_THRESHOLD;
    }
    i = j;
  }
}

/** Whether the pulse [i, j) of two frames or more (dark at j) is a blink: long enough, bright enough, flat-topped. */
function dimBlink(v: Float32Array, tMs: ArrayLike<number>, i: number, j: number, peak: number, min: number): boolean {
  if (tMs[j] - tMs[i] < MIN_PULSE_MS || peak < min) return false;
  for (let k = i + 1; k < j - 1; k++) if (v[k] < PULSE_FLAT * peak) return false;
  return true;
}

/** Longest edge (ms) between the dark side of the hysteresis and its middle for a raised pulse: a blink's, not a breath's slope. */
const RAISED_EDGE_MS = 60;
/** A raised pulse's light is at least this many times the light of the dark on either side. */
const RAISED_STEP = 1.5;

/**
 * A blink that reaches the middle of the hysteresis band from below its dark side and falls back
 * there, in steep edges, is lit though it stays under the lit threshold: a heavily compressed small
 * LED at 60 fps keeps part of its light through the 300 ms dark between SOS code blinks (the
 * encoder does not refresh the block), and two code blinks that read 0.52 of the top between darks
 * of 0.2–0.27 went uncounted. The dark on both sides keeps the hysteresis's guard against chatter at
 * one threshold; the steep edges keep a dim breath (whose slope takes 100 ms or more from the dark
 * side to the middle, even a fast breath's) out.
 */
function liftRaisedPulses(v: Float32Array, tMs: ArrayLike<number>, m: Float32Array, floor: number): void {
  const n = v.length;
  for (let i = 1; i < n - 1; i++) {
    if (v[i] < CROSS_LEVEL || v[i - 1] >= CROSS_LEVEL) continue;
    let j = i;
    let peak = 0;
    let light = 0;
    for (; j < n && v[j] >= CROSS_LEVEL; j++) {
      peak = Math.max(peak, v[j]);
      light = Math.max(light, m[j] - floor);
    }
    if (j < n && peak <= ON_THRESHOLD && tMs[j - 1] - tMs[i] >= MIN_PULSE_MS - (tMs[i] - tMs[i - 1])) {
      let a = i - 1;
      while (a > 0 && v[a] >= OFF_THRESHOLD) a--;
      let b = j;
      while (b < n - 1 && v[b] >= OFF_THRESHOLD) b++;
      const steep = v[a] < OFF_THRESHOLD && v[b] < OFF_THRESHOLD && tMs[i] - tMs[a] <= RAISED_EDGE_MS && tMs[b] - tMs[j - 1] <= RAISED_EDGE_MS;
      // in the light itself, not only in its normalised level: where the local envelope changes
      // (a dim breath's slope) the level can step while the light does not
      const stands = light >= RAISED_STEP * Math.max(m[a] - floor, m[b] - floor);
      if (steep && stands) v.fill(ON_THRESHOLD, i, j);
    }
    i = j;
  }
}

