/**
 * Which part of the displayed frame a decode returns, and at what size: shared by the video and
 * still-image sources so `originX/originY/scale` mean the same everywhere.
 */
import { BadInputError } from '../errors.js';
import type { DecodeOptions, Region } from './types.js';

export interface FrameGeometry {
  /** The region of the displayed full-resolution frame that is decoded. */
  region: Region;
  /** Size of the returned buffer. */
  width: number;
  height: number;
  /** Displayed pixels per buffer pixel, horizontally; vertically it differs by under one buffer pixel over the height. */
  scale: number;
}

/**
 * Crop first (snapped outwards to even pixels, because 4:2:0 chroma cannot be cut at odd
 * offsets), then shrink so the longer side fits `maxSide`; never enlarge.
 */
export function planGeometry(frame: { width: number; height: number }, options: DecodeOptions = {}): FrameGeometry {
  const region = options.crop ? snapCrop(options.crop, frame) : { x: 0, y: 0, width: frame.width, height: frame.height };
  const longSide = Math.max(region.width, region.height);
  if (options.maxSide === undefined || !(options.maxSide > 0) || longSide <= options.maxSide) {
    return { region, width: region.width, height: region.height, scale: 1 };
  }
  const factor = options.maxSide / longSide;
  const width = Math.max(1, Math.round(region.width * factor));
  const height = Math.max(1, Math.round(region.height * factor));
  return { region, width, height, scale: region.width / width };
}

function snapCrop(crop: Region, frame: { width: number; height: number }): Region {
  const x0 = clamp(Math.floor(crop.x / 2) * 2, 0, frame.width);
  const y0 = clamp(Math.floor(crop.y / 2) * 2, 0, frame.height);
  const x1 = clamp(Math.ceil((crop.x + crop.width) / 2) * 2, 0, frame.width);
  const y1 = clamp(Math.ceil((crop.y + crop.height) / 2) * 2, 0, frame.height);
  if (!(x1 - x0 >= 1 && y1 - y0 >= 1)) {
    throw new BadInputError(
      `crop ${crop.width}x${crop.height}+${crop.x}+${crop.y} lies outside the ${frame.width}x${frame.height} frame`,
    );
  }
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}

function clamp(v: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, v));
}
