/**
 * How far the board around the LED moved from one frame to the next: the patch of view around the
 * LED's last position is matched against the same place in the next frame (align.ts, coarse to
 * fine). A hand's shake can carry a small LED further in one frame than the tracker's window reaches
 * (a 24 fps clip moved 20 px between two frames); the window then held a white pad beside the LED
 * and the track stayed on it. The board's texture moves with the LED whether the LED is lit or not.
 * Pure and isomorphic; works on any buffer (crop or whole frame) through the frame's origin/scale.
 */
import type { RgbFrame } from '../source/types.js';
import { estimateShift, pyramid, shiftCost, type Level } from './align.js';
import { lumaRow, toBuffer } from './frame-ops.js';

export interface ViewMotion {
  /**
   * The view's motion (whole buffer px) since the last kept frame, measured on the patch kept then:
   * zero on the first frame, after the buffer moved (a new crop), and when the patch has too little
   * texture to tell a move from noise.
   */
  step(frame: RgbFrame): { dx: number; dy: number };
  /** Remembers this frame's patch around where the LED now is, for the next step. */
  keep(frame: RgbFrame, x: number, y: number): void;
}

/**
 * A shift counts only when it matches the patch this much better than standing still: noise in a
 * plain or dark patch moves the best match a pixel or two at random, and followed through a dark
 * stretch that random walk led the track away.
 */
const CLEARLY_BETTER = 0.8;

interface Rect {
  x0: number;
  y0: number;
  w: number;
  h: number;
}

interface Patch extends Rect {
  levels: Level[];
  originX: number;
  originY: number;
  scale: number;
}

/**
 * `halfPx`: half the patch's side, buffer px (the LED and enough board around it); `maxStepPx`: the
 * largest move between two frames looked for, buffer px.
 */
export function createViewMotion(halfPx: number, maxStepPx: number): ViewMotion {
  let last: Patch | null = null;
  /** The levels `step` read from this frame at the kept patch's place: `keep` reuses them when the LED stayed put. */
  let stepped: { frame: RgbFrame; levels: Level[] } | null = null;

  function rectAround(frame: RgbFrame, x: number, y: number): Rect | null {
    const b = toBuffer(frame, x, y);
    const x0 = Math.max(0, Math.round(b.x - halfPx)), x1 = Math.min(frame.width, Math.round(b.x + halfPx));
    const y0 = Math.max(0, Math.round(b.y - halfPx)), y1 = Math.min(frame.height, Math.round(b.y + halfPx));
    // the pyramid's coarsest level must still hold a few pixels beyond the largest step
    const least = 4 * Math.ceil(maxStepPx / 4) + 16;
    return x1 - x0 >= least && y1 - y0 >= least ? { x0, y0, w: x1 - x0, h: y1 - y0 } : null;
  }

  function levelsOf(frame: RgbFrame, r: Rect): Level[] {
    const luma = new Uint8Array(r.w * r.h);
    for (let yy = 0; yy < r.h; yy++) lumaRow(frame.data, frame.channels, (r.y0 + yy) * frame.width + r.x0, luma, yy * r.w, r.w);
    return pyramid(luma, r.w, r.h);
  }

  return {
    step(frame) {
      const prev = last;
      stepped = null;
      if (!prev || prev.originX !== frame.originX || prev.originY !== frame.originY || prev.scale !== frame.scale) return { dx: 0, dy: 0 };
      if (prev.x0 + prev.w > frame.width || prev.y0 + prev.h > frame.height) return { dx: 0, dy: 0 };
      const cur = levelsOf(frame, prev);
      stepped = { frame, levels: cur };
      const s = estimateShift(prev.levels, cur, { dx: 0, dy: 0 }, maxStepPx);
      if (s.dx === 0 && s.dy === 0) return s;
      const still = shiftCost(prev.levels, cur, { dx: 0, dy: 0 });
      return shiftCost(prev.levels, cur, s) < CLEARLY_BETTER * still ? s : { dx: 0, dy: 0 };
    },
    keep(frame, x, y) {
      const r = rectAround(frame, x, y);
      if (!r) {
        last = null;
        return;
      }
      // a still camera keeps the patch where it was: this frame's levels there are already read
      const same = stepped?.frame === frame && last && last.x0 === r.x0 && last.y0 === r.y0 && last.w === r.w && last.h === r.h;
      last = { levels: same ? stepped!.levels : levelsOf(frame, r), ...r, originX: frame.originX, originY: frame.originY, scale: frame.scale };
      stepped = null;
    },
  };
}
