/**
 * Frame neighbourhood → `LedSample`: what the LED adds over its background, in linear light, with the
 * camera's auto-exposure drift divided out and the hue kept when the core clips. Pure and isomorphic.
 *
 * DESIGN.md §2: a bright LED clips to white at its core and the hue lives in the halo, so a clipped
 * core takes its hue from the unclipped ring around it; auto exposure follows the blink, so the
 * background ring's brightness is the exposure reference.
 */
import { hueDistanceDeg, hueSaturation } from '../catalog/colors.js';
import type { RgbFrame } from '../source/types.js';
import type { LedSample } from './types.js';
import { SortedWindow } from './sorted-window.js';
import { linearLuma, readLed, type LedReading, type ReadingGeometry } from './measure-pixels.js';

export { readLed, SRGB_TO_LINEAR, ringRadii, linearLuma, CLIP_CODE } from './measure-pixels.js';
export type { LedReading, ReadingGeometry } from './measure-pixels.js';

export interface MeasureOptions {
  /** Core fraction of clipped pixels above which the hue is read from the halo. */
  clippedCoreFraction?: number;
  /** Frames averaged for the exposure reference at the start. */
  exposureReferenceFrames?: number;
}

export interface LedMeasurer {
  /** Measure the LED at (cx, cy) with `radius`, all in this frame's buffer pixels. */
  measure(frame: RgbFrame, geometry: ReadingGeometry): LedSample;
  /** Turn an already-taken reading into a sample (tests, and callers that read pixels themselves). */
  fromReading(reading: LedReading, tMs: number): LedSample;
  /**
   * Feed readings whose samples are not wanted (a file's first seconds, measured again after): the
   * OFF floor and the peak then come from a full history instead of the first few frames.
   */
  prime(readings: readonly LedReading[]): void;
  /** Current exposure gain estimate (1 = as at the start). */
  readonly exposureGain: number;
}

/** How far (a factor) the ring's exposure reading may stray from the far view's before it is not believed. */
const FAR_TOLERANCE = 1.35;

/** Below this ring luma (linear) the background is too dark to estimate exposure from. */
const DARK_RING_LUMA = 0.004;

function ledLevel(r: number, g: number, b: number): number {
  return (r + g + b) / 3;
}
/** Weight of a saturation difference against a hue distance (as a share of 180°) in colourGap: 0.1 of saturation weighs as 0.9°. */
const SATURATION_TIE_WEIGHT = 0.05;
/** How much greyer than the core (HSV saturation) a clipped LED's halo may read and still give the hue. */
const HALO_GREYER = 0.3;
/** A core this saturated (HSV) has a hue its halo must roughly share... */
const HALO_CORE_COLOURED = 0.4;
/** ...within this many degrees (clipping moves orange to yellow, a magenta top to blue: up to ~60°). */
const HALO_HUE_SPREAD_DEG = 90;
/**
 * How much further (as a share of the peak) than the "it changes at all" bar the floor must lie below
 * the peak before it is subtracted in full.
 */
const OFF_RAMP = 0.15;
/**
 * Clipped share of the core at which its halo counts in full when the halo is suspect (below).
 * The weight ramps in with clipping, so a brightening LED's level still only grows.
 */
const HALO_FULL_CLIP = 0.25;
/** Frames of history before the halo's correlation with the core is trusted. */
const HALO_MIN_HISTORY = 30;

/** The core's excess over the ring and the halo's sum per core pixel, before the exposure gain. */
function coreTerm(reading: LedReading): number {
  return ledLevel(reading.core[0] - reading.ring[0], reading.core[1] - reading.ring[1], reading.core[2] - reading.ring[2]);
}
function haloSum(reading: LedReading): number {
  return reading.corePixels > 0 ? ledLevel(reading.halo[0], reading.halo[1], reading.halo[2]) / reading.corePixels : 0;
}

/**
 * Running correlation of the halo with the core over the history window (sliding sums). The halo's
 * light is added to the LED's level because a clipped core stops growing while its glow does not:
 * such a glow rises and falls with the core. A halo that falls as the core rises is no glow but the
 * package around a big LED, which auto exposure dims when the LED lights and which shows more
 * unclipped pixels while it is dark (a big red LED over a white package read brighter OFF than ON).
 * Such a halo counts only while the core is clipped, where the core alone cannot grow.
 */
