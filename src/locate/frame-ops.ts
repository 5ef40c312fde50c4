/**
 * Small pixel operations on `RgbFrame`s and plain typed arrays, shared by search and tracking.
 * Pure and isomorphic.
 */
import type { RgbFrame } from '../source/types.js';

/** Where a buffer sits in the displayed full-resolution frame. */
export type FrameGeometry = Pick<RgbFrame, 'originX' | 'originY' | 'scale'>;

/** Buffer pixel → displayed full-resolution pixel (pixel centres at integers in both). */
export function toDisplayed(frame: FrameGeometry, x: number, y: number): { x: number; y: number } {
  return {
    x: frame.originX + (x + 0.5) * frame.scale - 0.5,
    y: frame.originY + (y + 0.5) * frame.scale - 0.5,
  };
}

/** Displayed full-resolution pixel → buffer pixel. */
export function toBuffer(frame: FrameGeometry, x: number, y: number): { x: number; y: number } {
  return {
    x: (x + 0.5 - frame.originX) / frame.scale - 0.5,
    y: (y + 0.5 - frame.originY) / frame.scale - 0.5,
  };
}

/**
 * Luma (8-bit, Rec. 601 weights in 1/256ths) of `count` pixels of `data` from pixel `from`, written to
 * `luma` from index `to`. Called once per row (see search.ts on per-row loops).
 */
export function lumaRow(data: ArrayLike<number>, channels: number, from: number, luma: Uint8Array, to: number, count: number): void {
  for (let i = from * channels, end = to + count; to < end; to++, i += channels) luma[to] = (77 * data[i] + 150 * data[i + 1] + 29 * data[i + 2]) >> 8;
}

/**
 * Shrink a frame by an integer box factor so its longer side is at most `maxSide` (the live path
 * gets full camera frames; files are scaled by ffmpeg instead). Returns the frame itself if small.
 */
export function downsampleFrame(frame: RgbFrame, maxSide: number): RgbFrame {
  const k = Math.ceil(Math.max(frame.width, frame.height) / maxSide);
  if (k <= 1) return frame;
  const w = Math.floor(frame.width / k);
  const h = Math.floor(frame.height / k);
  const out = new Uint8Array(w * h * 3);
  const { data, channels, width } = frame;
  const norm = 1 / (k * k);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let r = 0, g = 0, b = 0;
      for (let yy = 0; yy < k; yy++) {
        let i = ((y * k + yy) * width + x * k) * channels;
        for (let xx = 0; xx < k; xx++, i += channels) {
          r += data[i];
          g += data[i + 1];
          b += data[i + 2];
        }
      }
      const o = (y * w + x) * 3;
      out[o] = r * norm + 0.5;
      out[o + 1] = g * norm + 0.5;
      out[o + 2] = b * norm + 0.5;
    }
  }
  return {
    width: w,
    height: h,
    channels: 3,
    data: out,
    timestampMs: frame.timestampMs,
    index: frame.index,
    originX: frame.originX,
    originY: frame.originY,
    scale: frame.scale * k,
  };
}

/** Mean over a (2r+1)² box with edges clamped, via an integral image. */
export function boxMean(src: ArrayLike<number>, width: number, height: number, r: number): Float32Array {
  const W = width + 1;
  const integral = new Float64Array(W * (height + 1));
  for (let y = 0; y < height; y++) {
    let row = 0;
    for (let x = 0; x < width; x++) {
      row += src[y * width + x];
      integral[(y + 1) * W + x + 1] = integral[y * W + x + 1] + row;
    }
  }
  const out = new Float32Array(width * height);
  for (let y = 0; y < height; y++) {
    const y0 = Math.max(0, y - r), y1 = Math.min(height, y + r + 1);
    for (let x = 0; x < width; x++) {
      const x0 = Math.max(0, x - r), x1 = Math.min(width, x + r + 1);
      const s = integral[y1 * W + x1] - integral[y0 * W + x1] - integral[y1 * W + x0] + integral[y0 * W + x0];
      out[y * width + x] = s / ((y1 - y0) * (x1 - x0));
    }
  }
  return out;
}

/** Value at quantile q (0..1) of a numeric array (copied, not modified). */
export function quantile(values: ArrayLike<number>, q: number): number {
  const n = values.length;
  if (n === 0) return NaN;
  const a = Float64Array.from(values as ArrayLike<number>).sort();
  const pos = Math.min(n - 1, Math.max(0, q * (n - 1)));
  const lo = Math.floor(pos);
  const hi = Math.min(n - 1, lo + 1);
  return a[lo] + (a[hi] - a[lo]) * (pos - lo);
}
