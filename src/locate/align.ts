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
  // level 1 straight from the luma (the same 2×2 means as from a copy of it), then level 2 from it
  let sum = 0;
  for (let i = 0; i < width * height; i++) sum += luma[i];
  const means = [sum / (width * height), halve(luma, width, levels[1])];
  means.push(halve(levels[1].data, levels[1].width, levels[2]));
  // each level made zero-mean; the full level written once, already so
  const top = levels[0].data, m0 = means[0];
  for (let i = 0; i < width * height; i++) top[i] = luma[i] - m0;
  for (let k = 1; k < 3; k++) {
    const d = levels[k].data, m = means[k];
    for (let i = 0; i < d.length; i++) d[i] -= m;
  }
  return levels;
}

/** Writes the 2×2 means of `src` (`srcWidth` wide) into `out`; returns their mean. */
function halve(src: ArrayLike<number>, srcWidth: number, out: Level): number {
  const d = out.data;
  let m = 0;
  for (let y = 0; y < out.height; y++) {
    for (let x = 0, i = 2 * y * srcWidth, o = y * out.width; x < out.width; x++, i += 2, o++) {
      const v = (src[i] + src[i + 1] + src[i + srcWidth] + src[i + srcWidth + 1]) / 4;
      d[o] = v;
      m += v;
    }
  }
  return m / d.length;
}

/** Mean absolute difference of ref(x) and cur(x + dx) over an interior grid. */
function cost(ref: Level, cur: Level, dx: number, dy: number, margin: number, stride: number): number {
  const { width: w, height: h } = ref;
  const a = ref.data, b = cur.data;
  // the grid points whose shifted position is inside the frame, in the same order as a plain scan
  const first = (lo: number): number => (lo <= margin ? margin : margin + Math.ceil((lo - margin) / stride) * stride);
  const y0 = first(0 - dy), yEnd = Math.min(h - margin, h - dy);
  const x0 = first(0 - dx), xEnd = Math.min(w - margin, w - dx);
  let s = 0, n = 0;
  for (let y = y0; y < yEnd; y += stride) {
    let row = 0;
    for (let i = y * w + x0, j = (y + dy) * w + x0 + dx, end = y * w + xEnd; i < end; i += stride, j += stride) {
      s += Math.abs(a[i] - b[j]);
      row++;
    }
    n += row;
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

/** How well `cur` shifted by `s` matches `ref`: the mean absolute difference at the full level. */
export function shiftCost(ref: Level[], cur: Level[], s: { dx: number; dy: number }): number {
  return cost(ref[0], cur[0], s.dx, s.dy, 1, 1);
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