class HaloCorrelation {
  private n = 0;
  private sc = 0;
  private sh = 0;
  private scc = 0;
  private shh = 0;
  private sch = 0;
  add(c: number, h: number, sign: 1 | -1): void {
    this.n += sign;
    this.sc += sign * c;
    this.sh += sign * h;
    this.scc += sign * c * c;
    this.shh += sign * h * h;
    this.sch += sign * c * h;
  }
  /** 0 (the halo moves with the core, or too little is known) … 1 (it clearly moves against it). */
  against(): number {
    if (this.n < HALO_MIN_HISTORY) return 0;
    const mc = this.sc / this.n;
    const mh = this.sh / this.n;
    const vc = Math.max(0, this.scc / this.n - mc * mc);
    const vh = Math.max(0, this.shh / this.n - mh * mh);
    if (vc <= 0 || vh <= 0 || mc <= 0) return 0;
    const r = (this.sch / this.n - mc * mh) / Math.sqrt(vc * vh);
    // a core that barely moves (a steady LED's noise) says nothing about which way the halo goes
    const varies = Math.min(1, Math.max(0, (Math.sqrt(vc) / mc - 0.02) / 0.03));
    return varies * Math.min(1, Math.max(0, (-r - 0.3) / 0.4));
  }
}

/** Frames of history for the OFF floor and the peak (~10 s at 30 fps: longer than a slow breath). */
const HISTORY = 300;
/** Share of the history below the OFF floor (and above the peak): a few misread frames. */
const FLOOR_QUANTILE = 0.03;
/** Share of a channel's range above its own floor at which the floor frame counts as lit in it... */
const LIT_IN_FLOOR = 0.25;
/** ...when that is also this share of the channel's floor or more. */
const LIT_OVER_FLOOR = 0.5;
/** The "it changes at all" bar: a floor must lie this far below its peak, linear, and this share of it. */
const CHANGE_BAR = 0.04;
const CHANGE_BAR_SHARE = 0.15;

/** How far `floor` lies below `peak` beyond the "it changes at all" bar (≤ 0: steady, nothing to subtract). */
function beyondChangeBar(floor: number, peak: number): number {
  return peak - floor - Math.max(CHANGE_BAR, CHANGE_BAR_SHARE * peak);
}

/** How much of a floor to subtract: none for a steady reading, all once it lies `ramp` of the peak beyond the "it changes at all" bar. */
function swingShare(floor: number, peak: number, ramp: number): number {
  return peak > 0 ? Math.min(1, Math.max(0, beyondChangeBar(floor, peak) / (ramp * peak))) : 0;
}

/** As OFF_RAMP, for one channel's swing. */
const CHANNEL_OFF_RAMP = 0.3;

