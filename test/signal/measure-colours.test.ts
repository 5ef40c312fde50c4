import { describe, expect, it } from 'vitest';
import { hueDeg } from '../../src/signal/measure.js';
import { createLedMeasurer, type LedReading } from '../../src/signal/measure.js';

type Rgb = [number, number, number];

/** A reading of a big LED over a lit package: the core is the package plus the LED's light; the ring the board (plus glow). */
function reading(core: Rgb, ring: Rgb, clippedFraction = 0): LedReading {
  return { core, ring, halo: [0, 0, 0], haloPixels: 0, clippedFraction, corePixels: 300 };
}

describe('measure: colours of an LED that is never dark, or dark between one-colour blinks', () => {
  it('keeps every colour of a rainbow: the dimmest colour is not taken for the OFF floor', () => {
    // violet, indigo, blue, green, yellow, orange, red, 100 ms each (firmware order), each over the
    // same lit package; green, one channel, has the lowest mean level of the bright steps
    const steps: Rgb[] = [
      [0.85, 0.5, 0.85],
      [0.42, 0.35, 0.6],
      [0.35, 0.35, 0.95],
      [0.35, 0.8, 0.35],
      [0.85, 0.85, 0.4],
      [0.9, 0.6, 0.35],
      [0.9, 0.35, 0.35],
    ];
    const m = createLedMeasurer();
    const hues: Array<number | null> = [];
    const lumas: number[] = [];
    for (let i = 0; i < 210; i++) {
      const s = m.fromReading(reading(steps[Math.floor(i / 3) % 7], [0.05, 0.05, 0.05], 0.3), i * 33);
      if (i >= 105 && i % 3 === 1) {
        hues.push(hueDeg(s.r, s.g, s.b));
        lumas.push(s.luma);
      }
    }
    // green (hue ~120) and red (~0) are read as colours, not as dark or grey
    const green = hues.filter((h, k) => k % 7 === 3);
    const red = hues.filter((h, k) => k % 7 === 6);
    for (const h of green) expect(h === null ? 999 : Math.abs(h - 120)).toBeLessThan(25);
    for (const h of red) expect(h === null ? 999 : Math.min(h, 360 - h)).toBeLessThan(25);
    // never dark: every step stays well lit
    expect(Math.min(...lumas)).toBeGreaterThan(0.4);
  });

  it('does not take a green blink\'s glow in the ring for exposure when white flashes set the scale', () => {
    // a power-issue loop: 0.5 s of white, then green blinks 250/250; the green light also brightens
    // the ring's green channel (glow), the room's exposure does not change
    const m = createLedMeasurer();
    const white = reading([1.4, 1.4, 1.3], [0.08, 0.08, 0.08], 0.8);
    const green = reading([0.45, 1.3, 0.4], [0.05, 0.13, 0.05], 0.7);
    const dark = reading([0.45, 0.42, 0.38], [0.05, 0.05, 0.05]);
    const greens: number[] = [];
    const darks: number[] = [];
    for (let i = 0; i < 300; i++) {
      const inLoop = i % 75; // 2.5 s loop: 15 frames of white, then 4 green blinks of 8 + 7 frames
      const lit = inLoop < 15 ? 'white' : (inLoop - 15) % 15 < 8 ? 'green' : 'dark';
      const s = m.fromReading(lit === 'white' ? white : lit === 'green' ? green : dark, i * 33);
      if (i < 75) continue;
      if (lit === 'green') greens.push(s.g);
      if (lit === 'dark') darks.push(s.g);
    }
    // each green frame reads clearly greener than every dark frame
    expect(Math.min(...greens)).toBeGreaterThan(3 * Math.max(...darks) + 0.1);
  });
});
