/**
 * What the colour model sees of a `ColorEvidence`: a fixed-length vector of chromaticity and
 * brightness features. The white reference, when the clip showed one, is divided out first (as the
 * rule namer does) so the model works on tint-corrected colour and never learns "a reference is
 * present" as a cue. Pure and isomorphic.
 */
import type { ColorEvidence } from '../types.js';

export const FEATURE_NAMES = [
  'r/max',
  'g/max',
  'b/max',
  'r/sum',
  'g/sum',
  'cos(hue)',
  'sin(hue)',
  'saturation',
  'ln(g/r)',
  'ln(b/r)',
  'clippedFraction',
  'luma',
] as const;

export const FEATURE_COUNT = FEATURE_NAMES.length;

/** Evidence colour with the white reference divided out (unchanged when there is none or it is unusable). */
export function tintCorrected(e: ColorEvidence): [number, number, number] {
  const r = Math.max(0, e.r);
  const g = Math.max(0, e.g);
  const b = Math.max(0, e.b);
  const w = e.whiteRef;
  if (!w) return [r, g, b];
  const wm = Math.max(w.r, w.g, w.b);
  // a reference with a near-dead channel would blow that channel up: ignore it
  if (!(wm > 0) || Math.min(w.r, w.g, w.b) <= 0.2 * wm) return [r, g, b];
  return [r / (w.r / wm), g / (w.g / wm), b / (w.b / wm)];
}

/** Feature vector of one evidence (written into `out` when given). */
export function colorFeatures(e: ColorEvidence, out: Float32Array = new Float32Array(FEATURE_COUNT)): Float32Array {
  const [r0, g0, b0] = tintCorrected(e);
  const m = Math.max(r0, g0, b0);
  const r = m > 0 ? r0 / m : 0;
  const g = m > 0 ? g0 / m : 0;
  const b = m > 0 ? b0 / m : 0;
  const sum = r + g + b;
  const min = Math.min(r, g, b);
  const c = Math.max(r, g, b) - min;
  // hue on the linear hexagon, as an angle so that red at 0° and 360° are one place
  let h = 0;
  if (c > 0) {
    if (r >= g && r >= b) h = ((g - b) / c + 6) % 6;
    else if (g >= b) h = (b - r) / c + 2;
    else h = (r - g) / c + 4;
  }
  const a = (h * Math.PI) / 3;
  const eps = 0.02;
  const clip = (x: number) => Math.max(-1.5, Math.min(1.5, x));
  out[0] = r;
  out[1] = g;
  out[2] = b;
  out[3] = sum > 0 ? r / sum : 1 / 3;
  out[4] = sum > 0 ? g / sum : 1 / 3;
  // a grey light has no hue: its angle carries no weight
  out[5] = c * Math.cos(a);
  out[6] = c * Math.sin(a);
  out[7] = m > 0 ? c : 0;
  out[8] = clip(Math.log((g + eps) / (r + eps)) / 3);
  out[9] = clip(Math.log((b + eps) / (r + eps)) / 3);
  out[10] = Math.max(0, Math.min(1, e.clippedFraction));
  out[11] = Math.max(0, Math.min(1.5, e.luma));
  return out;
}
