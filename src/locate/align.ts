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

/**
 * Levels: full, 1/2, 1/4 (each a 2×2 mean of the previous), each made zero-mean (exposure changes).
 * `reuse` (levels from an earlier call with the same size) is overwritten instead of allocating:
 * the search calls this for every frame.
 */
export function pyramid(luma: ArrayLike<number>, width: number, height: number, reuse?: Level[]): Level[] {
  const levels: Level[] = reuse ?? [];
  let w = width, h = height;
  for (let k = 0; k < 3; k++) {
    if (!reuse) levels.push({ data: new Float32Array(w * h), width: w, height: h });
    w >>= 1;
    h >>= 1;
  }
  const top = levels[0].data;
  let sum = 0;
  for (let i = 0; i < width * height; i++) {
    top[i] = luma[i];
    sum += luma[i];
  }
  const means = [sum / (width * height)];
  for (let k = 1; k < 3; k++) {
    const prev = levels[k - 1], cur = levels[k];
    const pw = prev.width, d = cur.data, pd = prev.data;
    let m = 0;
    for (let y = 0; y < cur.height; y++) {
      let i = 2 * y * pw;
      for (let x = 0; x < cur.width; x++, i += 2) {
        const v = (pd[i] + pd[i + 1] + pd[i + pw] + pd[i + pw + 1]) / 4;
        d[y * cur.width + x] = v;
        m += v;
      }
    }
    means.push(m / d.length);
  }
  for (let k = 0; k < 3; k++) {
    const d = levels[k].data, m = means[k];
    for (let i = 0; i < d.length; i++) d[i] -= m;
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
