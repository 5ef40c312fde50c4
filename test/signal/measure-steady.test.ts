import { describe, expect, it } from 'vitest';
import { createLedMeasurer, type LedReading } from '../../src/signal/measure.js';

/** A reading of an unclipped yellow LED at `level` over a fixed dark ring. */
function reading(level: number): LedReading {
  return { core: [0.02 + 0.6 * level, 0.02 + 0.58 * level, 0.02], ring: [0.02, 0.02, 0.02], halo: [0, 0, 0], haloPixels: 0, clippedFraction: 0, corePixels: 20 };
}

describe('measure: a steady LED that wobbles', () => {
  // the level wanders between 80 % and 100 % (shake over a small LED, noise): near the line between
  // "has a dark floor" and "never changes", where subtracting the floor all-or-nothing made the
  // level jump several-fold from one frame to the next
  const levels = Array.from({ length: 240 }, (_, i) => 0.9 + 0.1 * Math.sin(i / 7) * Math.cos(i / 23));

  it('keeps its reading continuous: no frame-to-frame jump beyond the light itself', () => {
    const m = createLedMeasurer();
    const g = levels.map((v, i) => m.fromReading(reading(v), i * 33).g);
    let worst = 0;
    for (let i = 21; i < g.length; i++) worst = Math.max(worst, Math.abs(g[i] - g[i - 1]) / Math.max(1e-6, Math.max(g[i], g[i - 1])));
    // the light itself moves < 5 % between frames
    expect(worst).toBeLessThan(0.2);
  });

  it('still takes a deep blink down to dark', () => {
    const m = createLedMeasurer();
    const out = Array.from({ length: 120 }, (_, i) => m.fromReading(reading(Math.floor(i / 6) % 2 === 0 ? 1 : 0.05), i * 33));
    const lit = out.filter((_, i) => i >= 60 && Math.floor(i / 6) % 2 === 0);
    const dark = out.filter((_, i) => i >= 60 && Math.floor(i / 6) % 2 === 1);
    expect(Math.max(...dark.map((s) => s.g))).toBeLessThan(0.02);
    expect(Math.min(...lit.map((s) => s.g))).toBeGreaterThan(0.4);
  });
});

describe('measure: a one-colour LED blinking over a bright package', () => {
  // green on a white package lit by the room: the package reads 0.5 in every channel, the lit LED
  // clips green only. The mean of the channels swings by a quarter, green by half: the floor (the
  // package) is the LED's OFF, and left half in place it kept the dark phases at two thirds of the
  // lit ones (a 25 fps blinking green read as a steady light)
  const packageOnly: LedReading = { core: [0.5, 0.5, 0.5], ring: [0.04, 0.04, 0.04], halo: [0, 0, 0], haloPixels: 0, clippedFraction: 0, corePixels: 30 };
  const lit: LedReading = { ...packageOnly, core: [0.5, 1, 0.5], clippedFraction: 0.3 };

  it('subtracts the package in full', () => {
    const m = createLedMeasurer();
    const out = Array.from({ length: 120 }, (_, i) => m.fromReading(Math.floor(i / 3) % 2 === 0 ? lit : packageOnly, i * 40));
    const on = out.filter((_, i) => i >= 60 && Math.floor(i / 3) % 2 === 0);
    const off = out.filter((_, i) => i >= 60 && Math.floor(i / 3) % 2 === 1);
    expect(Math.max(...off.map((s) => s.g))).toBeLessThan(0.1 * Math.min(...on.map((s) => s.g)));
  });
});
