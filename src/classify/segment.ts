/**
 * Samples → runs ("elements"): ON and OFF stretches with their timing and colour, using the real
 * timestamps (VFR, dropped frames). Thresholds are on the normalised level (levels.ts), with
 * hysteresis so noise at the threshold does not split a run. The same state machine turns catalog
 * templates into elements (templates.ts), so what is measured and what is expected are cut alike.
 */
import { hueDistanceDeg, hueSaturation, ONE_HUE_STEP_DEG } from '../catalog/colors.js';
import type { ColorName } from '../catalog/types.js';
import { clippedShare } from '../signal/series.js';
import type { LedSeries } from '../signal/types.js';
import type { ColorEvidence, ColorNamer, ColorNaming } from './types.js';
import { coolHaloOfWhite } from './halo.js';
import type { Levels } from './levels.js';

/** Hysteresis thresholds on the normalised level. */
export const ON_THRESHOLD = 0.55;
export const OFF_THRESHOLD = 0.35;
/** Where a crossing is placed between two samples (the midpoint of the hysteresis band). */
export const CROSS_LEVEL = 0.45;
/** Interior samples of an ON run this far below its peak count as "on a ramp" (breathing). */
export const ON_RAMP_DIP = 0.12;

/** Runs of a boolean state over time: [startIndex, endIndexExclusive, on]. */
export function hysteresisStates(v: ArrayLike<number>): Uint8Array {
  const n = v.length;
  const on = new Uint8Array(n);
  let state = n > 0 && v[0] >= CROSS_LEVEL;
  for (let i = 0; i < n; i++) {
    if (state && v[i] < OFF_THRESHOLD) state = false;
    else if (!state && v[i] > ON_THRESHOLD) state = true;
    on[i] = state ? 1 : 0;
  }
  return on;
}

export interface Element {
  kind: 'on' | 'off';
  startMs: number;
  endMs: number;
  durMs: number;
  /** Sample index range [i0, i1). */
  i0: number;
  i1: number;
  /** Timing uncertainty of the two boundaries (the sample gaps they fall in). */
  gapStartMs: number;
  gapEndMs: number;
  /** Cut by the clip's start or end. */
  truncStart: boolean;
  truncEnd: boolean;
  /** ON only: named colour and its scores. */
  color: ColorNaming | null;
  /** ON only: mean ON−OFF colour (linear), for reports. */
  rgb: [number, number, number] | null;
  /** ON only: several distinct colours inside (rainbow). */
  multi: boolean;
  /** ON only: shape. true = ramps (breathing), false = flat (blink/solid), null = too few samples. */
  ramp: boolean | null;
  /** Fraction of interior samples at intermediate level. */
  rampFraction: number;
  /** Peak normalised level. */
  peak: number;
  /** ON only: fraction of its samples whose core clipped. */
  clippedFraction: number;
  /** ON only: how clipping moved this run's hue, when it showed both (see ClipHueShift). */
  clipShift?: ClipHueShift;
  /**
   * ON only: how long the light took to climb from the last sample of the run before it to near its
   * peak, and to fall from near its peak to the first sample of the run after (absent at the clip's
   * ends): a breath climbs and falls through many frames, a light cut off or lost steps in one.
   */
  riseMs?: number;
  fallMs?: number;
}

/** Share of its peak at which a lit run counts as risen (see Element.riseMs). */
const RISEN_SHARE = 0.8;

/**
 * The chromaticity a clip's LED reads while clipped and while not, side by side in one lit run: the
 * same camera moves the same LED's hue the same way whenever it clips, so a run seen only clipped
 * (a breath cut off at its top by the clip's end) is read back through it, as a white reference
 * reads back a tint.
 */
export interface ClipHueShift {
  clipped: [number, number, number];
  clear: [number, number, number];
}

function crossTime(t0: number, v0: number, t1: number, v1: number): number {
  if (v1 === v0) return (t0 + t1) / 2;
  const f = (CROSS_LEVEL - v0) / (v1 - v0);
  return t0 + (t1 - t0) * Math.min(1, Math.max(0, f));
}

export interface SegmentOptions {
  namer: ColorNamer;
  /** Optional white reference for the namer (set by a second pass when a white run is seen). */
  whiteRef?: { r: number; g: number; b: number } | null;
  /** Optional hue shift clipping showed in this clip (set by a later pass when a run shows one). */
  clipHue?: ClipHueShift | null;
}