export function createLedMeasurer(options: MeasureOptions = {}): LedMeasurer {
  const clippedCore = options.clippedCoreFraction ?? 0.15;
  const refFrames = options.exposureReferenceFrames ?? 5;
  let refSum = 0;
  let refN = 0;
  // the view far from the LED at the same frames, to check the ring's exposure reading against
  let farSum = 0;
  let farN = 0;

  /**
   * Whether the view far from the LED moved as the ring says the exposure did. A big LED's glow
   * reaches the ring: read while the LED is judged dark (the lower half of a breath), the ring rose
   * with the LED, the gain with it, and the LED's level stayed under the lit bar — its own light
   * divided away for the rest of the clip (breathing cyan read as off). A real exposure change moves
   * the whole view. (The far view alone is the worse reference: mains flicker and shake move a
   * crop's border more than the ring.)
   */
  function farAgrees(fromRing: number, far: number | undefined): boolean {
    if (far === undefined || farN === 0 || far <= DARK_RING_LUMA) return true;
    const ratio = fromRing / (far / (farSum / farN));
    return ratio <= FAR_TOLERANCE && ratio >= 1 / FAR_TOLERANCE;
  }
  let gain = 1;
  let maxLuma = 0;
  // lower envelope of the LED's excess over background: the package's own brightness when OFF
  let offLuma = Infinity;
  // the colour subtracted with the floor: the floor frame's, but in a channel where that frame is lit
  // (an LED that never goes dark, such as a rainbow whose dimmest colour is green) the channel's own
  // floor, or subtracting it would erase that colour from every frame
  const offRgb: [number, number, number] = [0, 0, 0];
  // each channel's floor and peak over the history (ledLooksOn)
  const channelOff: [number, number, number] = [0, 0, 0];
  const channelMax: [number, number, number] = [0, 0, 0];
  const history: { luma: number; rgb: [number, number, number]; core: number; halo: number; haloRgb: readonly [number, number, number] }[] = [];
  const levels = new SortedWindow();
  const channels = [new SortedWindow(), new SortedWindow(), new SortedWindow()] as const;
  const haloCorrelation = new HaloCorrelation();
  let haloAgainst = 0;

  /**
   * How far the OFF floor lies below the peak beyond the "it changes at all" bar (≤ 0: a steady LED,
   * no OFF to subtract).
   */
  function rangeBeyondBar(): number {
    return beyondChangeBar(offLuma, maxLuma);
  }

  /**
   * Whether this reading (at the gain held so far) stands in the upper half of the LED's range: its
   * level, or one channel's excess. A one-colour blink among white flashes adds a third of white's
   * light to the mean of the channels but as much as white to its own channel; missed, its glow in the
   * ring passed for exposure and divided its own light away (a power-issue loop's green read as dark).
   * (Judged after the fact, so a glow strong enough to hide the blink from the very first frames is
   * not caught; judging on the raw core level instead was tried and lost more clips.)
   */
  function ledLooksOn(level: number, excess: readonly number[]): boolean {
    if (history.length < 8 || !(rangeBeyondBar() > 0)) return false;
    if (level > offLuma + 0.5 * (maxLuma - offLuma)) return true;
    for (let k = 0; k < 3; k++) if (channelVaries(k) && excess[k] > channelOff[k] + 0.5 * (channelMax[k] - channelOff[k])) return true;
    return false;
  }

  /** Whether channel k's excess changes by more than noise over the history (as rangeBeyondBar for the level). */
  function channelVaries(k: number): boolean {
    return beyondChangeBar(channelOff[k], channelMax[k]) > 0;
  }

  function fromReading(reading: LedReading, tMs: number): LedSample {
    const core = coreTerm(reading);
    const halo = haloSum(reading);
    // the halo's part of the LED's level (per core pixel, before the gain): see HaloCorrelation
    const haloLevel = (1 - haloAgainst * (1 - Math.min(1, reading.clippedFraction / HALO_FULL_CLIP))) * halo;
    // the LED's level at exposure gain g. Brightness counts the halo too: a clipped core stops growing,
    // its glow does not. It is the mean of the channels (coreTerm), not perceptual luma: a blue LED
    // barely moves luma
    const levelAt = (g: number): number => core / g + haloLevel / g;
    const excessAt = (g: number): [number, number, number] => [
      (reading.core[0] - reading.ring[0]) / g,
      (reading.core[1] - reading.ring[1]) / g,
      (reading.core[2] - reading.ring[2]) / g,
    ];
    const ringLuma = linearLuma(reading.ring[0], reading.ring[1], reading.ring[2]);
    if (refN < refFrames) {
      if (ringLuma > DARK_RING_LUMA) {
        refSum += ringLuma;
        refN++;
        if (reading.far !== undefined && reading.far > DARK_RING_LUMA) {
          farSum += reading.far;
          farN++;
        }
      }
      gain = 1;
    } else if (!ledLooksOn(levelAt(gain), excessAt(gain))) {
      // the ring is read while the LED is dark only: a big or blooming LED's glow reaches the ring, and
      // taken for exposure it would divide the LED's own light away (a blink then reads inverted).
      // Exposure drifts over hundreds of ms; holding it through a lit stretch loses little.
      const ref = refSum / refN;
      const fromRing = ringLuma > DARK_RING_LUMA ? Math.min(4, Math.max(0.25, ringLuma / ref)) : gain;
      if (farAgrees(fromRing, reading.far)) gain = fromRing;
    }

    const ex = excessAt(gain);
    const exLuma = levelAt(gain);
    // floor and peak from the recent history's quantiles: one misread frame (while the tracker
    // locks on, or a compression glitch) must not set either for the rest of the clip
    // (over a short history these quantiles are the least and the greatest value)
    history.push({ luma: exLuma, rgb: ex, core, halo, haloRgb: reading.halo });
    levels.insert(exLuma);
    for (let k = 0; k < 3; k++) channels[k].insert(ex[k]);
    haloCorrelation.add(core, halo, 1);
    if (history.length > HISTORY) {
      const old = history.shift()!;
      levels.remove(old.luma);
      for (let k = 0; k < 3; k++) channels[k].remove(old.rgb[k]);
      haloCorrelation.add(old.core, old.halo, -1);
    }
    haloAgainst = haloCorrelation.against();
    offLuma = levels.quantile(FLOOR_QUANTILE);
    maxLuma = Math.max(levels.quantile(1 - FLOOR_QUANTILE), offLuma + 1e-6);
    const floorFrame = history.find((h) => h.luma === offLuma) ?? history[history.length - 1];
    let floorLit = false;
    for (let k = 0; k < 3; k++) {
      channelOff[k] = channels[k].quantile(FLOOR_QUANTILE);
      channelMax[k] = channels[k].quantile(1 - FLOOR_QUANTILE);
      // a lower envelope taken per channel sits below the floor frame by noise alone, and subtracting
      // it left dim colour in every OFF frame; so the floor frame's value stands unless it is lit: well
      // up the channel's range, and a multiple of the channel's floor (exposure that moved over the
      // history shifts a channel's values by a share of them, not by a multiple)
      const litPart = floorFrame.rgb[k] - channelOff[k];
      const litInFloor = channelVaries(k) && litPart > LIT_IN_FLOOR * (channelMax[k] - channelOff[k]) && litPart > LIT_OVER_FLOOR * channelOff[k];
      offRgb[k] = litInFloor ? channelOff[k] : floorFrame.rgb[k];
      floorLit ||= litInFloor;
    }
    // a floor clearly below the peak is the OFF level (a lit white package counts as OFF: the LED's
    // light is what rises above it); a never-changing LED has no OFF to subtract. Between the two the
    // floor is subtracted in part: a steady LED that wobbles (shake, a small LED, noise) sits near the
    // boundary, and an all-or-nothing switch there jumped its level several-fold from frame to frame
    // (a solid LED read as blinks).
    // The level is the mean of the channels, so a one-colour LED on a bright package (green on white)
    // swings it by a third of what it swings its own channel: a channel's swing counts too, over a
    // longer ramp (a steady LED's wobble moves its own channel most)
    let floorShare = swingShare(offLuma, maxLuma, OFF_RAMP);
    for (let k = 0; k < 3; k++) floorShare = Math.max(floorShare, swingShare(channelOff[k], channelMax[k], CHANNEL_OFF_RAMP));
    const offShare = offLuma > 0 ? floorShare : 0;
    const sig: [number, number, number] = [ex[0] - offShare * offRgb[0], ex[1] - offShare * offRgb[1], ex[2] - offShare * offRgb[2]];
    for (let k = 0; k < 3; k++) sig[k] = Math.min(1, Math.max(0, sig[k]));
    // a lit floor frame is no OFF level: the LED was never dark in the history (a rainbow's dimmest
    // colour, subtracted, read every one-channel colour as dark), so the level is read from zero
    const levelOffShare = floorLit ? 0 : offShare;
    const sigLuma = exLuma - levelOffShare * offLuma;
    const baseLuma = maxLuma - levelOffShare * offLuma;

    const clipped = reading.clippedFraction >= clippedCore;
    let rgb = sig;
    const haloLuma = linearLuma(reading.halo[0], reading.halo[1], reading.halo[2]);
    if (clipped && reading.haloPixels >= 3 && haloLuma > 0) {
      // The halo holds the package and board beside the LED as well as its glow: read over its own
      // OFF look, it is the glow alone (a white flash over a white package and a brown board read
      // blue). But a lit frame drops the pixels that clip from the sum, often the package's, so the
      // subtraction can overshoot (an orange read red): of the halo with and without its OFF look,
      // the one nearer the core's colour is taken.
      const haloOffShare = floorLit ? 0 : floorShare;
      const sigHs = hueSaturation(sig[0], sig[1], sig[2]);
      const raw = reading.halo.map((v) => Math.max(0, v));
      const overOff = reading.halo.map((v, k) => Math.max(0, v - haloOffShare * Math.max(0, floorFrame.haloRgb[k])));
      const h = Math.max(...overOff) > 0 && colourGap(overOff, sigHs) < colourGap(raw, sigHs) ? overOff : raw;
      const hMax = Math.max(h[0], h[1], h[2]);
      const sMax = Math.max(sig[0], sig[1], sig[2]);
      const fromHalo: [number, number, number] = [(h[0] / hMax) * sMax, (h[1] / hMax) * sMax, (h[2] / hMax) * sMax];
      // Clipping shifts the core's hue (orange reads yellow once red clips) but keeps it saturated;
      // a small LED's halo is desaturated instead, by 4:2:0 chroma smeared over its bright edge (a
      // cyan core whose green and blue clip reads white in its halo). Each error has its own sign:
      // the halo's hue is trusted unless it is far greyer than the core's.
      // A halo whose hue lies far from a clearly coloured core's is not the LED's glow but what stands
      // beside it (a white package under a blue-leaning camera gave a dim orange hold a blue halo):
      // clipping moves a hue by a step or two, not across the circle.
      const haloHs = hueSaturation(fromHalo[0], fromHalo[1], fromHalo[2]);
      const elsewhere = sigHs.saturation >= HALO_CORE_COLOURED && hueDistanceDeg(haloHs.hueDeg, sigHs.hueDeg) > HALO_HUE_SPREAD_DEG;
      if (!elsewhere && haloHs.saturation >= sigHs.saturation - HALO_GREYER) rgb = fromHalo;
    }
    return {
      tMs,
      r: rgb[0],
      g: rgb[1],
      b: rgb[2],
      luma: baseLuma > 0 ? Math.min(1, Math.max(0, sigLuma / baseLuma)) : 0,
      clipped,
    };
  }

  return {
    measure(frame, geometry) {
      return fromReading(readLed(frame, geometry), frame.timestampMs);
    },
    fromReading,
    prime(readings) {
      for (const r of readings) fromReading(r, 0);
    },
    get exposureGain() {
      return gain;
    },
  };
}

