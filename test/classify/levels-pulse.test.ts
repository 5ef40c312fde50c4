import { describe, expect, it } from 'vitest';
import { classifySeries } from '../../src/classify/index.js';
import { computeLevels } from '../../src/classify/levels.js';
import { ON_THRESHOLD } from '../../src/classify/segment.js';
import { seriesFromSamples } from '../../src/signal/series.js';
import type { LedSeries } from '../../src/signal/types.js';

const FPS = 60;

/** Lit intervals [startMs, endMs) of one SOS cycle for code N (DESIGN.md §1, panic.c). */
function sosCycle(code: number): [number, number][] {
  const lit: [number, number][] = [];
  let t = 0;
  const blinks = (count: number, onMs: number, offMs: number, afterMs: number) => {
    for (let k = 0; k < count; k++) {
      lit.push([t, t + onMs]);
      t += onMs + offMs;
    }
    t += afterMs;
  };
  blinks(3, 150, 100, 100);
  blinks(3, 300, 100, 100);
  blinks(3, 150, 100, 900);
  blinks(code, 300, 300, 800);
  return lit;
}

/** A red series of the lit intervals, with `gainOf(k)` the measured brightness of the k-th blink. */
function redSeries(lit: [number, number][], durationMs: number, gainOf: (k: number) => number): LedSeries {
  return seriesFromSamples(
    Array.from({ length: Math.round((durationMs * FPS) / 1000) }, (_, i) => {
      const tMs = (i * 1000) / FPS;
      const k = lit.findIndex(([a, b]) => tMs >= a && tMs < b);
      const l = k < 0 ? 0.003 : 0.6 * gainOf(k);
      return { tMs, r: l, g: 0.08 * l, b: 0, luma: 0.3 * l, clipped: false };
    }),
  );
}

describe('levels: a whole blink the camera took dim', () => {
  // SOS 10: the 9 preamble blinks, then the code's; its 7th code blink measures 0.44 of the others
  // (other-1680009: an exposure dip at 60 fps)
  const lit = sosCycle(10);
  const dimBlink = 9 + 6;
  const series = redSeries(lit, 11000, (k) => (k === dimBlink ? 0.44 : 1));

  it('reads the dim blink as lit', () => {
    const { v } = computeLevels(series);
    const [a, b] = lit[dimBlink];
    const inside = [...series.tMs.keys()].filter((i) => series.tMs[i] > a + 20 && series.tMs[i] < b - 20);
    expect(inside.length).toBeGreaterThan(10);
    for (const i of inside) expect(v[i]).toBeGreaterThanOrEqual(ON_THRESHOLD);
  });

  it('counts the SOS code across it', () => {
    const { diagnosis } = classifySeries(series, { device: 'boron' });
    expect(diagnosis.mode).toBe('sos');
    expect(diagnosis.code).toBe(10);
  });

  /** The level read in the middle of one more pulse, [10 s, endMs) at `gain`, after the cycle. */
  const extraPulseLevel = (endMs: number, gain: number): number => {
    const { v } = computeLevels(redSeries([...lit, [10000, endMs]], 11000, (k) => (k === lit.length ? gain : 1)));
    return v[Math.round((((10000 + endMs) / 2) * FPS) / 1000)];
  };

  it('leaves a two-frame flicker at 60 fps dark', () => {
    // two frames (33 ms) are shorter than any lit phase the firmware times
    const v = extraPulseLevel(10025, 0.44);
    expect(v).toBeGreaterThan(0.3);
    expect(v).toBeLessThan(ON_THRESHOLD);
  });

  it('leaves a faint pulse dark', () => {
    // 100 ms at a fifth of the blinks: a distractor's flicker as often as a light (hard-450023)
    const v = extraPulseLevel(10100, 0.2);
    expect(v).toBeGreaterThan(0.15);
    expect(v).toBeLessThan(ON_THRESHOLD);
  });

  it('leaves a dim breath between bright blinks under the lit bar', () => {
    // a 1 s triangle breath that peaks at 0.44 of the blinks: it rises and falls, it has no flat top
    const blinksThenBreath = seriesFromSamples(
      Array.from({ length: 6 * FPS }, (_, i) => {
        const tMs = (i * 1000) / FPS;
        const phase = (tMs % 1000) / 1000;
        const l = tMs < 2000 ? (tMs % 500 < 250 ? 0.6 : 0.003) : 0.6 * 0.44 * (1 - Math.abs(1 - 2 * phase));
        return { tMs, r: l, g: 0.08 * l, b: 0, luma: 0.3 * l, clipped: false };
      }),
    );
    const { v } = computeLevels(blinksThenBreath);
    for (let i = 0; i < v.length; i++) if (blinksThenBreath.tMs[i] > 2500) expect(v[i]).toBeLessThan(ON_THRESHOLD);
  });
});