/**
 * Segmentation's own options: each sample is named at most once per pass (the rainbow check and the
 * colour-change split read the same samples, and a model namer costs a predict per call).
 */
interface NamingOptions extends SegmentOptions {
  namings: (ColorNaming | undefined)[];
}

/** Which samples of a run its colour is read from. */
type SampleChoice = 'bright' | 'unclipped' | 'clipped';

/**
 * Colour evidence of samples [i0, i1): the brighter samples' mean ON−OFF light, or with
 * `preferUnclipped` (as segmentation reads a lit run) its unclipped samples' when clipping moved the
 * hue of the rest.
 */
export function colorEvidenceOf(
  series: LedSeries,
  levels: Levels,
  i0: number,
  i1: number,
  whiteRef: { r: number; g: number; b: number } | null,
  preferUnclipped = false,
): ColorEvidence {
  if (!preferUnclipped) {
    const { count: _, ...bright } = evidenceFrom(series, levels, i0, i1, whiteRef, 'bright');
    return bright;
  }
  return runColorEvidence(series, levels, i0, i1, whiteRef, null).evidence;
}

/** How close (degrees) a clipped run's hue must be to a clip's known clipped hue to be read back. */
const CLIP_HUE_MATCH_DEG = 15;

/** A lit run's colour evidence, and the hue shift it showed between its clipped and unclipped samples. */
function runColorEvidence(
  series: LedSeries,
  levels: Levels,
  i0: number,
  i1: number,
  whiteRef: { r: number; g: number; b: number } | null,
  clipHue: ClipHueShift | null,
): { evidence: ColorEvidence; shift: ClipHueShift | null } {
  const { count: _, ...bright } = evidenceFrom(series, levels, i0, i1, whiteRef, 'bright');
  if (bright.clippedFraction === 0) return { evidence: bright, shift: null };
  // a run lit partly clipped, partly not (a breath's top and its flanks): the clipped samples' hue
  // is read from a halo, the unclipped ones' from the LED itself (DESIGN.md §2). When the two read
  // neighbouring hues, clipping moved the hue and the unclipped samples name the run; far apart,
  // they are two colours and the brighter one names it, as for any run
  const { count, ...clear } = evidenceFrom(series, levels, i0, i1, whiteRef, 'unclipped');
  const clipped = evidenceFrom(series, levels, i0, i1, whiteRef, 'clipped');
  if (count >= UNCLIPPED_MIN_SAMPLES) {
    const shift: ClipHueShift = { clipped: [clipped.r, clipped.g, clipped.b], clear: [clear.r, clear.g, clear.b] };
    if (whiteUnderCoolHalo(shift.clear, shift.clipped)) return { evidence: clear, shift };
    if (!neighbourHues(clear, clipped)) return { evidence: bright, shift: null };
    return { evidence: clear, shift };
  }
  // seen clipped only: read back through the shift another run of this clip showed, unless the run's
  // own unclipped edge frames read its clipped hue (the shift came from two colours back to back, a
  // green blink running into fast cyan, and every cyan blink read green)
  if (clipHue && bright.clippedFraction >= 0.5) {
    const gap = hueGapDeg(rgbOf(bright), clipHue.clipped);
    const edges = count > 0 ? { toClipped: hueGapDeg(rgbOf(clear), clipHue.clipped), toClear: hueGapDeg(rgbOf(clear), clipHue.clear) } : null;
    const edgesDisagree = edges !== null && edges.toClipped !== null && edges.toClear !== null && edges.toClipped < edges.toClear;
    if (gap !== null && gap <= CLIP_HUE_MATCH_DEG && !edgesDisagree) return { evidence: { ...bright, r: clipHue.clear[0], g: clipHue.clear[1], b: clipHue.clear[2] }, shift: null };
  }
  return { evidence: bright, shift: null };
}

/**
 * The hue shift the longest lit run that showed one (clipped and unclipped hues neighbours, yet
 * clearly apart) gives, or null.
 */
export function clipHueShift(elements: readonly Element[]): ClipHueShift | null {
  let best: Element | null = null;
  for (const e of elements) {
    const sh = e.clipShift;
    if (!sh) continue;
    // (a shift is recorded between two coloured readings, or from white to a cool halo)
    const gap = hueGapDeg(sh.clipped, sh.clear);
    if (gap === null ? !whiteUnderCoolHalo(sh.clear, sh.clipped) : gap < CLIP_HUE_MATCH_DEG) continue;
    if (!best || e.durMs > best.durMs) best = e;
  }
  return best?.clipShift ?? null;
}

