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

/**
 * A red series of the lit intervals, with `gainOf(k, tMs)` the measured brightness of the k-th blink
 * and `darkAt(tMs)` the dark's, both as shares of a blink's light.
 */
function redSeries(lit: [number, number][], durationMs: number, gainOf: (k: number, tMs: number) => number, darkAt: (tMs: number) => number = () => 0.005): LedSeries {
  return seriesFromSamples(
    Array.from({ length: Math.round((durationMs * FPS) / 1000) }, (_, i) => {
      const tMs = (i * 1000) / FPS;
      const k = lit.findIndex(([a, b]) => tMs >= a && tMs < b);
      const l = 0.6 * (k < 0 ? darkAt(tMs) : gainOf(k, tMs));
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

describe('levels: blinks over a dark the encoder kept partly lit', () => {
  // SOS 9 at 60 fps whose 3rd and 4th code blinks read 0.52 of the others while the dark around them
  // keeps 0.27 of the light (hard-2250024: CRF 32, a 3 px LED; the encoder did not refresh its block)
  const lit = sosCycle(9);
  const firstDim = 9 + 2;
  const raisedFromMs = lit[firstDim - 1][1];
  const raisedToMs = lit[firstDim + 2][0];
  const dim = (k: number) => k === firstDim || k === firstDim + 1;
  const raised = (level: (tMs: number) => number) => (tMs: number) => (tMs >= raisedFromMs && tMs < raisedToMs ? level(tMs) : 0.005);

  it('reads both dim blinks as lit and counts the code', () => {
    const series = redSeries(lit, 11000, (k) => (dim(k) ? 0.52 : 1), raised(() => 0.27));
    const { v } = computeLevels(series);
    for (const k of [firstDim, firstDim + 1]) {
      const [a, b] = lit[k];
      const inside = [...series.tMs.keys()].filter((i) => series.tMs[i] > a + 20 && series.tMs[i] < b - 20);
      expect(inside.length).toBeGreaterThan(10);
      for (const i of inside) expect(v[i]).toBeGreaterThanOrEqual(ON_THRESHOLD);
    }
    const { diagnosis } = classifySeries(series, { device: 'boron' });
    expect([diagnosis.mode, diagnosis.code]).toEqual(['sos', 9]);
  });

  it('leaves a slow swell over the same raised dark under the lit bar', () => {
    // the two code blinks' place holds one swell to 0.52 and back: its slope takes 300 ms from the
    // dark side of the hysteresis to its middle, where a blink's edge takes a frame
    const midMs = (raisedFromMs + raisedToMs) / 2;
    const halfMs = (raisedToMs - raisedFromMs) / 2;
    const swell = raised((tMs) => 0.27 + 0.25 * (1 - Math.abs(tMs - midMs) / halfMs));
    const series = redSeries(lit, 11000, (k, tMs) => (dim(k) ? swell(tMs) : 1), swell);
    const { v } = computeLevels(series);
    let highest = 0;
    for (let i = 0; i < v.length; i++) if (series.tMs[i] > raisedFromMs + 20 && series.tMs[i] < raisedToMs - 20) highest = Math.max(highest, v[i]);
    expect(highest).toBeGreaterThan(0.45);
    expect(highest).toBeLessThan(ON_THRESHOLD);
  });
});

describe('levels: a lit run cut by one frame at 60 fps', () => {
  /** Blinks of `onMs` every `periodMs` at 60 fps; the sample at `dipMs` reads `dipGain` of the light in core and halo alike. */
  const blinks = (onMs: number, periodMs: number, dipMs: number, dipGain: number) =>
    seriesFromSamples(
      Array.from({ length: 4 * FPS }, (_, i) => {
        const tMs = (i * 1000) / FPS;
        const on = tMs % periodMs < onMs;
        const l = on ? 0.6 * (Math.abs(tMs - dipMs) < 1 ? dipGain : 1) : 0.003;
        return { tMs, r: l, g: 0.08 * l, b: 0, luma: 0.3 * l, clipped: false };
      }),
    );

  it('bridges a one-frame dip: the LED is lit again sooner than the firmware ever keeps it dark', () => {
    // hard-2250036: an SOS short blink's frame lost to shake read as two blinks (lit 33 ms apart)
    const dipMs = 2000 + 4 * (1000 / FPS);
    const series = blinks(150, 250, dipMs, 0.3);
    const { v } = computeLevels(series);
    const i = Math.round((dipMs * FPS) / 1000);
    expect(series.tMs[i]).toBeCloseTo(dipMs, 6);
    expect(v[i]).toBeGreaterThanOrEqual(ON_THRESHOLD);
  });

  it('keeps a fast blink\'s 50 ms dark phase dark', () => {
    const series = blinks(50, 100, -1, 1);
    const { v } = computeLevels(series);
    // the middle of each dark phase, after the first second
    for (let t = 1075; t < 3900; t += 100) expect(v[Math.round((t * FPS) / 1000)]).toBeLessThan(0.35);
  });
});
