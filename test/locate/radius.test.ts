import { describe, expect, it } from 'vitest';
import { diffuserRadius } from '../../src/locate/radius.js';
import { SRGB_TO_LINEAR } from '../../src/signal/measure-pixels.js';

/** 8-bit codes of a disc of radius `r` (linear level `level`, soft edge) on a dark background, flattened. */
function discCodes(r: number, level: number): number[] {
  const out: number[] = [];
  for (let y = -30; y <= 30; y++) {
    for (let x = -30; x <= 30; x++) {
      const d = Math.hypot(x, y);
      const lin = 0.01 + level / (1 + Math.exp((d - r) / 0.6)) + 0.05 * level * Math.exp(-(d * d) / (2 * (2 * r) ** 2));
      let code = 0;
      while (code < 255 && SRGB_TO_LINEAR[code + 1] <= Math.min(1, lin)) code++;
      out.push(code);
    }
  }
  return out;
}

describe('diffuserRadius', () => {
  it('finds the edge of an unclipped disc within 15 %', () => {
    const codes = discCodes(8, 0.6);
    const peak = Math.max(...codes);
    const { radius, clipped } = diffuserRadius(codes, peak, 25);
    expect(clipped).toBe(false);
    expect(Math.abs(radius - 8) / 8).toBeLessThan(0.15);
  });

  it('uses the clipped plateau when the core clips, not the wider half of the clipped peak', () => {
    const codes = discCodes(8, 6);
    const peak = Math.max(...codes);
    const { radius, clipped } = diffuserRadius(codes, peak, 25);
    expect(clipped).toBe(true);
    expect(Math.abs(radius - 8) / 8).toBeLessThan(0.3);
    // the 8-bit half-maximum of the same view is far larger
    const halfCount = codes.filter((c) => c >= 25 + 0.5 * (peak - 25)).length;
    expect(Math.sqrt(halfCount / Math.PI)).toBeGreaterThan(radius * 1.15);
  });
});
