import { describe, expect, it } from 'vitest';
import { classifySeries } from '../../src/classify/index.js';
import { ruleColorNamer } from '../../src/classify/color-namer.js';
import type { LedSeries } from '../../src/signal/types.js';

/** A clean 30 fps series of one steady light of linear colour `rgb` for 6 s. */
function steady(rgb: [number, number, number]): LedSeries {
  const n = 180;
  const s: LedSeries = { tMs: new Float64Array(n), r: new Float32Array(n), g: new Float32Array(n), b: new Float32Array(n), luma: new Float32Array(n), clipped: new Uint8Array(n), fps: 30, frameIntervalJitterMs: 0 };
  for (let i = 0; i < n; i++) {
    s.tMs[i] = (i * 1000) / 30;
    [s.r[i], s.g[i], s.b[i]] = rgb;
    s.luma[i] = 1;
  }
  return s;
}

describe('a steady light of a distractor colour', () => {
  it('is a solid orange with doubt and "off" as the alternative: it may be the charge LED beside a dark status LED', () => {
    const { diagnosis, timeline } = classifySeries(steady([0.6, 0.14, 0]), { device: 'boron', colorNamer: ruleColorNamer });
    expect([diagnosis.mode, diagnosis.color]).toEqual(['solid', 'orange']);
    expect(diagnosis.confidence).toBeLessThanOrEqual(0.5);
    expect(diagnosis.alternatives?.[0]?.mode).toBe('off');
    expect(timeline[diagnosis.spanIndex].evidence.notes.join(' ')).toMatch(/charge LED/);
  });

  it('keeps its confidence when the colour is no other light\'s (solid magenta)', () => {
    const { diagnosis } = classifySeries(steady([0.5, 0, 0.5]), { device: 'boron', colorNamer: ruleColorNamer });
    expect([diagnosis.mode, diagnosis.color]).toEqual(['solid', 'magenta']);
    expect(diagnosis.confidence).toBeGreaterThan(0.5);
    expect(diagnosis.alternatives?.some((a) => a.mode === 'off') ?? false).toBe(false);
  });
});

describe('a light too faint for a lit status LED', () => {
  // a pad or a dark LED's package catching a dim room's light, which the search took for want of a
  // lit LED, never stands out of its surroundings as a lit LED does, however steady or coloured
  it('is read as a dark LED (off), whatever pattern its wander makes', () => {
    const faint = steady([0.035, 0.01, 0.04]);
    for (let i = 0; i < faint.tMs.length; i++) faint.luma[i] = 0.5 + 0.5 * Math.sin((2 * Math.PI * i) / 120);
    const { diagnosis } = classifySeries(faint, { device: 'boron', colorNamer: ruleColorNamer });
    expect(diagnosis.mode).toBe('off');
    expect(diagnosis.notes?.join(' ')).toMatch(/never stood out/);
  });

  it('still reads a dim lit LED, twice as bright as that', () => {
    const { diagnosis } = classifySeries(steady([0.09, 0, 0.09]), { device: 'boron', colorNamer: ruleColorNamer });
    expect([diagnosis.mode, diagnosis.color]).toEqual(['solid', 'magenta']);
  });
});
