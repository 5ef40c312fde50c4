import { describe, expect, it } from 'vitest';
import { classifySeries } from '../../src/classify/index.js';
import { computeLevels } from '../../src/classify/levels.js';
import { seriesFromSamples } from '../../src/signal/series.js';
import type { LedSeries } from '../../src/signal/types.js';

const FPS = 30;

/** A 6 s yellow series: `lit(tMs)` says whether the LED is on, `gainAt(tMs)` how bright it measures then. */
function yellowSeries(lit: (tMs: number) => boolean, gainAt: (tMs: number) => number): LedSeries {
  return seriesFromSamples(
    Array.from({ length: 6 * FPS }, (_, i) => {
      const tMs = (i * 1000) / FPS;
      const l = lit(tMs) ? 0.5 * gainAt(tMs) : 0.004;
      return { tMs, r: l, g: 0.8 * l, b: 0.05 * l, luma: l, clipped: false };
    }),
  );
}

/** DFU's blink: 100 ms on, 100 ms off (DESIGN.md §2). */
const dfuBlink = (tMs: number) => tMs % 200 < 100;
/** The measured level steps down to a third at 3.5 s (the exposure reference moved; other-480008's shape). */
const stepDown = (tMs: number) => (tMs < 3500 ? 1 : 0.33);

describe('levels: a blink whose measured level steps down', () => {
  it('still reads the blinks after the step as lit', () => {
    const series = yellowSeries(dfuBlink, stepDown);
    const { v } = computeLevels(series);
    // every ON phase a second after the step reaches the lit level (those blinks are read against the
    // second around them); read against the 4.5 s envelope a breath needs, all of them stayed under it
    let litAfter = 0;
    let onAfter = 0;
    for (let i = 0; i < v.length; i++) {
      if (series.tMs[i] < 4600 || !dfuBlink(series.tMs[i])) continue;
      onAfter++;
      if (v[i] >= 0.55) litAfter++;
    }
    expect(onAfter).toBeGreaterThan(10);
    expect(litAfter).toBe(onAfter);
  });

  it('reads the whole clip as DFU, not as an LED that went off', () => {
    const result = classifySeries(yellowSeries(dfuBlink, stepDown), { device: 'boron' });
    expect(result.diagnosis.mode).toBe('dfu');
    expect(result.timeline.map((s) => s.mode)).not.toContain('off');
  });

  it('leaves a slow breath read against its own peak', () => {
    // an 8 s triangle breath: its second around the trough lies under the lit bar, with no step in it
    const breath = (tMs: number) => Math.abs(1 - 2 * ((tMs % 8000) / 8000));
    const series = seriesFromSamples(
      Array.from({ length: 12 * FPS }, (_, i) => {
        const tMs = (i * 1000) / FPS;
        const l = 0.5 * breath(tMs);
        return { tMs, r: 0.1 * l, g: l, b: 0.2 * l, luma: l, clipped: false };
      }),
    );
    const { v } = computeLevels(series);
    for (let i = 0; i < v.length; i++) expect(Math.abs(v[i] - breath(series.tMs[i]))).toBeLessThan(0.1);
  });

  it('does not turn a steady light that wobbles over a lit floor into a blink', () => {
    // hard-350028's shape: a steady LED measured dim for 2 s, with rough noise, its floor 40 % of its top
    let x = 777;
    const noise = () => ((x = (x * 1103515245 + 12345) % 2147483648) / 2147483648) - 0.5;
    const series = yellowSeries(() => true, (tMs) => (tMs < 2000 ? 0.5 : 1) + 0.3 * noise());
    const { v } = computeLevels(series);
    let crossings = 0;
    for (let i = 1; i < v.length && series.tMs[i] < 2000; i++) if ((v[i] >= 0.55) !== (v[i - 1] >= 0.55)) crossings++;
    expect(crossings).toBe(0);
  });
});
