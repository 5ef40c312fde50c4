import { describe, expect, it } from 'vitest';
import { hueSaturation } from '../../src/catalog/colors.js';
import { createLedMeasurer, type LedReading } from '../../src/signal/measure.js';

/**
 * A big red LED over a white package (the dev fixture sos-13's readings, rounded): ON, the core
 * clips and its glow brightens the ring; OFF, auto exposure opens up and the white package fills
 * the core and the halo, so the halo holds MORE light while the LED is dark.
 */
function reading(on: boolean): LedReading {
  return on
    ? { core: [1, 0.63, 0.6], ring: [0.045, 0.036, 0.035], halo: [300, 240, 240], haloPixels: 2000, clippedFraction: 0.74, corePixels: 400 }
    : { core: [0.59, 0.59, 0.58], ring: [0.031, 0.031, 0.031], halo: [285, 280, 275], haloPixels: 1450, clippedFraction: 0, corePixels: 400 };
}

describe('measure: a halo that dims as the LED lights', () => {
  it('reads a blink over a white package the right way up', () => {
    const m = createLedMeasurer();
    // a blink with a 300 ms ON and a 300 ms OFF, after 2 s of it to learn the floor and peak
    const out = Array.from({ length: 240 }, (_, i) => ({ on: Math.floor(i / 9) % 2 === 0, s: m.fromReading(reading(Math.floor(i / 9) % 2 === 0), i * 33) }));
    const late = out.slice(120);
    const on = late.filter((x) => x.on).map((x) => x.s.luma);
    const off = late.filter((x) => !x.on).map((x) => x.s.luma);
    expect(Math.min(...on)).toBeGreaterThan(0.6);
    expect(Math.max(...off)).toBeLessThan(0.25);
  });
});

describe('measure: a blue LED over a white package', () => {
  // the core's blue clips and its red and green hold the package's light; the halo holds the
  // package's white as well as the LED's blue glow. Read over its OFF look, the halo is the glow alone
  // (as blue as the core); read raw, it is the same hue but pale (the package's white in it)
  const off: LedReading = { core: [0.5, 0.5, 0.5], ring: [0.04, 0.04, 0.04], halo: [100, 100, 100], haloPixels: 200, clippedFraction: 0, corePixels: 40 };
  const on: LedReading = { ...off, core: [0.55, 0.55, 1], halo: [110, 110, 300], clippedFraction: 1 };

  it('reads its colour from the halo over the package (blue, not a pale blue)', () => {
    const m = createLedMeasurer();
    const out = Array.from({ length: 120 }, (_, i) => m.fromReading(Math.floor(i / 6) % 2 === 0 ? on : off, i * 33));
    const lit = out.filter((_, i) => i >= 60 && Math.floor(i / 6) % 2 === 0);
    for (const s of lit) expect(hueSaturation(s.r, s.g, s.b).saturation).toBeGreaterThan(0.85);
  });
});