/**
 * How far light `a`'s colour lies from a core's (`q`: its hue and saturation): by hue when the core is
 * clearly coloured (its saturation breaking a near tie: a blue LED's halo with and without a white
 * package's look share its hue), else on the chroma disc (HSV saturation as the radius, hue as the
 * angle), where a near-white core's hue means little.
 */
function colourGap(a: readonly number[], q: { hueDeg: number; saturation: number }): number {
  const p = hueSaturation(a[0], a[1], a[2]);
  if (q.saturation >= HALO_CORE_COLOURED) return hueDistanceDeg(p.hueDeg, q.hueDeg) / 180 + SATURATION_TIE_WEIGHT * Math.abs(p.saturation - q.saturation);
  const rad = Math.PI / 180;
  return Math.hypot(p.saturation * Math.cos(p.hueDeg * rad) - q.saturation * Math.cos(q.hueDeg * rad), p.saturation * Math.sin(p.hueDeg * rad) - q.saturation * Math.sin(q.hueDeg * rad));
}

/** Hue in degrees (0 red, 120 green, 240 blue) of a linear RGB triple, or null when grey/dark. */
export function hueDeg(r: number, g: number, b: number): number | null {
  const { hueDeg: h, saturation } = hueSaturation(r, g, b);
  return saturation < 0.15 ? null : h;
}

export { hueDistanceDeg };

/**
 * The LED's colour while ON: luma-weighted mean RGB of samples whose brightness is at least
 * `minLuma` of the peak, normalised so the largest channel is 1. Null when the LED was never on.
 */
export function onColor(samples: readonly LedSample[], minLuma = 0.5): { r: number; g: number; b: number } | null {
  let r = 0, g = 0, b = 0;
  for (const s of samples) {
    if (s.luma < minLuma) continue;
    const m = Math.max(s.r, s.g, s.b);
    if (m <= 0) continue;
    // each sample's chromaticity, weighted by how bright it was
    r += (s.r / m) * s.luma;
    g += (s.g / m) * s.luma;
    b += (s.b / m) * s.luma;
  }
  const m = Math.max(r, g, b);
  return m > 0 ? { r: r / m, g: g / m, b: b / m } : null;
}
