/**
 * The whole-view shift the search aligns frames with: a textured view moved by a known whole-pixel
 * amount in any direction (negative, zero, across the coarse level's rounding) is found, from a
 * guess of no motion and from the previous frame's shift. A view moved by (dx, dy) shows at x what
 * the first showed at x + (dx, dy): the shift that maps it back is (−dx, −dy).
 */
import { describe, expect, it } from 'vitest';
import { estimateShift, pyramid } from '../../src/locate/align.js';

const W = 160, H = 90;

/** Pseudo-random value of a scene point (a fixed hash: no period the search could slip by). */
function hash(u: number, v: number): number {
  let k = Math.imul(u + 1000, 0x27d4eb2d) ^ Math.imul(v + 1000, 0x165667b1);
  k = Math.imul(k ^ (k >>> 15), 0x85ebca6b);
  return ((k ^ (k >>> 13)) >>> 0) / 2 ** 32;
}

/** A board-like scene (blotches of 4-px blocks plus fine grain) seen with the view moved by (dx, dy). */
function view(dx: number, dy: number): Uint8Array {
  const out = new Uint8Array(W * H);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const u = x + dx, v = y + dy;
      out[y * W + x] = Math.round(40 + 150 * hash(Math.floor(u / 4), Math.floor(v / 4)) + 40 * hash(u, v));
    }
  }
  return out;
}

describe('estimateShift', () => {
  const ref = pyramid(view(0, 0), W, H);

  for (const [dx, dy] of [[0, 0], [3, 0], [0, -2], [-1, 1], [5, -4], [-6, -3], [2, 7]]) {
    it(`finds a view moved by (${dx}, ${dy})`, () => {
      const cur = pyramid(view(dx, dy), W, H);
      expect(estimateShift(ref, cur, { dx: 0, dy: 0 }, 8)).toEqual({ dx: 0 - dx, dy: 0 - dy });
    });
  }

  it('follows a view that keeps moving, from the previous shift, into reused levels', () => {
    let levels = pyramid(view(0, 0), W, H);
    let shift = { dx: 0, dy: 0 };
    for (let k = 1; k <= 6; k++) {
      levels = pyramid(view(2 * k, -k), W, H, levels);
      shift = estimateShift(ref, levels, shift, 4);
      expect(shift).toEqual({ dx: -2 * k, dy: k });
    }
  });

  it('makes each level zero-mean, each coarser level the 2×2 mean of the finer', () => {
    const luma = view(1, 2);
    const [l0, l1, l2] = pyramid(luma, W, H);
    const mean = luma.reduce((s, v) => s + v, 0) / luma.length;
    expect(l0.data[5 * W + 7]).toBeCloseTo(luma[5 * W + 7] - mean, 4);
    expect(l1.width).toBe(W / 2);
    expect(l2.height).toBe(Math.floor(H / 4));
    for (const l of [l0, l1, l2]) expect(Math.abs(l.data.reduce((s, v) => s + v, 0) / l.data.length)).toBeLessThan(1e-3);
    // level 1 pixel (3, 4) covers level-0 pixels (6..7, 8..9): differences survive the mean removal
    const d = (x: number, y: number) => luma[y * W + x];
    const want = (d(6, 8) + d(7, 8) + d(6, 9) + d(7, 9)) / 4 - (d(8, 8) + d(9, 8) + d(8, 9) + d(9, 9)) / 4;
    expect(l1.data[4 * (W / 2) + 3] - l1.data[4 * (W / 2) + 4]).toBeCloseTo(want, 3);
  });
});
