/**
 * A camera frame's own YUV planes → the search's shrunk RGB frame, in the worker. Copying the planes
 * out of a VideoFrame is a plain copy (~0.6 ms at 720p in headless Chromium) where a canvas converts
 * all 1280×720 pixels to RGB before shrinking them (~4 ms); here only the shrunk pixels are converted.
 * Each output pixel is the area-weighted mean of the source pixels it covers (the factor need not be
 * an integer: the search sees 480×270 from 640×360 and from 1280×720 alike, as the CLI's), so a 3-px
 * LED does not fall between sampled pixels. Averaging Y'CbCr then converting equals averaging R'G'B'
 * (the conversion is affine) except where a channel clips. No DOM, no Node.
 */
import type { RgbFrame } from '../source/types.js';
import type { PixelFormat, YuvLayout } from './protocol.js';

/** Luma weights (Kr, Kb) of each Y'CbCr matrix. */
const KR_KB: Record<'bt601' | 'bt709' | 'bt2020', [number, number]> = {
  bt601: [0.299, 0.114],
  bt709: [0.2126, 0.0722],
  bt2020: [0.2627, 0.0593],
};

/** VideoColorSpace.matrix → the matrices above (bt470bg and smpte170m are BT.601's). */
export function matrixOf(matrix: string | null | undefined): YuvLayout['matrix'] {
  if (matrix === 'bt709') return 'bt709';
  if (matrix === 'bt470bg' || matrix === 'smpte170m') return 'bt601';
  if (matrix === 'bt2020-ncl') return 'bt2020';
  return null;
}

/** Size of the search frame: the longer side brought down to `maxSide` (never up), and the factor. */
export function searchGeometry(width: number, height: number, maxSide: number): { scale: number; width: number; height: number } {
  const scale = Math.max(1, Math.max(width, height) / maxSide);
  return { scale, width: Math.max(1, Math.round(width / scale)), height: Math.max(1, Math.round(height / scale)) };
}

export interface YuvFrame {
  format: Exclude<PixelFormat, 'RGBA'>;
  layout: YuvLayout;
  width: number;
  height: number;
  data: Uint8Array;
  timestampMs: number;
  index: number;
}

/**
 * Which source samples each output pixel covers along one axis, and how much of each (a fixed span
 * per output pixel; unused entries weigh 0), with each output pixel's total weight.
 */
interface Taps {
  span: number;
  at: Int32Array;
  weight: Float64Array;
  total: Float64Array;
}

/** Output pixel o covers [o·step, (o+1)·step) of a source axis of `length` samples (clipped to it). */
function taps(outLength: number, step: number, length: number, stride: number): Taps {
  const span = Math.ceil(step) + 1;
  const at = new Int32Array(outLength * span), weight = new Float64Array(outLength * span), total = new Float64Array(outLength);
  for (let o = 0; o < outLength; o++) {
    const a = o * step, b = Math.min(length, (o + 1) * step);
    for (let s = Math.floor(a), t = o * span; s < b && t < (o + 1) * span; s++, t++) {
      const w = Math.min(b, s + 1) - Math.max(a, s);
      at[t] = s * stride;
      weight[t] = w;
      total[o] += w;
    }
  }
  return { span, at, weight, total };
}

/** Adds each output pixel's weighted sum over one source row into `sums`. */
function addRow(data: Uint8Array, row: number, rowWeight: number, cols: Taps, sums: Float64Array): void {
  const { span, at, weight } = cols;
  const n = sums.length;
  // the common spans unrolled: this loop reads every source pixel of the frame
  if (span === 3) {
    for (let o = 0, t = 0; o < n; o++, t += 3) sums[o] += rowWeight * (weight[t] * data[row + at[t]] + weight[t + 1] * data[row + at[t + 1]] + weight[t + 2] * data[row + at[t + 2]]);
  } else if (span === 4) {
    for (let o = 0, t = 0; o < n; o++, t += 4) {
      sums[o] += rowWeight * (weight[t] * data[row + at[t]] + weight[t + 1] * data[row + at[t + 1]] + weight[t + 2] * data[row + at[t + 2]] + weight[t + 3] * data[row + at[t + 3]]);
    }
  } else {
    for (let o = 0, t = 0; o < n; o++) {
      let s = 0;
      for (const end = t + span; t < end; t++) s += weight[t] * data[row + at[t]];
      sums[o] += rowWeight * s;
    }
  }
}

/** Geometry tables for one frame size, kept while frames keep that size. */
interface Plan {
  key: string;
  width: number;
  height: number;
  scale: number;
  yCols: Taps;
  yRows: Taps;
  cCols: Taps;
  cRows: Taps;
}

