/**
 * The board's motion between two frames, measured on a patch around the LED: a textured view moved by
 * a whole number of pixels is followed (in buffer px, also on a half-size buffer); a still view and
 * a plain one (nothing to match, only noise) give no motion; a new buffer (a crop placed elsewhere)
 * starts over.
 */
import { describe, expect, it } from 'vitest';
import { createViewMotion } from '../../src/locate/view-motion.js';
import type { RgbFrame } from '../../src/source/types.js';
import { makeScene } from './scene.js';

/** The scene's frame with the view moved by (dx, dy), the LED lit or not. */
function sceneAt(board: number, ledOn: boolean): (dx: number, dy: number, t: number) => RgbFrame {
  let shift = { dx: 0, dy: 0 };
  const render = makeScene({
    width: 160,
    height: 120,
    leds: [{ x: 80, y: 60, sigma: 2, color: [1, 0, 0], intensity: 4, drive: () => (ledOn ? 1 : 0) }],
    shake: () => shift,
    board,
    seed: 11,
  });
  return (dx, dy, t) => {
    shift = { dx, dy };
    return render(t, t);
  };
}

/** The same frame as a buffer of every other pixel (a crop decoded at half size). */
function halfSize(f: RgbFrame): RgbFrame {
  const w = f.width >> 1, h = f.height >> 1;
  const data = new Uint8Array(w * h * 3);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) for (let k = 0; k < 3; k++) data[(y * w + x) * 3 + k] = f.data[(2 * y * f.width + 2 * x) * 3 + k];
  return { ...f, width: w, height: h, data, scale: 2 };
}

describe('view motion', () => {
  for (const [dx, dy] of [[0, 0], [7, -5], [-16, 9], [3, 20]]) {
    it(`follows a textured view moved by (${dx}, ${dy})`, () => {
      const at = sceneAt(0.05, true);
      const m = createViewMotion(44, 20);
      m.keep(at(0, 0, 0), 80, 60);
      expect(m.step(at(dx, dy, 1))).toEqual({ dx, dy });
    });
  }

  it('follows it while the LED goes dark between the two frames', () => {
    const lit = sceneAt(0.05, true), dark = sceneAt(0.05, false);
    const m = createViewMotion(44, 20);
    m.keep(lit(0, 0, 0), 80, 60);
    expect(m.step(dark(-9, 4, 1))).toEqual({ dx: -9, dy: 4 });
  });

  it('reports motion in buffer px on a half-size buffer', () => {
    const at = sceneAt(0.05, true);
    const m = createViewMotion(22, 10);
    m.keep(halfSize(at(0, 0, 0)), 80, 60);
    expect(m.step(halfSize(at(-12, 8, 1)))).toEqual({ dx: -6, dy: 4 });
  });

  it('measures from the kept patch when the LED stays put (a still camera), and again after it moves', () => {
    const at = sceneAt(0.05, true);
    const m = createViewMotion(44, 20);
    m.keep(at(0, 0, 0), 80, 60);
    const still = at(0, 0, 1);
    expect(m.step(still)).toEqual({ dx: 0, dy: 0 });
    m.keep(still, 80, 60);
    expect(m.step(at(5, -3, 2))).toEqual({ dx: 5, dy: -3 });
  });

  it('gives no motion for a plain view, where only noise differs', () => {
    const at = sceneAt(0, false);
    const m = createViewMotion(44, 20);
    m.keep(at(0, 0, 0), 80, 60);
    for (let t = 1; t < 6; t++) expect(m.step(at(0, 0, t))).toEqual({ dx: 0, dy: 0 });
  });

  it('starts over when the buffer moves (a new crop)', () => {
    const at = sceneAt(0.05, true);
    const m = createViewMotion(44, 20);
    m.keep(at(0, 0, 0), 80, 60);
    expect(m.step({ ...at(7, -5, 1), originX: 10 })).toEqual({ dx: 0, dy: 0 });
  });
});