function evidenceFrom(
  series: LedSeries,
  levels: Levels,
  i0: number,
  i1: number,
  whiteRef: { r: number; g: number; b: number } | null,
  choice: SampleChoice,
): ColorEvidence & { count: number } {
  let peak = 0;
  for (let i = i0; i < i1; i++) peak = Math.max(peak, levels.v[i]);
  const minLevel = (choice === 'unclipped' ? UNCLIPPED_MIN_LEVEL : 0.6) * peak;
  let r = 0;
  let g = 0;
  let b = 0;
  let w = 0;
  let clipped = 0;
  let count = 0;
  for (let i = i0; i < i1; i++) {
    const v = levels.v[i];
    if (v < minLevel) continue;
    if ((choice === 'unclipped' && series.clipped[i]) || (choice === 'clipped' && !series.clipped[i])) continue;
    // chromaticity per sample, weighted by level: a dim edge frame says little about colour
    const rr = Math.max(0, series.r[i] - levels.offRgb[0]);
    const gg = Math.max(0, series.g[i] - levels.offRgb[1]);
    const bb = Math.max(0, series.b[i] - levels.offRgb[2]);
    const m = Math.max(rr, gg, bb);
    if (m <= 0) continue;
    r += (rr / m) * v;
    g += (gg / m) * v;
    b += (bb / m) * v;
    w += v;
    clipped += series.clipped[i];
    count++;
  }
  if (w > 0) {
    r /= w;
    g /= w;
    b /= w;
  }
  return { r, g, b, clippedFraction: count > 0 ? clipped / count : 0, luma: peak, whiteRef, count };
}

/** Hue neighbours on the contract circle lie this far apart at most (blue 240°, magenta 300°). */
const NEIGHBOUR_HUE_DEG = 75;
/** Below this saturation a reading has no hue worth comparing. */
const HUE_SATURATION = 0.4;

type Rgb = readonly [number, number, number];

/** Degrees between two readings' hues; null when either is too grey to have a hue worth comparing. */
function hueGapDeg(a: Rgb, b: Rgb): number | null {
  const ha = hueSaturation(a[0], a[1], a[2]);
  const hb = hueSaturation(b[0], b[1], b[2]);
  if (ha.saturation < HUE_SATURATION || hb.saturation < HUE_SATURATION) return null;
  return hueDistanceDeg(ha.hueDeg, hb.hueDeg);
}

const rgbOf = (e: { r: number; g: number; b: number }): Rgb => [e.r, e.g, e.b];

/**
 * A lit run whose unclipped samples read white while its clipped ones read a cool halo: a white LED
 * (a breathing white's flanks read grey, its clipped top cyan); a cyan LED's flanks are cyan.
 */
function whiteUnderCoolHalo(clear: Rgb, clipped: Rgb): boolean {
  return hueSaturation(clear[0], clear[1], clear[2]).saturation < HUE_SATURATION && coolHaloOfWhite(clipped);
}

/** Two readings of clearly coloured light whose hues are neighbours (or the same). */
function neighbourHues(a: { r: number; g: number; b: number }, b: { r: number; g: number; b: number }): boolean {
  const gap = hueGapDeg(rgbOf(a), rgbOf(b));
  return gap !== null && gap <= NEIGHBOUR_HUE_DEG;
}

/** Unclipped samples at this share of a run's peak or above may name a partly clipped run... */
const UNCLIPPED_MIN_LEVEL = 0.3;
/** ...when there are at least this many of them. */
const UNCLIPPED_MIN_SAMPLES = 3;

/** One sample's colour, from its light above the OFF level. */
function nameSample(series: LedSeries, levels: Levels, i: number, opts: NamingOptions): ColorNaming {
  const known = opts.namings[i];
  if (known) return known;
  return (opts.namings[i] = opts.namer({
    r: Math.max(0, series.r[i] - levels.offRgb[0]),
    g: Math.max(0, series.g[i] - levels.offRgb[1]),
    b: Math.max(0, series.b[i] - levels.offRgb[2]),
    clippedFraction: series.clipped[i],
    luma: levels.v[i],
    whiteRef: opts.whiteRef ?? null,
  }));
}

