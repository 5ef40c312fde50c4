import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hueSaturation } from '../../src/catalog/colors.js';
import { classifySeries } from '../../src/classify/index.js';
import { createLedMeasurer, type LedReading } from '../../src/signal/measure.js';
import { seriesFromSamples } from '../../src/signal/series.js';
import type { LedSample } from '../../src/signal/types.js';

/**
 * A clip's stored readings measured as extraction does: the first seconds once to learn the floor
 * and peak (`prime`), then for real.
 */
function measureStored(name: string): LedSample[] {
  const { prime, readings } = JSON.parse(readFileSync(new URL(`./data/${name}`, import.meta.url), 'utf8')) as {
    prime: LedReading[];
    readings: Array<LedReading & { tMs: number }>;
  };
  const m = createLedMeasurer();
  m.prime(prime);
  return readings.map(({ tMs, ...r }) => m.fromReading(r, tMs));
}

describe('measure: a halo that shows the package, not the glow', () => {
  it('reads a clipped orange hold from its core when its halo lies across the hue circle', () => {
    // A small LED on a reddish board under a blue-leaning camera (the wide camera look, seed 980015):
    // the white package beside it stands above the ring in the camera's blue even while the LED is
    // dark, and the dim orange hold after the handshake's cyan, whose core just clips, adds a glow of
    // about the same size to the halo: the halo reads blue (hue ~215°), the core orange.
    const samples = measureStored('halo-elsewhere-readings.json');
    // the orange hold: 2.0 to 2.22 s, its core clipped
    const hold = samples.filter((s) => s.tMs >= 2000 && s.tMs <= 2210 && s.clipped);
    expect(hold.length).toBeGreaterThanOrEqual(8);
    for (const s of hold) {
      const { hueDeg, saturation } = hueSaturation(s.r, s.g, s.b);
      expect(hueDeg).toBeGreaterThan(10);
      expect(hueDeg).toBeLessThan(42);
      expect(saturation).toBeGreaterThan(0.4);
    }
  });
});

describe('measure: a halo read over its own OFF look', () => {
  it('keeps the power-issue loop’s clipped white flash pale enough to be its white', () => {
    // the other camera over a white package on a brown board: the halo stands blue above the ring
    // even while the LED is dark, and the white flash's clipped core took its hue from a halo that
    // held that blue on top of its own (saturation 0.62), so the loop read as blinking green
    const series = seriesFromSamples(measureStored('white-flash-readings.json'));
    const d = classifySeries(series, { device: 'boron' }).diagnosis;
    expect(d.mode).toBe('power-issue');
  });
});
