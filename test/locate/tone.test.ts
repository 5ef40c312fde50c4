import { describe, expect, it } from 'vitest';
import { TONE_QUANTILES, quantileCodes, toneLut } from '../../src/locate/tone.js';

/** A phone-like tone curve: sRGB-ish gamma with a soft shoulder (no pure power law). */
const encode = (linear: number) => 255 * Math.min(1, (linear / (1 + 0.6 * linear)) * 1.6) ** (1 / 2.2);

/** Luma histogram of a scene of `radiances` seen with exposure `gain`. */
function histogram(radiances: number[], gain: number): { hist: Uint32Array; codes: number[] } {
  const hist = new Uint32Array(256);
  const codes = radiances.map((r) => Math.round(encode(r * gain)));
  for (const c of codes) hist[c]++;
  return { hist, codes };
}

/** A board: mostly dark solder mask, some mid-grey parts and a tail of bright pads. */
function scene(): number[] {
  const out: number[] = [];
  let s = 12345;
  const rnd = () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  for (let i = 0; i < 20000; i++) {
    const u = rnd();
    out.push(u < 0.6 ? 0.02 + 0.05 * rnd() : u < 0.92 ? 0.1 + 0.2 * rnd() : 0.4 + 0.5 * rnd());
  }
  return out;
}

describe('tone: following auto exposure through the tone curve', () => {
  it('maps every code to itself when the exposure has not changed', () => {
    const { hist } = histogram(scene(), 1);
    const q = new Float64Array(TONE_QUANTILES.length);
    quantileCodes(hist, 20000, q);
    const lut = new Uint8Array(256);
    toneLut(q, q, 1, lut);
    for (let v = 0; v < 256; v++) expect(Math.abs(lut[v] - v)).toBeLessThanOrEqual(1);
  });

  it('undoes a halved exposure for the bright surfaces as well as the median', () => {
    const radiances = scene();
    const ref = histogram(radiances, 1), cur = histogram(radiances, 0.5);
    const qRef = new Float64Array(TONE_QUANTILES.length), qCur = new Float64Array(TONE_QUANTILES.length);
    quantileCodes(ref.hist, radiances.length, qRef);
    quantileCodes(cur.hist, radiances.length, qCur);
    const lut = new Uint8Array(256);
    toneLut(qCur, qRef, 1, lut);
    // the bright pads (the top 8 %): the fitted curve brings 90 % of them within 12 codes of where the
    // reference exposure put them
    const errs: number[] = [];
    for (let i = 0; i < radiances.length; i++) if (radiances[i] >= 0.4) errs.push(Math.abs(lut[cur.codes[i]] - ref.codes[i]));
    errs.sort((a, b) => a - b);
    expect(errs[Math.floor(errs.length * 0.9)]).toBeLessThanOrEqual(12);
    // ... where scaling codes by the medians' ratio misses them by well over as much
    const k = qRef[2] / qCur[2];
    const gainErrs = radiances.flatMap((r, i) => (r >= 0.4 ? [Math.abs(Math.min(255, Math.round(cur.codes[i] * k)) - ref.codes[i])] : []));
    gainErrs.sort((a, b) => a - b);
    expect(gainErrs[Math.floor(gainErrs.length * 0.9)]).toBeGreaterThan(1.25 * errs[Math.floor(errs.length * 0.9)]);
  });

  it('falls back on the given gain when the view is too dark to fit', () => {
    const q = new Float64Array(TONE_QUANTILES.length).fill(2);
    const lut = new Uint8Array(256);
    toneLut(q, q, 1.5, lut);
    expect(lut[100]).toBe(150);
    expect(lut[200]).toBe(255);
  });
});
