/**
 * Global translation between two luma images (hand shake and drift of the whole view), coarse to fine
 * on a 3-level pyramid. The search aligns every frame to the first before accumulating statistics,
 * so that moving edges do not look like a changing LED. Pure and isomorphic.
 */

export interface Level {
  data: Float32Array;
  width: number;
  height: number;
}

/** Levels: full, 1/2, 1/4 (each a 2×2 mean of the previous), each made zero-mean (exposure changes). */
export function pyramid(luma: Uint8Array | Float32Array, width: number, height: number): Level[] {
  const levels: Level[] = [];
  let cur: Level = { data: luma instanceof Float32Array ? luma : Float32Array.from(luma), width, height };
  levels.push(cur);
  for (let k = 0; k < 2; k++) {
    const w = cur.width >> 1, h = cur.height >> 1;
    const d = new Float32Array(w * h);
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        const i = 2 * y * cur.width + 2 * x;
        d[y * w + x] = (cur.data[i] + cur.data[i + 1] + cur.data[i + cur.width] + cur.data[i + cur.width + 1]) / 4;
      }
    }
    cur = { data: d, width: w, height: h };
    levels.push(cur);
  }
  for (const l of levels) {
    let m = 0;
    for (const v of l.data) m += v;
    m /= l.data.length;
    for (let i = 0; i < l.data.length; i++) l.data[i] -= m;
  }
  return levels;
}

/** Mean absolute difference of ref(x) and cur(x + dx) over an interior grid. */
function cost(ref: Level, cur: Level, dx: number, dy: number, margin: number, stride: number): number {
  const { width: w, height: h } = ref;
  let s = 0, n = 0;
  for (let y = margin; y < h - margin; y += stride) {
    const yy = y + dy;
    if (yy < 0 || yy >= h) continue;
    for (let x = margin; x < w - margin; x += stride) {
      const xx = x + dx;
      if (xx < 0 || xx >= w) continue;
      s += Math.abs(ref.data[y * w + x] - cur.data[yy * w + xx]);
      n++;
    }
  }
  return n ? s / n : Infinity;
}

function best(ref: Level, cur: Level, cx: number, cy: number, radius: number, margin: number, stride: number): { dx: number; dy: number } {
  let bc = Infinity, bx = cx, by = cy;
  for (let dy = cy - radius; dy <= cy + radius; dy++) {
    for (let dx = cx - radius; dx <= cx + radius; dx++) {
      const c = cost(ref, cur, dx, dy, margin, stride);
      if (c < bc) {
        bc = c;
        bx = dx;
        by = dy;
      }
    }
  }
  return { dx: bx, dy: by };
}

/**
 * Shift (integer px at full level) such that cur(x + shift) ≈ ref(x), searched within ±maxStep of
 * `guess` (the previous frame's shift).
 */
export function estimateShift(ref: Level[], cur: Level[], guess: { dx: number; dy: number }, maxStep = 8): { dx: number; dy: number } {
  const r4 = Math.max(1, Math.ceil(maxStep / 4));
  const margin4 = Math.ceil((Math.abs(guess.dx) + Math.abs(guess.dy)) / 4) + r4 + 1;
  let s = best(ref[2], cur[2], Math.round(guess.dx / 4), Math.round(guess.dy / 4), r4, Math.min(margin4, 8), 1);
  s = best(ref[1], cur[1], s.dx * 2, s.dy * 2, 1, Math.min(2 * margin4, 16), 2);
  s = best(ref[0], cur[0], s.dx * 2, s.dy * 2, 1, Math.min(4 * margin4, 32), 3);
  return s;
}
