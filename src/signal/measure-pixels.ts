/**
 * Stateless reading of the LED's neighbourhood in one frame: linear-light means of the core, the
 * background ring and the unclipped halo. Pure and isomorphic; `measure.ts` turns readings into samples.
 */
import type { RgbFrame } from '../source/types.js';

/** sRGB 8-bit code → linear light 0..1 (the camera's encoding undone). */
export const SRGB_TO_LINEAR: Float32Array = (() => {
  const lut = new Float32Array(256);
  for (let i = 0; i < 256; i++) {
    const v = i / 255;
    lut[i] = v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
  }
  return lut;
})();

/** A channel at or above this code is treated as clipped: its ratio to the others is lost. */
export const CLIP_CODE = 250;

export interface LedReading {
  /** Mean linear RGB over the core disc. */
  core: [number, number, number];
  /** Per-channel median linear RGB of the background ring (the exposure reference). */
  ring: [number, number, number];
  /** Sum over unclipped halo pixels of (pixel − ring), linear, positive part of luma only. */
  halo: [number, number, number];
  haloPixels: number;
  /** Fraction of core pixels with a clipped channel. */
  clippedFraction: number;
  corePixels: number;
  /**
   * Median linear luma of the buffer's border band beyond the ring (absent when the buffer has none):
   * the view farthest from the LED's glow, a check on the ring's exposure reading.
   */
  far?: number;
}

export interface ReadingGeometry {
  /** Centre in this buffer's pixel coordinates (pixel centres at integers). */
  cx: number;
  cy: number;
  /** LED radius in this buffer's pixels. */
  radius: number;
}

/** Radii used around an LED of radius r (buffer px): why these sizes is documented at each use. */
export function ringRadii(radius: number): { core: number; haloInner: number; haloOuter: number; ringInner: number; ringOuter: number } {
  const core = Math.max(1.2, radius);
  return {
    core,
    // the clipped core hides hue; the first couple of radii outside it still carry the colour
    haloInner: core * 0.6,
    haloOuter: core * 2 + 2,
    // far enough that the LED's own glow barely reaches it, close enough to share the exposure
    ringInner: core * 3 + 4,
    ringOuter: core * 4 + 8,
  };
}

const LUMA_R = 0.2126;
const LUMA_G = 0.7152;
const LUMA_B = 0.0722;

export function linearLuma(r: number, g: number, b: number): number {
  return LUMA_R * r + LUMA_G * g + LUMA_B * b;
}

/** Median of a 256-bin histogram, as a code value. */
function histMedian(hist: Uint32Array, count: number): number {
  if (count === 0) return 0;
  const half = count / 2;
  let acc = 0;
  for (let i = 0; i < 256; i++) {
    acc += hist[i];
    if (acc >= half) return i;
  }
  return 255;
}

/**
 * Read the LED neighbourhood. Pixels outside the buffer are skipped (a crop near the frame edge);
 * the ring is sub-sampled so a 40 px LED does not cost tens of thousands of pixels per frame.
 */
