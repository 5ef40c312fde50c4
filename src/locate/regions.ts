/**
 * Geometry shared by the file and live paths: the search box for `--at`, the crop the tracking pass
 * decodes, and the one-line message when no LED is found. Pure and isomorphic.
 */
import type { Region } from '../source/types.js';
import { ringRadii } from '../signal/measure-pixels.js';

/** Clamp a region to the frame; null when nothing of it is inside. */
export function clampRegion(region: Region, width: number, height: number): Region | null {
  const x0 = Math.max(0, Math.floor(region.x));
  const y0 = Math.max(0, Math.floor(region.y));
  const x1 = Math.min(width, Math.ceil(region.x + region.width));
  const y1 = Math.min(height, Math.ceil(region.y + region.height));
  if (x1 - x0 < 1 || y1 - y0 < 1) return null;
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}

/** A square of half-size `half` centred on (x, y), clamped to the frame, with even sides (yuv420 crops). */
export function squareAround(x: number, y: number, half: number, width: number, height: number): Region {
  const side = Math.min(2 * Math.ceil(half), width - (width % 2), height - (height % 2));
  const s = side - (side % 2);
  let x0 = Math.round(x - s / 2);
  let y0 = Math.round(y - s / 2);
  x0 = Math.max(0, Math.min(width - s, x0));
  y0 = Math.max(0, Math.min(height - s, y0));
  return { x: x0 - (x0 % 2), y: y0 - (y0 % 2), width: s, height: s };
}

/**
 * Half-size (displayed px) of the crop decoded while tracking: the measurement's background ring,
 * plus the shake seen during the search, plus room to re-lock.
 */
export function trackingCropHalf(radius: number, shakePx: number, lockPx: number): number {
  return ringRadii(radius).ringOuter + shakePx + lockPx + 16;
}

/** The box searched around a user's `--at` point. */
export function atSearchBox(x: number, y: number, width: number, height: number): Region {
  const half = Math.max(48, 0.06 * Math.max(width, height));
  return squareAround(x, y, half, width, height);
}

export function noLedMessage(name: string): string {
  return `no status LED found in ${name} (a dark LED looks the same: is the device powered?): move closer / hold the camera still / pass --at X,Y or --roi X,Y,W,H`;
}
