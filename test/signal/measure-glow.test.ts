import { describe, expect, it } from 'vitest';
import { createLedMeasurer, type LedReading } from '../../src/signal/measure.js';

const FRAME_MS = 1000 / 30;
const PERIOD_MS = 4000;

/** Breathing drive, a linear triangle from the top (1) down to zero and back. */
function drive(tMs: number): number {
  const phase = (tMs % PERIOD_MS) / PERIOD_MS;
  return Math.abs(1 - 2 * phase);
}

/**
 * A big breathing cyan LED whose glow reaches the ring (the tuning clip 610030's readings, rounded):
 * from the bottom of a breath to its top the core goes 0.32 → 0.72 and the ring 0.019 → 0.039 at a
 * steady exposure — the board far from the LED stays at 0.02 throughout.
 */
function reading(d: number, far: boolean): LedReading {
  const core = 0.32 + 0.4 * d;
  const ring = 0.019 + 0.02 * d;
  return {
    core: [core * 0.55, core * 1.15, core * 1.3],
    ring: [ring, ring, ring],
    halo: [0.4 * (0.39 + 0.6 * d) * 100, (0.39 + 0.6 * d) * 100, (0.39 + 0.6 * d) * 110],
    haloPixels: 400,
    clippedFraction: d > 0.5 ? 0.8 : 0,
    corePixels: 300,
    ...(far ? { far: 0.02 } : {}),
  };
}

/** Lowest and highest colour level of each breath after the first. */
function laterBreaths(far: boolean): Array<{ low: number; high: number }> {
  const m = createLedMeasurer();
  const breaths: Array<{ low: number; high: number }> = [];
  for (let i = 0; i < 3 * PERIOD_MS / FRAME_MS; i++) {
    const tMs = i * FRAME_MS;
    const s = m.fromReading(reading(drive(tMs), far), tMs);
    const level = Math.max(s.r, s.g, s.b);
    const k = Math.floor(tMs / PERIOD_MS);
    const b = (breaths[k] ??= { low: Infinity, high: 0 });
    b.low = Math.min(b.low, level);
    b.high = Math.max(b.high, level);
  }
  return breaths.slice(1);
}

describe('measure: a big LED whose glow reaches the exposure ring', () => {
  it('still breathes when the view far from the LED holds still', () => {
    // read off the ring, the exposure followed the glow and flattened the breath into a steady light
    const later = laterBreaths(true);
    expect(later.length).toBe(2);
    for (const b of later) expect(b.high - b.low).toBeGreaterThan(0.6 * b.high);
  });
});
