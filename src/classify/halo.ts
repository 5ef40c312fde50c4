/**
 * A clipped core's colour is read from its halo (DESIGN.md §2), and a white LED's halo reads cool: a
 * cool cast or the blue die's bloom turns it cyan to blue, short of a cyan or blue LED's saturation.
 */
import { hueSaturation } from '../catalog/colors.js';

/** Hues (degrees) a white LED's halo drifts to: cyan to blue. */
const COOL_HALO_HUE_DEG = [170, 250] as const;
/** Below this saturation a clipped light of such a hue may be white. */
const COOL_HALO_SATURATION = 0.9;

/** Whether a clipped light that reads `rgb` may be a white LED seen through its halo. */
export function coolHaloOfWhite(rgb: readonly [number, number, number]): boolean {
  const { hueDeg, saturation } = hueSaturation(rgb[0], rgb[1], rgb[2]);
  return hueDeg >= COOL_HALO_HUE_DEG[0] && hueDeg <= COOL_HALO_HUE_DEG[1] && saturation < COOL_HALO_SATURATION;
}
