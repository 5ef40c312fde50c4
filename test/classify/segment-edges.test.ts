import { describe, expect, it } from 'vitest';
import { ruleColorNamer } from '../../src/classify/color-namer.js';
import { computeLevels, segmentSeries } from '../../src/classify/index.js';
import type { LedSeries } from '../../src/signal/types.js';

const FRAME_MS = 1000 / 30;

/** A 30 fps white series whose light at each time is `level(tMs)`. */
function whiteSeries(durationMs: number, level: (tMs: number) => number): LedSeries {
  const n = Math.round(durationMs / FRAME_MS);
  const tMs = Float64Array.from({ length: n }, (_, i) => i * FRAME_MS);
  const light = Float32Array.from(tMs, level);
  return { tMs, r: light, g: light, b: light, luma: light, clipped: new Uint8Array(n), fps: 30, frameIntervalJitterMs: 0 };
}

/** The middle lit run's climb and fall (ms). */
function edgesOfMiddleRun(series: LedSeries): { riseMs?: number; fallMs?: number } {
  const lit = segmentSeries(series, computeLevels(series), { namer: ruleColorNamer }).filter((e) => e.kind === 'on');
  const { riseMs, fallMs } = lit[Math.floor(lit.length / 2)];
  return { riseMs, fallMs };
}

describe('segment: how fast a lit run climbs and falls', () => {
  it('measures a steady light lost and found again as a step of a frame', () => {
    // dark 0–1.5 s, lit to 3 s, dark to 4.5 s, lit to 6 s, dark
    const step = whiteSeries(7500, (t) => (Math.floor(t / 1500) % 2 === 1 ? 0.9 : 0.02));
    const { riseMs, fallMs } = edgesOfMiddleRun(step);
    expect(riseMs).toBeCloseTo(FRAME_MS, 0);
    expect(fallMs).toBeCloseTo(FRAME_MS, 0);
  });

  it('measures a breath (a linear triangle, 4 s) climbing and falling through many frames', () => {
    const breath = whiteSeries(12000, (t) => 0.9 * (1 - Math.abs(((t + 2000) % 4000) / 2000 - 1)));
    const { riseMs, fallMs } = edgesOfMiddleRun(breath);
    // from the threshold to 0.8 of the peak: about (0.8 − 0.55) × 2 s of the climb
    expect(riseMs).toBeGreaterThan(400);
    expect(fallMs).toBeGreaterThan(400);
  });
});
