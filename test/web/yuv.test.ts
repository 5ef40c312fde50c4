/**
 * The search frame made from a camera's YUV planes: box-shrunk and converted, it must match the
 * same picture box-shrunk in RGB (what a canvas gives), for I420 and NV12, padded rows, both ranges.
 */
import { describe, expect, it } from 'vitest';
import { searchGeometry, shrinkYuvToRgb } from '../../src/web/yuv.js';
import { encodeYuv } from './yuv-encode.js';

const W = 96, H = 54;

/** A smooth colour field with a saturated cyan disc (an LED) on it. */
function scene(): Uint8Array {
  const rgb = new Uint8Array(W * H * 3);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const i = (y * W + x) * 3;
      const led = Math.hypot(x - 40, y - 20) <= 6;
      rgb[i] = led ? 10 : 60 + x;
      rgb[i + 1] = led ? 230 : 40 + y;
      rgb[i + 2] = led ? 220 : 120 - (x >> 1);
    }
  }
  return rgb;
}

/** The RGB picture shrunk by area-weighted means to w×h (what the search gets from a canvas or the CLI's scaler). */
function shrinkRgb(rgb: Uint8Array, w: number, h: number): Uint8Array {
  const sx = W / w, sy = H / h;
  const out = new Uint8Array(w * h * 3);
  const cover = (o: number, s: number, step: number, len: number) => Math.max(0, Math.min(len, (o + 1) * step, s + 1) - Math.max(o * step, s));
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const acc = [0, 0, 0];
      let total = 0;
      for (let yy = Math.floor(y * sy); yy < Math.min(H, Math.ceil((y + 1) * sy)); yy++) {
        for (let xx = Math.floor(x * sx); xx < Math.min(W, Math.ceil((x + 1) * sx)); xx++) {
          const wgt = cover(y, yy, sy, H) * cover(x, xx, sx, W);
          total += wgt;
          for (let c = 0; c < 3; c++) acc[c] += wgt * rgb[(yy * W + xx) * 3 + c];
        }
      }
      for (let c = 0; c < 3; c++) out[(y * w + x) * 3 + c] = Math.round(acc[c] / total);
    }
  }
  return out;
}

/** Largest channel difference, away from the disc's rim (where 2×2 chroma blocks straddle it). */
function maxDiff(a: Uint8Array, b: Uint8Array, w: number, k: number): number {
  expect(a.length).toBe(b.length);
  let max = 0;
  for (let p = 0; p < a.length / 3; p++) {
    const x = ((p % w) + 0.5) * k, y = (Math.floor(p / w) + 0.5) * k;
    if (Math.abs(Math.hypot(x - 40, y - 20) - 6) < k + 2) continue;
    for (let c = 0; c < 3; c++) max = Math.max(max, Math.abs(a[p * 3 + c] - b[p * 3 + c]));
  }
  return max;
}

describe('YUV search frames', () => {
  const rgb = scene();

  it('brings the longer side down to the search size, never up', () => {
    expect(searchGeometry(1280, 720, 480)).toEqual({ scale: 1280 / 480, width: 480, height: 270 });
    expect(searchGeometry(640, 360, 480)).toEqual({ scale: 640 / 480, width: 480, height: 270 });
    expect(searchGeometry(320, 180, 480)).toEqual({ scale: 1, width: 320, height: 180 });
  });

  for (const k of [2, 2.4, 3, 4]) {
    for (const format of ['I420', 'NV12'] as const) {
      it(`${format}, limited-range BT.601, shrunk ${k}×: the canvas' colours`, () => {
        const { data, layout } = encodeYuv(rgb, W, H, format, 'bt601', false, 8);
        const frame = shrinkYuvToRgb({ format, layout, width: W, height: H, data, timestampMs: 5, index: 2 }, W / k);
        const w = W / k, h = Math.round(H / k);
        expect(frame).toMatchObject({ width: w, height: h, channels: 3, scale: k, originX: 0, originY: 0, timestampMs: 5, index: 2 });
        expect(maxDiff(frame.data as Uint8Array, shrinkRgb(rgb, w, h), w, k)).toBeLessThanOrEqual(3);
        // the LED's centre keeps its colour: cyan, not washed out by the chroma subsampling
        const c = (Math.floor(20 / k) * w + Math.floor(40 / k)) * 3;
        expect(frame.data[c]).toBeLessThan(30);
        expect(frame.data[c + 1]).toBeGreaterThan(210);
        expect(frame.data[c + 2]).toBeGreaterThan(200);
      });
    }
  }

  it('full-range BT.709 (the matrix the stream names)', () => {
    const { data, layout } = encodeYuv(rgb, W, H, 'I420', 'bt709', true, 0);
    const frame = shrinkYuvToRgb({ format: 'I420', layout, width: W, height: H, data, timestampMs: 0, index: 0 }, 48);
    expect(maxDiff(frame.data as Uint8Array, shrinkRgb(rgb, 48, 27), 48, 2)).toBeLessThanOrEqual(3);
    // read as BT.601 the same bytes give other colours: the matrix matters
    const wrong = shrinkYuvToRgb({ format: 'I420', layout: { ...layout, matrix: 'bt601' }, width: W, height: H, data, timestampMs: 0, index: 0 }, 48);
    expect(maxDiff(wrong.data as Uint8Array, shrinkRgb(rgb, 48, 27), 48, 2)).toBeGreaterThan(5);
  });

  it('reuses the output buffer when it fits', () => {
    const { data, layout } = encodeYuv(rgb, W, H, 'I420', 'bt601', false, 0);
    const a = shrinkYuvToRgb({ format: 'I420', layout, width: W, height: H, data, timestampMs: 0, index: 0 }, 48);
    const b = shrinkYuvToRgb({ format: 'I420', layout, width: W, height: H, data, timestampMs: 33, index: 1 }, 48, a.data as Uint8Array);
    expect(b.data).toBe(a.data);
  });
});
