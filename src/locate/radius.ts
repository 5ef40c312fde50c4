/**
 * The LED's own size from one lit view of it. The half-maximum of 8-bit codes is far outside the
 * diffuser (sRGB expands the faint glow), and a clipped core hides the true maximum, so: unclipped,
 * the radius where the light falls to half its peak in *linear* light (a diffuser's edge, whatever
 * its brightness); clipped, the plateau of clipped pixels, the smallest size the view can show.
 * Pure and isomorphic.
 */
import { CLIP_CODE, SRGB_TO_LINEAR } from '../signal/measure-pixels.js';

/** Codes at or above this are treated as clipped. */

/**
 * `values`: 8-bit codes of the LED's connected lit pixels (its brightest channel: a saturated colour clips
 * there first); `peak` the brightest, `bg` the surroundings'.
 * Returns the radius in the same pixels, and whether the view was clipped.
 */
export function diffuserRadius(values: ArrayLike<number>, peak: number, bg: number): { radius: number; clipped: boolean } {
  const lut = SRGB_TO_LINEAR;
  const clipped = peak >= CLIP_CODE;
  let count = 0;
  if (clipped) {
    for (let i = 0; i < values.length; i++) if (values[i] >= CLIP_CODE) count++;
  } else {
    const half = lut[Math.max(0, Math.round(bg))] + 0.5 * (lut[Math.round(peak)] - lut[Math.max(0, Math.round(bg))]);
    for (let i = 0; i < values.length; i++) if (lut[values[i]] >= half) count++;
  }
  return { radius: Math.max(0.5, Math.sqrt(Math.max(1, count) / Math.PI)), clipped };
}