/** Distinct confident colour names among single samples of [i0, i1) (rainbow shows ≥ 3). */
function distinctSampleColors(
  series: LedSeries,
  levels: Levels,
  i0: number,
  i1: number,
  opts: NamingOptions,
): Set<ColorName> {
  const names = new Map<ColorName, number>();
  for (let i = i0; i < i1; i++) {
    if (levels.v[i] < 0.3) continue;
    const naming = nameSample(series, levels, i, opts);
    if (naming.confidence >= 0.5) names.set(naming.name, (names.get(naming.name) ?? 0) + 1);
  }
  // a colour counts when it holds for two samples; one colour dominating is noise, not a rainbow
  let total = 0;
  for (const c of names.values()) total += c;
  const held = [...names.entries()].filter(([, c]) => c >= 2);
  if (held.some(([, c]) => c > 0.7 * total)) return new Set(held.slice(0, 1).map(([n]) => n));
  return new Set(held.map(([n]) => n));
}

/** Hues (degrees) of a run's lit, clearly coloured samples, in order: what the rainbow checks read. */
function saturatedHues(series: LedSeries, levels: Levels, i0: number, i1: number): number[] {
  const hues: number[] = [];
  for (let i = i0; i < i1; i++) {
    if (levels.v[i] < 0.3) continue;
    const r = Math.max(0, series.r[i] - levels.offRgb[0]);
    const g = Math.max(0, series.g[i] - levels.offRgb[1]);
    const b = Math.max(0, series.b[i] - levels.offRgb[2]);
    const { hueDeg, saturation } = hueSaturation(r, g, b);
    if (saturation >= 0.3) hues.push(hueDeg);
  }
  return hues;
}

/**
 * How far the hue of a run's saturated samples wanders: 1 − the length of their mean unit hue
 * vector (0 for one colour, near 1 for colours all round the circle, as a rainbow's). Blurred
 * frames that mix neighbouring rainbow colours still move round the circle.
 */
function hueSpread(hues: readonly number[]): number {
  if (hues.length < 6) return 0;
  let cx = 0;
  let cy = 0;
  for (const h of hues) {
    cx += Math.cos((h * Math.PI) / 180);
    cy += Math.sin((h * Math.PI) / 180);
  }
  return 1 - Math.hypot(cx, cy) / hues.length;
}

/**
 * How a run's hue turns: the rainbow walks the hue circle one way, a step at a time (violet, indigo,
 * blue, green, yellow, orange, red, and round again); noise, a mis-aimed tracker or a tinted glare
 * wanders back and forth. `netDeg` is the signed sum of the steps between successive saturated
 * samples, `pathDeg` the sum of their sizes.
 */
function hueWinding(hues: readonly number[]): { netDeg: number; pathDeg: number } {
  let net = 0;
  let path = 0;
  for (let k = 1; k < hues.length; k++) {
    const d = ((hues[k] - hues[k - 1] + 540) % 360) - 180;
    net += d;
    path += Math.abs(d);
  }
  return { netDeg: net, pathDeg: path };
}

/** Hues within this many degrees of a stretch's first are one colour held (a rainbow's steps lie 25–60° apart). */
const DWELL_HUE_DEG = 20;
/** The most of a run's saturated samples one held colour may take in a rainbow (each of its colours takes a seventh). */
const MAX_DWELL_SHARE = 0.6;

/** The largest share of the samples one colour holds in a row (hues within DWELL_HUE_DEG of the stretch's first). */
function longestDwellShare(hues: readonly number[]): number {
  if (hues.length === 0) return 0;
  let longest = 0;
  for (let k = 0; k < hues.length; ) {
    let j = k + 1;
    while (j < hues.length && hueDistanceDeg(hues[j], hues[k]) <= DWELL_HUE_DEG) j++;
    longest = Math.max(longest, j - k);
    k = j;
  }
  return longest / hues.length;
}