let plan: Plan | null = null;

function planFor(frame: YuvFrame, maxSide: number): Plan {
  const key = `${frame.format} ${frame.width}x${frame.height} ${maxSide}`;
  if (plan?.key === key) return plan;
  const { scale, width: w, height: h } = searchGeometry(frame.width, frame.height, maxSide);
  const sx = frame.width / w, sy = frame.height / h;
  const cw = Math.ceil(frame.width / 2), ch = Math.ceil(frame.height / 2);
  // chroma is subsampled 2×2: the same picture area spans half as many chroma samples
  const cStep = frame.format === 'NV12' ? 2 : 1;
  plan = { key, width: w, height: h, scale, yCols: taps(w, sx, frame.width, 1), yRows: taps(h, sy, frame.height, 1), cCols: taps(w, sx / 2, cw, cStep), cRows: taps(h, sy / 2, ch, 1) };
  return plan;
}

/**
 * Shrinks a full-size YUV frame into RGB (3 channels) with its longer side at `maxSide`. `out` is
 * reused when it has the right size (the search keeps no reference to a frame's pixels).
 */
export function shrinkYuvToRgb(frame: YuvFrame, maxSide: number, out?: Uint8Array): RgbFrame {
  const p = planFor(frame, maxSide);
  const w = p.width, h = p.height;
  const rgb = out && out.length === w * h * 3 ? out : new Uint8Array(w * h * 3);
  const { data, layout } = frame;
  const [pY, pU, pV] = layout.planes;
  const nv12 = frame.format === 'NV12';
  const vBase = nv12 ? pU.offset + 1 : pV.offset;
  const vStride = nv12 ? pU.stride : pV.stride;
  const sy = new Float64Array(w), su = new Float64Array(w), sv = new Float64Array(w);
  for (let oy = 0; oy < h; oy++) {
    sy.fill(0);
    su.fill(0);
    sv.fill(0);
    for (let t = oy * p.yRows.span, end = t + p.yRows.span; t < end; t++) {
      const rw = p.yRows.weight[t];
      if (rw > 0) addRow(data, pY.offset + p.yRows.at[t] * pY.stride, rw, p.yCols, sy);
    }
    for (let t = oy * p.cRows.span, end = t + p.cRows.span; t < end; t++) {
      const rw = p.cRows.weight[t];
      if (rw <= 0) continue;
      addRow(data, pU.offset + p.cRows.at[t] * pU.stride, rw, p.cCols, su);
      addRow(data, vBase + p.cRows.at[t] * vStride, rw, p.cCols, sv);
    }
    yuvRowToRgb(sy, su, sv, p, oy, layout, rgb, oy * w * 3);
  }
  return { width: w, height: h, channels: 3, data: rgb, timestampMs: frame.timestampMs, index: frame.index, originX: 0, originY: 0, scale: frame.width / w };
}

function yuvRowToRgb(sy: Float64Array, su: Float64Array, sv: Float64Array, p: Plan, oy: number, layout: YuvLayout, rgb: Uint8Array, o: number): void {
  const [kr, kb] = KR_KB[layout.matrix ?? 'bt601'];
  const kg = 1 - kr - kb;
  // limited range: Y' 16–235, Cb/Cr 16–240 around 128
  const ys = layout.fullRange ? 1 : 255 / 219, y0 = layout.fullRange ? 0 : 16;
  const cs = layout.fullRange ? 1 : 255 / 224;
  const rv = 2 * (1 - kr) * cs, bu = 2 * (1 - kb) * cs;
  const gu = ((2 * kb * (1 - kb)) / kg) * cs, gv = ((2 * kr * (1 - kr)) / kg) * cs;
  const yRowTotal = p.yRows.total[oy], cRowTotal = p.cRows.total[oy];
  for (let x = 0; x < sy.length; x++, o += 3) {
    const cn = 1 / (cRowTotal * p.cCols.total[x]);
    const y = (sy[x] / (yRowTotal * p.yCols.total[x]) - y0) * ys, u = su[x] * cn - 128, v = sv[x] * cn - 128;
    // Uint8Array stores wrap: clamp (and round) by hand
    const r = y + rv * v, g = y - gu * u - gv * v, b = y + bu * u;
    rgb[o] = r <= 0 ? 0 : r >= 255 ? 255 : r + 0.5;
    rgb[o + 1] = g <= 0 ? 0 : g >= 255 ? 255 : g + 0.5;
    rgb[o + 2] = b <= 0 ? 0 : b >= 255 ? 255 : b + 0.5;
  }
}
