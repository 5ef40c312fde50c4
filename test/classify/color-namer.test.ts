import { describe, expect, it } from 'vitest';
import { createRuleColorNamer, ruleColorNamer } from '../../src/classify/color-namer.js';
import type { ColorName } from '../../src/catalog/types.js';

const ev = (r: number, g: number, b: number, extra: Partial<{ clippedFraction: number; whiteRef: { r: number; g: number; b: number } }> = {}) => ({
  r,
  g,
  b,
  clippedFraction: 0,
  luma: 1,
  ...extra,
});

describe('rule colour namer', () => {
  // linear-light values of the firmware colours with a little crosstalk
  const cases: Array<[ColorName, [number, number, number]]> = [
    ['red', [1, 0.04, 0.03]],
    ['orange', [1, 0.4, 0.04]],
    ['yellow', [1, 0.97, 0.05]],
    ['green', [0.05, 1, 0.05]],
    ['cyan', [0.05, 1, 0.97]],
    ['blue', [0.05, 0.06, 1]],
    ['magenta', [1, 0.05, 0.95]],
    ['white', [1, 0.96, 0.93]],
  ];
  it.each(cases)('%s', (name, [r, g, b]) => {
    const out = ruleColorNamer(ev(r, g, b));
    expect(out.name).toBe(name);
    expect(out.confidence).toBeGreaterThan(0.5);
    const total = Object.values(out.scores).reduce((s, v) => s + v, 0);
    expect(total).toBeCloseTo(1, 5);
  });

  it('keeps orange apart from red and yellow, the hard ones', () => {
    expect(ruleColorNamer(ev(1, 0.3, 0.05)).name).toBe('orange');
    expect(ruleColorNamer(ev(1, 0.12, 0.05)).name).toBe('red');
    expect(ruleColorNamer(ev(1, 0.8, 0.05)).name).toBe('yellow');
  });

  it('a clipped core read from its halo keeps its hue: pale orange is still orange', () => {
    // orange mixed with white (what a clipped core adds) keeps its hue in linear light
    const pale = [1, 0.376 * 0.6 + 0.4, 0.4] as const;
    expect(ruleColorNamer(ev(pale[0], pale[1], pale[2], { clippedFraction: 1 })).name).toBe('orange');
  });

  it('a white reference removes a camera tint', () => {
    const tint = { r: 1, g: 0.7, b: 0.5 };
    // a warm camera makes white look orange-ish; with its reference it is white again
    const warmWhite = ev(1, 0.7, 0.5);
    expect(ruleColorNamer(warmWhite).name).not.toBe('white');
    expect(ruleColorNamer({ ...warmWhite, whiteRef: tint }).name).toBe('white');
  });

  it('is configurable (an injectable interface)', () => {
    const strict = createRuleColorNamer({ whiteSaturation: 0.05 });
    expect(strict(ev(1, 0.9, 0.8)).name).not.toBe('white');
  });
});