/** Cuts a series into ON/OFF elements. */
export function segmentSeries(series: LedSeries, levels: Levels, options: SegmentOptions): Element[] {
  const n = series.tMs.length;
  const opts: NamingOptions = { ...options, namings: new Array(n) };
  const t = series.tMs;
  const v = levels.v;
  if (n === 0) return [];
  const on = hysteresisStates(v);
  const medianGap = series.fps > 0 ? 1000 / series.fps : n > 1 ? (t[n - 1] - t[0]) / (n - 1) : 33;
  const elements: Element[] = [];
  let i0 = 0;
  let start = t[0] - medianGap / 2;
  let gapStart = medianGap;
  for (let i = 1; i <= n; i++) {
    if (i < n && on[i] === on[i0]) continue;
    let end: number;
    let gapEnd: number;
    if (i < n) {
      end = crossTime(t[i - 1], v[i - 1], t[i], v[i]);
      gapEnd = t[i] - t[i - 1];
    } else {
      end = t[n - 1] + medianGap / 2;
      gapEnd = medianGap;
    }
    const kind = on[i0] ? 'on' : 'off';
    const el: Element = {
      kind,
      startMs: start,
      endMs: end,
      durMs: Math.max(0, end - start),
      i0,
      i1: i,
      gapStartMs: gapStart,
      gapEndMs: gapEnd,
      truncStart: i0 === 0,
      truncEnd: i === n,
      color: null,
      rgb: null,
      multi: false,
      ramp: null,
      rampFraction: 0,
      peak: 0,
      clippedFraction: 0,
    };
    if (kind === 'on') describeOn(el, series, levels, opts);
    else el.rampFraction = interiorRamp(v, el.i0, el.i1, 'off', levels.noise).fraction;
    elements.push(el);
    i0 = i;
    start = end;
    gapStart = gapEnd;
  }
  const split = splitAtColorChanges(elements, series, levels, opts);
  assignCycleRamp(split, (e) => interiorRamp(v, e.i0, e.i1, e.kind, levels.noise).interior);
  return split;
}

/** Confident colour name of each sample (null when dark or unsure). */
function sampleNames(series: LedSeries, levels: Levels, i0: number, i1: number, opts: NamingOptions): (ColorName | null)[] {
  const out: (ColorName | null)[] = [];
  for (let i = i0; i < i1; i++) {
    if (levels.v[i] < 0.4) {
      out.push(null);
      continue;
    }
    const naming = nameSample(series, levels, i, opts);
    out.push(naming.confidence >= 0.5 ? naming.name : null);
  }
  return out;
}

/**
 * Where the colour of a lit run's samples changes: the first index k from which a new colour is held,
 * with the part before mostly the first colour and the part after mostly the new one; or the two
 * indices of a colour held between two stretches of the first colour (a cloud error's red hold with
 * the fast cyan blinks on both sides, caught without a dark frame between). "Mostly": at least 2 of
 * the stretch's named samples and 0.7 of them.
 */
function colourCuts(names: readonly (ColorName | null)[]): number[] {
  const first = names.slice(0, 3).find((n) => n !== null) ?? null;
  if (!first) return [];
  // samples named at all, and named each colour, before each index: any stretch is counted in O(1)
  const counts = (match: (n: ColorName | null) => boolean): Int32Array => {
    const c = new Int32Array(names.length + 1);
    for (let i = 0; i < names.length; i++) c[i + 1] = c[i] + (match(names[i]) ? 1 : 0);
    return c;
  };
  const named = counts((n) => n !== null);
  const ofColour = new Map<ColorName, Int32Array>();
  const mostly = (from: number, to: number, name: ColorName): boolean => {
    let c = ofColour.get(name);
    if (!c) ofColour.set(name, (c = counts((n) => n === name)));
    return c[to] - c[from] >= Math.max(2, 0.7 * (named[to] - named[from]));
  };
  const end = names.length;
  for (let k = 2; k < end - 1; k++) {
    const a = names[k];
    if (a === null || a === first || names[k + 1] !== a || !mostly(0, k, first)) continue;
    // the first colour back after the new one, held to the run's end (two hues only: a pale colour
    // wavers across the white bar, and a steady pale cyan read cyan, white, cyan is one light)
    if (a !== 'white' && first !== 'white') {
      for (let m = k + 2; m < end - 1; m++) {
        if (names[m] === first && names[m + 1] === first && mostly(k, m, a) && mostly(m, end, first)) return [k, m];
      }
    }
    if (mostly(k, end, a)) return [k];
    // else a blend of the two held for a couple of frames at the change (cyan between a bluish
    // white and green): look on for the second colour itself
  }
  return [];
}

/**
 * An ON run whose colour changes part-way (a cloud error's orange running into the next cyan blink,
 * the boot white into the first green blink) becomes two runs, or three when the first colour comes
 * back, so each state keeps its own colour. Rainbows (three or more colours) stay whole.
 */
