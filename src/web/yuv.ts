/**
 * A camera frame's own YUV planes → the search's shrunk RGB frame, in the worker. Copying the planes
 * out of a VideoFrame is a plain copy (~0.6 ms at 720p in headless Chromium) where a canvas converts
 * all 1280×720 pixels to RGB before shrinking them (~4 ms); here only the shrunk pixels are converted.
 * Each output pixel is the area-weighted mean of the source pixels it covers (the factor need not be
 * an integer: the search sees 480×270 from 640×360 and from 1280×720 alike, as the CLI's), so a 3-px
 * LED does not fall between sampled pixels. Averaging Y'CbCr then converting equals averaging R'G'B'
 * (the conversion is affine) except where a channel clips. No DOM, no Node.
 */
import { planGeometry } from '../source/geometry.js';
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

/**
 * Size of the search frame: the longer side brought down to `maxSide` (never up), and the factor —
 * the CLI decode's own geometry, so the page searches frames of the same size.
 */
export function searchGeometry(width: number, height: number, maxSide: number): { scale: number; width: number; height: number } {
  const g = planGeometry({ width, height }, { maxSide });
  return { scale: g.scale, width: g.width, height: g.height };
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
 * Which source samples each output pixel covers along one axis — `span` consecutive ones from
 * `first[o]` — and how much of each as a share of the pixel's whole coverage (unused entries weigh 0).
 */
interface Taps {
  span: number;
  first: Int32Array;
  weight: Float64Array;
}

/** Output pixel o covers [o·step, (o+1)·step) of a source axis of `length` samples (clipped to it). */
function taps(outLength: number, step: number, length: number): Taps {
  const span = Math.ceil(step) + 1;
  const first = new Int32Array(outLength), weight = new Float64Array(outLength * span);
  for (let o = 0; o < outLength; o++) {
    const a = o * step, b = Math.min(length, (o + 1) * step);
    first[o] = Math.floor(a);
    let total = 0;
    for (let s = Math.floor(a), t = o * span; s < b && t < (o + 1) * span; s++, t++) {
      const w = Math.min(b, s + 1) - Math.max(a, s);
      weight[t] = w;
      total += w;
    }
    for (let t = o * span; t < (o + 1) * span; t++) weight[t] /= total;
  }
  return { span, first, weight };
}

/**
 * Weighted means of `row` along it into `out` (the horizontal pass). `row` has `span` spare zero
 * entries at its end, so the unused taps of the last pixels read inside it.
 */
function rowMeans(row: Float64Array, cols: Taps, out: Float64Array): void {
  const { first, weight } = cols;
  const n = out.length;
  // the common spans unrolled (720p and 360p frames to 480: spans 4, 3 and 2)
  switch (cols.span) {
    case 2:
      for (let o = 0, t = 0; o < n; o++, t += 2) {
        const i = first[o];
        out[o] = weight[t] * row[i] + weight[t + 1] * row[i + 1];
      }
      return;
    case 3:
      for (let o = 0, t = 0; o < n; o++, t += 3) {
        const i = first[o];
        out[o] = weight[t] * row[i] + weight[t + 1] * row[i + 1] + weight[t + 2] * row[i + 2];
      }
      return;
    case 4:
      for (let o = 0, t = 0; o < n; o++, t += 4) {
        const i = first[o];
        out[o] = weight[t] * row[i] + weight[t + 1] * row[i + 1] + weight[t + 2] * row[i + 2] + weight[t + 3] * row[i + 3];
      }
      return;
    default:
      for (let o = 0, t = 0; o < n; o++) {
        let s = 0;
        for (let k = 0, i = first[o]; k < cols.span; k++, t++, i++) s += weight[t] * row[i];
        out[o] = s;
      }
  }
}

/**
 * One output row's vertical mean of a plane, at full source width: rows of the source are added with
 * their weights (`step` 2 and `first` 0/1 read one channel of NV12's interleaved chroma).
 */
function columnMeans(data: Uint8Array, offset: number, stride: number, first: number, step: number, rows: Taps, oy: number, out: Float64Array, n: number): void {
  let started = false;
  for (let t = oy * rows.span, end = t + rows.span; t < end; t++) {
    const rw = rows.weight[t];
    if (rw <= 0) continue;
    const row = offset + (rows.first[oy] + t - oy * rows.span) * stride + first;
    if (!started) {
      for (let x = 0, i = row; x < n; x++, i += step) out[x] = rw * data[i];
      started = true;
    } else {
      for (let x = 0, i = row; x < n; x++, i += step) out[x] += rw * data[i];
    }
  }
}

/** Geometry tables and row buffers for one frame size, kept while frames keep that size. */
interface Plan {
  key: string;
  width: number;
  height: number;
  scale: number;
  yCols: Taps;
  yRows: Taps;
  cCols: Taps;
  cRows: Taps;
  /** One output row's column means at source width (+ span spare zeros), then its pixels' means. */
  rowY: Float64Array;
  rowU: Float64Array;
  rowV: Float64Array;
  outY: Float64Array;
  outU: Float64Array;
  outV: Float64Array;
}

let plan: Plan | null = null;

function planFor(frame: YuvFrame, maxSide: number): Plan {
  const key = `${frame.format} ${frame.width}x${frame.height} ${maxSide}`;
  if (plan?.key === key) return plan;
  const { scale, width: w, height: h } = searchGeometry(frame.width, frame.height, maxSide);
  const sx = frame.width / w, sy = frame.height / h;
  // chroma is subsampled 2×2: the same picture area spans half as many chroma samples
  const cw = Math.ceil(frame.width / 2), ch = Math.ceil(frame.height / 2);
  plan = {
    key,
    width: w,
    height: h,
    scale,
    yCols: taps(w, sx, frame.width),
    yRows: taps(h, sy, frame.height),
    cCols: taps(w, sx / 2, cw),
    cRows: taps(h, sy / 2, ch),
    rowY: new Float64Array(frame.width + Math.ceil(sx) + 1),
    rowU: new Float64Array(cw + Math.ceil(sx / 2) + 1),
    rowV: new Float64Array(cw + Math.ceil(sx / 2) + 1),
    outY: new Float64Array(w),
    outU: new Float64Array(w),
    outV: new Float64Array(w),
  };
  return plan;
}

/**
 * Shrinks a full-size YUV frame into RGB (3 channels) with its longer side at `maxSide`. `out` is
 * reused when it has the right size (the search keeps no reference to a frame's pixels). Separable:
 * each output row first takes the vertical mean of its source rows at full width (plain runs over the
 * planes), then each pixel the horizontal mean of those; every source sample is read about once.
 */
export function shrinkYuvToRgb(frame: YuvFrame, maxSide: number, out?: Uint8Array): RgbFrame {
  const p = planFor(frame, maxSide);
  const w = p.width, h = p.height;
  const rgb = out && out.length === w * h * 3 ? out : new Uint8Array(w * h * 3);
  const { data, layout } = frame;
  const [pY, pU, pV] = layout.planes;
  const nv12 = frame.format === 'NV12';
  const cStep = nv12 ? 2 : 1;
  const cw = Math.ceil(frame.width / 2);
  const conv = conversion(layout);
  for (let oy = 0; oy < h; oy++) {
    columnMeans(data, pY.offset, pY.stride, 0, 1, p.yRows, oy, p.rowY, frame.width);
    columnMeans(data, pU.offset, pU.stride, 0, cStep, p.cRows, oy, p.rowU, cw);
    if (nv12) columnMeans(data, pU.offset, pU.stride, 1, 2, p.cRows, oy, p.rowV, cw);
    else columnMeans(data, pV.offset, pV.stride, 0, 1, p.cRows, oy, p.rowV, cw);
    rowToRgb(p, conv, rgb, oy * w * 3);
  }
  return { width: w, height: h, channels: 3, data: rgb, timestampMs: frame.timestampMs, index: frame.index, originX: 0, originY: 0, scale: p.scale };
}

interface Conversion {
  y0: number;
  ys: number;
  rv: number;
  gu: number;
  gv: number;
  bu: number;
}

function conversion(layout: YuvLayout): Conversion {
  const [kr, kb] = KR_KB[layout.matrix ?? 'bt601'];
  const kg = 1 - kr - kb;
  // limited range: Y' 16–235, Cb/Cr 16–240 around 128
  const ys = layout.fullRange ? 1 : 255 / 219, y0 = layout.fullRange ? 0 : 16;
  const cs = layout.fullRange ? 1 : 255 / 224;
  return { y0, ys, rv: 2 * (1 - kr) * cs, bu: 2 * (1 - kb) * cs, gu: ((2 * kb * (1 - kb)) / kg) * cs, gv: ((2 * kr * (1 - kr)) / kg) * cs };
}

/** Horizontal means of one output row's column means, converted to R'G'B'. */
function rowToRgb(p: Plan, k: Conversion, rgb: Uint8Array, o: number): void {
  const { outY, outU, outV } = p;
  rowMeans(p.rowY, p.yCols, outY);
  chromaMeans(p.rowU, p.rowV, p.cCols, outU, outV);
  const { y0, ys, rv, gu, gv, bu } = k;
  for (let x = 0; x < p.width; x++, o += 3) {
    const y = (outY[x] - y0) * ys, u = outU[x] - 128, v = outV[x] - 128;
    // Uint8Array stores wrap: clamp (and round) by hand
    const r = y + rv * v, g = y - gu * u - gv * v, b = y + bu * u;
    rgb[o] = r <= 0 ? 0 : r >= 255 ? 255 : r + 0.5;
    rgb[o + 1] = g <= 0 ? 0 : g >= 255 ? 255 : g + 0.5;
    rgb[o + 2] = b <= 0 ? 0 : b >= 255 ? 255 : b + 0.5;
  }
}

/** `rowMeans` of both chroma rows at once (they share their taps). */
function chromaMeans(rowU: Float64Array, rowV: Float64Array, cols: Taps, outU: Float64Array, outV: Float64Array): void {
  const { first, weight } = cols;
  const n = outU.length;
  if (cols.span === 3) {
    for (let o = 0, t = 0; o < n; o++, t += 3) {
      const i = first[o], w0 = weight[t], w1 = weight[t + 1], w2 = weight[t + 2];
      outU[o] = w0 * rowU[i] + w1 * rowU[i + 1] + w2 * rowU[i + 2];
      outV[o] = w0 * rowV[i] + w1 * rowV[i + 1] + w2 * rowV[i + 2];
    }
    return;
  }
  rowMeans(rowU, cols, outU);
  rowMeans(rowV, cols, outV);
}