export function readLed(frame: RgbFrame, geometry: ReadingGeometry): LedReading {
  const { width, height, channels, data } = frame;
  const { cx, cy } = geometry;
  const rr = ringRadii(geometry.radius);
  const lut = SRGB_TO_LINEAR;

  // core and halo share one pass over the halo's bounding box
  let cr = 0, cg = 0, cb = 0, coreN = 0, clippedN = 0;
  const haloPix: number[] = [];
  const x0 = Math.max(0, Math.floor(cx - rr.haloOuter));
  const x1 = Math.min(width - 1, Math.ceil(cx + rr.haloOuter));
  const y0 = Math.max(0, Math.floor(cy - rr.haloOuter));
  const y1 = Math.min(height - 1, Math.ceil(cy + rr.haloOuter));
  const core2 = rr.core * rr.core;
  const hIn2 = rr.haloInner * rr.haloInner;
  const hOut2 = rr.haloOuter * rr.haloOuter;
  for (let y = y0; y <= y1; y++) {
    const dy = y - cy;
    for (let x = x0; x <= x1; x++) {
      const dx = x - cx;
      const d2 = dx * dx + dy * dy;
      if (d2 > hOut2) continue;
      const i = (y * width + x) * channels;
      const R = data[i], G = data[i + 1], B = data[i + 2];
      const clipped = R >= CLIP_CODE || G >= CLIP_CODE || B >= CLIP_CODE;
      if (d2 <= core2) {
        cr += lut[R];
        cg += lut[G];
        cb += lut[B];
        coreN++;
        if (clipped) clippedN++;
      }
      if (d2 >= hIn2 && !clipped) haloPix.push(i);
    }
  }
  if (coreN === 0) {
    // centre fell outside the buffer: read the nearest pixel so callers still get a value
    const x = Math.min(width - 1, Math.max(0, Math.round(cx)));
    const y = Math.min(height - 1, Math.max(0, Math.round(cy)));
    const i = (y * width + x) * channels;
    cr = lut[data[i]];
    cg = lut[data[i + 1]];
    cb = lut[data[i + 2]];
    coreN = 1;
  }

  // ring: per-channel medians from histograms (robust to a stray highlight or the LED's glow)
  const hr = new Uint32Array(256), hg = new Uint32Array(256), hb = new Uint32Array(256);
  let ringN = 0;
  const rx0 = Math.max(0, Math.floor(cx - rr.ringOuter));
  const rx1 = Math.min(width - 1, Math.ceil(cx + rr.ringOuter));
  const ry0 = Math.max(0, Math.floor(cy - rr.ringOuter));
  const ry1 = Math.min(height - 1, Math.ceil(cy + rr.ringOuter));
  const area = Math.PI * (rr.ringOuter * rr.ringOuter - rr.ringInner * rr.ringInner);
  const step = Math.max(1, Math.floor(Math.sqrt(area / 1500)));
  const rIn2 = rr.ringInner * rr.ringInner;
  const rOut2 = rr.ringOuter * rr.ringOuter;
  for (let y = ry0; y <= ry1; y += step) {
    const dy = y - cy;
    for (let x = rx0; x <= rx1; x += step) {
      const dx = x - cx;
      const d2 = dx * dx + dy * dy;
      if (d2 < rIn2 || d2 > rOut2) continue;
      const i = (y * width + x) * channels;
      hr[data[i]]++;
      hg[data[i + 1]]++;
      hb[data[i + 2]]++;
      ringN++;
    }
  }
  const ring: [number, number, number] =
    ringN > 0 ? [lut[histMedian(hr, ringN)], lut[histMedian(hg, ringN)], lut[histMedian(hb, ringN)]] : [0, 0, 0];

  let sr = 0, sg = 0, sb = 0, haloN = 0;
  for (const i of haloPix) {
    const er = lut[data[i]] - ring[0];
    const eg = lut[data[i + 1]] - ring[1];
    const eb = lut[data[i + 2]] - ring[2];
    if (linearLuma(er, eg, eb) <= 0) continue;
    sr += er;
    sg += eg;
    sb += eb;
    haloN++;
  }

  const far = borderLuma(frame, cx, cy, rr.ringOuter);
  return {
    core: [cr / coreN, cg / coreN, cb / coreN],
    ring,
    halo: [sr, sg, sb],
    haloPixels: haloN,
    clippedFraction: clippedN / coreN,
    corePixels: coreN,
    ...(far === null ? {} : { far }),
  };
}

/** Width of the border band, as a share of the buffer's shorter side. */
const BORDER_SHARE = 0.06;
/** Fewest border pixels worth a median. */
const MIN_BORDER_PIXELS = 32;

/**
 * Median linear luma of the buffer's border band, leaving out anything within `minDist` of the LED
 * (the buffer's edge is as far from the LED as the tracking crop reaches).
 */
function borderLuma(frame: RgbFrame, cx: number, cy: number, minDist: number): number | null {
  const { width, height, channels, data } = frame;
  const band = Math.max(2, Math.round(BORDER_SHARE * Math.min(width, height)));
  if (2 * band >= Math.min(width, height)) return null;
  const step = Math.max(1, Math.floor(Math.sqrt((2 * (width + height) * band) / 1500)));
  const hist = new Uint32Array(256);
  let n = 0;
  const min2 = minDist * minDist;
  const take = (x: number, y: number) => {
    if ((x - cx) ** 2 + (y - cy) ** 2 < min2) return;
    const i = (y * width + x) * channels;
    hist[(77 * data[i] + 150 * data[i + 1] + 29 * data[i + 2]) >> 8]++;
    n++;
  };
  for (let y = 0; y < height; y += step) {
    if (y < band || y >= height - band) {
      for (let x = 0; x < width; x += step) take(x, y);
    } else {
      for (let x = 0; x < band; x += step) take(x, y);
      for (let x = width - band; x < width; x += step) take(x, y);
    }
  }
  return n >= MIN_BORDER_PIXELS ? SRGB_TO_LINEAR[histMedian(hist, n)] : null;
}