function splitAtColorChanges(elements: Element[], series: LedSeries, levels: Levels, opts: NamingOptions): Element[] {
  const out: Element[] = [];
  for (const el of elements) {
    // (a run read as several colours is tried too: two colours, each held, are two states side by
    // side, such as a red hold running into the next cyan blink; a rainbow's colours fail the test)
    if (el.kind !== 'on' || el.i1 - el.i0 < 4) {
      out.push(el);
      continue;
    }
    const cuts = colourCuts(sampleNames(series, levels, el.i0, el.i1, opts)).map((k) => el.i0 + k);
    const bounds = [el.i0, ...cuts, el.i1];
    let real = cuts.length > 0;
    for (let c = 1; c < bounds.length - 1 && real; c++) real = !oneColourAcross(series, levels, bounds[c - 1], bounds[c], bounds[c + 1], opts);
    if (!real) {
      out.push(el);
      continue;
    }
    for (let c = 0; c < bounds.length - 1; c++) {
      const s = bounds[c];
      const e = bounds[c + 1];
      const last = c === bounds.length - 2;
      const startMs = c === 0 ? el.startMs : (series.tMs[s - 1] + series.tMs[s]) / 2;
      const endMs = last ? el.endMs : (series.tMs[e - 1] + series.tMs[e]) / 2;
      const part: Element = {
        ...el,
        i0: s,
        i1: e,
        startMs,
        endMs,
        durMs: endMs - startMs,
        gapStartMs: c === 0 ? el.gapStartMs : series.tMs[s] - series.tMs[s - 1],
        gapEndMs: last ? el.gapEndMs : series.tMs[e] - series.tMs[e - 1],
        truncStart: c === 0 && el.truncStart,
        truncEnd: last && el.truncEnd,
      };
      describeOn(part, series, levels, opts);
      out.push(part);
    }
  }
  return out;
}

/**
 * Whether the colour change at `cut` in the lit run [i0, i1) is the measurement's, not the LED's:
 * - the two sides lie one hue step apart: no firmware sequence steps between such hues without going
 *   dark, while a tint, a clipped core's halo or a compressed small LED moves a steady hue that far (a
 *   red SOS blink read orange for half its length, then red: one blink counted as two);
 * - or one side clipped and the other not, their hues neighbours: a clipped core's hue is read from
 *   its halo, which a camera's tone curve and tint can turn a colour step (a magenta breath's clipped
 *   top reads blue) — no firmware state changes to a neighbouring hue mid-run exactly where the LED clips.
 */
function oneColourAcross(series: LedSeries, levels: Levels, i0: number, cut: number, i1: number, opts: NamingOptions): boolean {
  const whiteRef = opts.whiteRef ?? null;
  const before = rgbOf(colorEvidenceOf(series, levels, i0, cut, whiteRef));
  const after = rgbOf(colorEvidenceOf(series, levels, cut, i1, whiteRef));
  const clipStep = clippedShare(series, i0, cut) - clippedShare(series, cut, i1);
  // (a white LED climbing into clipping, or falling out of it: its halo read cool while clipped)
  if (clipStep >= 0.5 ? whiteUnderCoolHalo(after, before) : clipStep <= -0.5 && whiteUnderCoolHalo(before, after)) return true;
  const gap = hueGapDeg(before, after);
  if (gap === null) return false;
  if (gap <= ONE_HUE_STEP_DEG) return true;
  return gap <= NEIGHBOUR_HUE_DEG && Math.abs(clipStep) >= 0.5;
}

/** Off-level above which an interior sample of an OFF run is "on a ramp". */
export const OFF_RAMP_LEVEL = 0.12;

/** Intermediate-level interior samples of a run (its first and last sample may straddle an edge). */
export function interiorRamp(v: ArrayLike<number>, i0: number, i1: number, kind: 'on' | 'off', noise = 0): { fraction: number; interior: number } {
  // dark noise must not read as a ramp: the bar rises with it
  const offBar = Math.max(OFF_RAMP_LEVEL, 3 * noise);
  // a blink's interior sits at its peak (give or take noise); a breath's falls away from it
  const onDip = Math.max(ON_RAMP_DIP, 3 * noise);
  const interior = i1 - i0 - 2;
  if (interior <= 0) return { fraction: 0, interior: 0 };
  let peak = 0;
  let low = Infinity;
  for (let i = i0; i < i1; i++) peak = Math.max(peak, v[i]);
  for (let i = i0 + 1; i < i1 - 1; i++) low = Math.min(low, v[i]);
  // the dark level can sit above zero and wander (glare, exposure): a breath's dark half is a V
  // down to its floor, a blink's dark half is flat wherever its floor is
  const offBarRel = low + offBar;
  let mid = 0;
  let midAtEnds = 0;
  for (let i = i0 + 1; i < i1 - 1; i++) {
    if (kind === 'on' ? v[i] < peak - onDip : v[i] > offBarRel) {
      mid++;
      const pos = (i - i0) / (i1 - i0);
      if (pos < 0.35 || pos > 0.65) midAtEnds++;
    }
  }
  // a breath's intermediate samples are its slopes, at the run's two ends; dips scattered through a
  // run (flicker, compression) are not a shape
  const shaped = mid === 0 || midAtEnds >= 0.75 * mid;
  return { fraction: shaped ? mid / interior : (midAtEnds / interior) * 0.5, interior };
}

