/** A camera's YUV planes made from an RGB picture, for the page's YUV tests (no browser needed). */
import type { YuvLayout } from '../../src/web/protocol.js';

/** Reference encoder (Rec. 601 / 709 equations), chroma averaged over each 2×2 block. */
export function encodeYuv(rgb: Uint8Array, W: number, H: number, format: 'I420' | 'NV12', matrix: 'bt601' | 'bt709', fullRange: boolean, pad: number): { data: Uint8Array; layout: YuvLayout } {
  const [kr, kb] = matrix === 'bt601' ? [0.299, 0.114] : [0.2126, 0.0722];
  const kg = 1 - kr - kb;
  const ys = fullRange ? 1 : 219 / 255, y0 = fullRange ? 0 : 16, cs = fullRange ? 1 : 224 / 255;
  const yStride = W + pad, cw = W / 2, ch = H / 2;
  const cStride = (format === 'NV12' ? W : cw) + pad;
  const yPlane = yStride * H;
  const data = new Uint8Array(yPlane + cStride * ch * (format === 'NV12' ? 1 : 2));
  const uOff = yPlane, vOff = yPlane + cStride * ch;
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const i = (y * W + x) * 3;
      data[y * yStride + x] = Math.round(y0 + ys * (kr * rgb[i] + kg * rgb[i + 1] + kb * rgb[i + 2]));
    }
  }
  for (let cy = 0; cy < ch; cy++) {
    for (let cx = 0; cx < cw; cx++) {
      let u = 0, v = 0;
      for (const [dx, dy] of [[0, 0], [1, 0], [0, 1], [1, 1]]) {
        const i = ((2 * cy + dy) * W + 2 * cx + dx) * 3;
        const yl = kr * rgb[i] + kg * rgb[i + 1] + kb * rgb[i + 2];
        u += (rgb[i + 2] - yl) / (2 * (1 - kb));
        v += (rgb[i] - yl) / (2 * (1 - kr));
      }
      const U = Math.round(128 + (cs * u) / 4), V = Math.round(128 + (cs * v) / 4);
      if (format === 'NV12') {
        data[uOff + cy * cStride + 2 * cx] = U;
        data[uOff + cy * cStride + 2 * cx + 1] = V;
      } else {
        data[uOff + cy * cStride + cx] = U;
        data[vOff + cy * cStride + cx] = V;
      }
    }
  }
  const planes = format === 'NV12' ? [{ offset: 0, stride: yStride }, { offset: uOff, stride: cStride }] : [{ offset: 0, stride: yStride }, { offset: uOff, stride: cStride }, { offset: vOff, stride: cStride }];
  return { data, layout: { planes, matrix, fullRange } };
}
