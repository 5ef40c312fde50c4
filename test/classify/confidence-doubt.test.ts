import { describe, expect, it } from 'vitest';
import { classifySeries } from '../../src/classify/index.js';
import { ruleColorNamer } from '../../src/classify/color-namer.js';
import type { LedSeries } from '../../src/signal/types.js';

/** A clean 30 fps series of a blink (onMs/offMs) in one colour. */
function blinkSeries(rgb: [number, number, number], onMs: number, offMs: number, durationMs = 6000): LedSeries {
  const n = Math.round((durationMs / 1000) * 30);
  const s: LedSeries = { tMs: new Float64Array(n), r: new Float32Array(n), g: new Float32Array(n), b: new Float32Array(n), luma: new Float32Array(n), clipped: new Uint8Array(n), fps: 30, frameIntervalJitterMs: 0 };
  for (let i = 0; i < n; i++) {
    const t = (i * 1000) / 30;
    const on = t % (onMs + offMs) < onMs;
    s.tMs[i] = t;
    s.r[i] = on ? 0.5 * rgb[0] : 0;
    s.g[i] = on ? 0.5 * rgb[1] : 0;
    s.b[i] = on ? 0.5 * rgb[2] : 0;
    s.luma[i] = on ? 1 : 0;
  }
  return s;
}

describe('confidence under colour doubt', () => {
  it('believes a clearly green blink', () => {
    const d = classifySeries(blinkSeries([0, 1, 0], 100, 100), { device: 'boron', colorNamer: ruleColorNamer }).diagnosis;
    expect([d.mode, d.color]).toEqual(['connecting-network', 'green']);
    expect(d.confidence).toBeGreaterThan(0.8);
  });

  it('does not stake a confident answer on a colour halfway between yellow and green', () => {
    // hue ~90°: the namer gives green and yellow about even odds; the blink itself fits perfectly
    const rgb: [number, number, number] = [0.5, 1, 0];
    const naming = ruleColorNamer({ r: rgb[0], g: rgb[1], b: rgb[2], clippedFraction: 0, luma: 1 });
    expect(naming.confidence).toBeLessThan(0.7);
    const d = classifySeries(blinkSeries(rgb, 100, 100), { device: 'boron', colorNamer: ruleColorNamer }).diagnosis;
    expect(d.confidence).toBeLessThan(0.8);
  });
});