/** Fraction of a cycle's interior samples on a ramp above which the run is a breath, not a blink. */
export const RAMP_CYCLE_FRACTION = 0.22;

/**
 * Shape per element from its cycle (itself and its neighbours): a clipped breath has a flat top but
 * ramps below threshold, so the ON part alone can look flat.
 */
export function assignCycleRamp<T extends { rampFraction: number; ramp: boolean | null }>(
  elements: T[],
  interiorOf: (e: T) => number,
): void {
  const cycle: (boolean | null)[] = elements.map((_, k) => {
    // a run of one or two samples has no shape of its own: do not borrow its neighbours'
    // too few samples to tell a slope from a flicker
    if (interiorOf(elements[k]) < 5) return null;
    let mid = 0;
    let total = 0;
    for (let j = Math.max(0, k - 1); j <= Math.min(elements.length - 1, k + 1); j++) {
      const n = interiorOf(elements[j]);
      mid += elements[j].rampFraction * n;
      total += n;
    }
    if (total < 4) return null;
    // a flat run stays flat whatever its neighbours do; a partly ramped one (a clipped breath's
    // flat top) is judged with them
    const own = elements[k].rampFraction;
    return own > 0.3 || (own > 0.08 && mid / total > RAMP_CYCLE_FRACTION);
  });
  elements.forEach((e, k) => {
    e.ramp = cycle[k];
  });
}

function describeOn(el: Element, series: LedSeries, levels: Levels, opts: NamingOptions): void {
  const v = levels.v;
  let peak = 0;
  for (let i = el.i0; i < el.i1; i++) peak = Math.max(peak, v[i]);
  el.peak = peak;
  const { evidence: ev, shift } = runColorEvidence(series, levels, el.i0, el.i1, opts.whiteRef ?? null, opts.clipHue ?? null);
  if (shift) el.clipShift = shift;
  else delete el.clipShift;
  el.rgb = [ev.r, ev.g, ev.b];
  el.clippedFraction = clippedShare(series, el.i0, el.i1);
  el.color = opts.namer(ev);
  el.rampFraction = interiorRamp(v, el.i0, el.i1, 'on', levels.noise).fraction;
  let first = -1;
  let last = -1;
  for (let i = el.i0; i < el.i1; i++) {
    if (v[i] < RISEN_SHARE * peak) continue;
    if (first < 0) first = i;
    last = i;
  }
  const t = series.tMs;
  if (el.i0 > 0 && first >= 0) el.riseMs = t[first] - t[el.i0 - 1];
  else delete el.riseMs;
  if (el.i1 < t.length && last >= 0) el.fallMs = t[el.i1] - t[last];
  else delete el.fallMs;
  // judged afresh (a run split at a colour change is described again)
  el.multi = false;
  if (el.durMs >= 300 && el.i1 - el.i0 >= 5) {
    const names = distinctSampleColors(series, levels, el.i0, el.i1, opts);
    const hues = saturatedHues(series, levels, el.i0, el.i1);
    if (names.size >= 3 || hueSpread(hues) > 0.5) {
      // many colours make a rainbow only when they come in its order, turning one way (a dim step can cut a
      // run down to three neighbouring colours: violet, indigo, blue turn only ~50°)
      const w = hueWinding(hues);
      // ...and none of them holds most of the run: the rainbow gives each colour the same 100 ms, while
      // a white flash that runs into a green blink turns one way once and stays white
      el.multi = Math.abs(w.netDeg) >= 40 && Math.abs(w.netDeg) >= 0.7 * w.pathDeg && longestDwellShare(hues) <= MAX_DWELL_SHARE;
    }
  }
}
