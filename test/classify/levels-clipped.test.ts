import { describe, expect, it } from 'vitest';
import { classifySeries } from '../../src/classify/index.js';
import { seriesFromSamples } from '../../src/signal/series.js';
import type { LedSeries } from '../../src/signal/types.js';

const FPS = 60;

/** A white or cyan series: `levelAt(tMs)` is how bright it measures, `clippedAt(tMs)` whether its core clipped. */
function series(durationS: number, rgb: [number, number, number], levelAt: (tMs: number) => number, clippedAt: (tMs: number) => boolean): LedSeries {
  return seriesFromSamples(
    Array.from({ length: durationS * FPS }, (_, i) => {
      const tMs = (i * 1000) / FPS;
      const l = levelAt(tMs);
      return { tMs, r: rgb[0] * l, g: rgb[1] * l, b: rgb[2] * l, luma: l, clipped: clippedAt(tMs) };
    }),
  );
}

describe('levels: an LED whose core clipped in nearly every sample', () => {
  // hard-2950023's shape: a steady white LED in a dim room, clipped throughout, measures half as bright
  // once the exposure settles lower a second in; its core never stopped saturating the sensor
  it('never went dark, however far its measured level fell', () => {
    const s = series(6, [1, 1, 1], (tMs) => (tMs < 1000 ? 0.85 : 0.45), () => true);
    const result = classifySeries(s, { device: 'boron' });
    expect(result.timeline.map((x) => x.mode)).not.toContain('off');
    expect(result.diagnosis.mode).toBe('solid');
    expect(result.diagnosis.color).toBe('white');
  });

  // other-2680029's shape: a Tracker's steady green, clipped throughout, measures at a third of its
  // level for the first 1.5 s (the exposure settling); those clipped samples were lit too
  it('reads its clipped samples as lit, even those that measured dim', () => {
    const s = series(6, [0.1, 1, 0.1], (tMs) => (tMs < 1500 ? 0.12 : 0.4), () => true);
    const result = classifySeries(s, { device: 'tracker-som' });
    expect(result.timeline.map((x) => x.mode)).toEqual(['tracker-connected']);
    expect(result.timeline[0].startS).toBeLessThan(0.1);
    expect(result.diagnosis.color).toBe('green');
  });

  // a bright breathing LED clips in all but the darkest instants of its breath: it still breathes, down
  // to a trough that measures above zero (its package lit by the room)
  it('leaves a breath that clips all but its darkest instants a breath', () => {
    const breath = (tMs: number) => Math.abs(1 - 2 * ((tMs % 4000) / 4000));
    const s = series(12, [0.1, 1, 1], (tMs) => 0.25 + 0.25 * Math.sqrt(breath(tMs)), (tMs) => breath(tMs) > 0.05);
    let clipped = 0;
    for (let i = 0; i < s.clipped.length; i++) if (s.clipped[i]) clipped++;
    expect(clipped / s.clipped.length).toBeGreaterThanOrEqual(0.9);
    const result = classifySeries(s, { device: 'boron' });
    expect(result.diagnosis.mode).toBe('connected');
  });
});
