/**
 * Following auto exposure through the tone curve: a frame's luma codes are mapped so that the scene's
 * distribution stays the reference frame's. Pure, isomorphic.
 */

/**
 * Places of the view's luma distribution whose codes pin the exposure correction: the scene's body
 * (a big LED and the glow it casts are the top percent or two, and must not bend the curve).
 */
export const TONE_QUANTILES = [0.1, 0.25, 0.5, 0.75, 0.9];

/** Index of the median among `TONE_QUANTILES`. */
const MEDIAN = TONE_QUANTILES.indexOf(0.5);

/**
 * The codes at the places `TONE_QUANTILES` of a luma histogram of `total` values, linear within a bin:
 * a place in bin v reads v + f, f in (0, 1].
 */
export function quantileCodes(hist: Uint32Array, total: number, out: Float64Array): void {
  let below = 0, v = 0;
  for (let i = 0; i < TONE_QUANTILES.length; i++) {
    const want = TONE_QUANTILES[i] * total;
    while (v < 255 && below + hist[v] < want) below += hist[v++];
    out[i] = v + (hist[v] ? Math.min(1, (want - below) / hist[v]) : 0);
  }
}

/**
 * A luma map that takes this frame's tone curve onto the reference frame's: the power law
 * v' = a·v^b fitted (least squares in logs) to the codes at the same places of the two distributions.
 * Two parameters follow an exposure change through a phone's tone curve, and stay smooth where a dim,
 * noisy view's quantiles jitter from frame to frame. Above the highest code fitted the law is not
 * extrapolated (its exponent, right for the body, bends the bright end) but continued as the plain gain
 * it has there. `fallbackGain` when the view is too dark to fit.
 */
export function toneLut(cur: Float64Array, ref: Float64Array, fallbackGain: number, out: Uint8Array): void {
  let n = 0, sx = 0, sy = 0, sxx = 0, sxy = 0, top = 255;
  for (let i = 0; i < cur.length; i++) {
    if (cur[i] < 4 || ref[i] < 4) continue;
    top = n === 0 ? cur[i] : Math.max(top, cur[i]);
    const x = Math.log(cur[i]), y = Math.log(ref[i]);
    n++;
    sx += x;
    sy += y;
    sxx += x * x;
    sxy += x * y;
  }
  const vx = sxx - (sx * sx) / Math.max(1, n);
  let b = 1, la = Math.log(fallbackGain);
  if (n >= 3 && vx > 0.05) {
    b = Math.min(1.4, Math.max(0.7, (sxy - (sx * sy) / n) / vx));
    la = (sy - b * sx) / n;
  }
  const fit = (v: number) => Math.exp(la + b * Math.log(v));
  const gainAtTop = fit(top) / top;
  for (let v = 0; v < 256; v++) out[v] = v === 0 ? 0 : Math.min(255, Math.round(v <= top ? fit(v) : v * gainAtTop));
}

/**
 * The bin (whole code) the median of `quantileCodes` falls in: the first whose count reaches half the
 * total. (Its f is at least half a value over the bin's count, so v + f never rounds down to v.)
 */
export function medianBin(codes: Float64Array): number {
  return Math.ceil(codes[MEDIAN]) - 1;
}
