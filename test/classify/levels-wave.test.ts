import { describe, expect, it } from 'vitest';
import { classifySeries } from '../../src/classify/index.js';
import { seriesFromSamples } from '../../src/signal/series.js';
import type { LedSeries } from '../../src/signal/types.js';

const FPS = 30;

/** A 9 s green series whose level is `levelAt(tMs)` (a green LED's chromaticity). */
function greenSeries(levelAt: (tMs: number) => number): LedSeries {
  return seriesFromSamples(
    Array.from({ length: 9 * FPS }, (_, i) => {
      const tMs = (i * 1000) / FPS;
      const l = levelAt(tMs);
      return { tMs, r: 0.1 * l, g: l, b: 0.2 * l, luma: l, clipped: l >= 0.7 };
    }),
  );
}

/** Breathing triangle (1 at the top, 0 at the bottom) of a 4 s period. */
const breath = (tMs: number) => Math.abs(1 - 2 * ((tMs % 4000) / 4000));

describe('levels: a breath that never measures dark', () => {
  it('reads a big overexposed breath (level swinging 0.44–0.73, clipped at the top) as breathing', () => {
    // the tuning clip 640046's shape: the core clips through all but the bottom of each breath
    const series = greenSeries((t) => 0.44 + 0.29 * Math.min(1, 2.5 * breath(t)));
    const d = classifySeries(series, { device: 'boron' }).diagnosis;
    expect(d.mode).toBe('cloud-not-connected');
  });

  it('still reads a steady light that wobbles roughly as solid', () => {
    // frame-to-frame noise of the same size: no smooth wave, no period
    let x = 12345;
    const noise = () => ((x = (x * 1103515245 + 12345) % 2147483648) / 2147483648) - 0.5;
    const d = classifySeries(greenSeries(() => 0.6 + 0.25 * noise()), { device: 'boron' }).diagnosis;
    expect(d.mode).toBe('solid');
  });

  it('still reads a steady light whose level drifts by a tenth as solid', () => {
    const d = classifySeries(greenSeries((t) => 0.9 + 0.08 * Math.sin((2 * Math.PI * t) / 4000)), { device: 'boron' }).diagnosis;
    expect(d.mode).toBe('solid');
  });
});
