import { describe, expect, it } from 'vitest';
import { createLedMeasurer, hueDeg, hueDistanceDeg, readLed } from '../../src/signal/measure.js';
import { measureFrameTiming, samplesFromSeries, seriesFromSamples } from '../../src/signal/series.js';
import { makeScene, solid } from '../locate/scene.js';

describe('measure', () => {
  it('keeps the hue of an LED whose core clips to white', () => {
    const render = makeScene({
      width: 200,
      height: 200,
      silkscreen: false,
      leds: [{ x: 100, y: 100, sigma: 6, color: [1, 0.376, 0], intensity: 12, drive: solid }],
    });
    const frame = render(0, 0);
    const reading = readLed(frame, { cx: 100, cy: 100, radius: 10 });
    expect(reading.clippedFraction).toBeGreaterThan(0.5);
    // the core alone reads near white: its hue is lost or far off
    const coreHue = hueDeg(...reading.core);
    expect(coreHue === null || hueDistanceDeg(coreHue, 22.6) > 10 || Math.min(...reading.core) > 0.5).toBe(true);
    const s = createLedMeasurer().measure(frame, { cx: 100, cy: 100, radius: 10 });
    expect(s.clipped).toBe(true);
    expect(hueDistanceDeg(hueDeg(s.r, s.g, s.b)!, 22.6)).toBeLessThan(8);
  });

  it('reads an unclipped LED colour from the core', () => {
    const render = makeScene({
      width: 120,
      height: 120,
      silkscreen: false,
      leds: [{ x: 60, y: 60, sigma: 4, color: [0, 1, 1], intensity: 0.5, drive: solid }],
    });
    const s = createLedMeasurer().measure(render(0, 0), { cx: 60, cy: 60, radius: 5 });
    expect(s.clipped).toBe(false);
    expect(hueDistanceDeg(hueDeg(s.r, s.g, s.b)!, 180)).toBeLessThan(8);
  });

  it('divides out auto-exposure drift using the background ring', () => {
    // the camera's gain falls from 1 to 0.5 over the clip; the LED itself is constant
    const gain = (t: number) => 1 - t / 2000;
    const render = makeScene({
      width: 160,
      height: 160,
      silkscreen: false,
      board: 0.08,
      gain,
      leds: [{ x: 80, y: 80, sigma: 3, color: [0, 0.8, 0], intensity: 0.5, drive: solid }],
    });
    const m = createLedMeasurer();
    const raw: number[] = [];
    const luma: number[] = [];
    for (let i = 0; i <= 30; i++) {
      const f = render(i * 33, i);
      raw.push(readLed(f, { cx: 80, cy: 80, radius: 4 }).core[1]);
      luma.push(m.measure(f, { cx: 80, cy: 80, radius: 4 }).luma);
    }
    expect(raw[30] / raw[0]).toBeLessThan(0.6);
    expect(Math.min(...luma.slice(5))).toBeGreaterThan(0.85);
    expect(m.exposureGain).toBeLessThan(0.6);
  });

  it('does not take a blooming LED\'s own glow in the ring for a change of exposure', () => {
    // a bright blinking LED whose glow reaches the background ring (the room's exposure does not change)
    const m = createLedMeasurer();
    const reading = (on: boolean) => ({
      core: (on ? [1, 1, 0.9] : [0.3, 0.3, 0.3]) as [number, number, number],
      ring: (on ? [0.12, 0.12, 0.11] : [0.05, 0.05, 0.05]) as [number, number, number],
      halo: [0, 0, 0] as [number, number, number],
      haloPixels: 0,
      clippedFraction: on ? 0.8 : 0,
      corePixels: 300,
    });
    const gainsWhileLit: number[] = [];
    const on: number[] = [];
    const off: number[] = [];
    for (let i = 0; i < 120; i++) {
      const lit = Math.floor(i / 6) % 2 === 1;
      const s = m.fromReading(reading(lit), i * 33);
      if (i < 24) continue;
      (lit ? on : off).push(s.luma);
      if (lit) gainsWhileLit.push(m.exposureGain);
    }
    // the exposure estimate holds through the lit stretches instead of jumping ×2.4 with the glow
    expect(Math.max(...gainsWhileLit)).toBeLessThan(1.2);
    expect(Math.min(...on)).toBeGreaterThan(0.8);
    expect(Math.max(...off)).toBeLessThan(0.2);
  });

  it('reports luma 0 when the LED is off and ~1 when on, with the OFF level removed', () => {
    const render = makeScene({
      width: 120,
      height: 120,
      silkscreen: false,
      leds: [
        { x: 60, y: 60, sigma: 3, color: [0, 0, 1], intensity: 0.8, drive: (t) => (t % 400 < 200 ? 1 : 0) },
        // the LED package stays faintly lit when off (a lighter plastic than the board)
        { x: 60, y: 60, sigma: 3, color: [1, 1, 1], intensity: 0.03, drive: solid },
      ],
    });
    const m = createLedMeasurer();
    const samples = [];
    for (let i = 0; i < 60; i++) samples.push(m.measure(render(i * 33.3, i), { cx: 60, cy: 60, radius: 4 }));
    const late = samples.slice(12);
    const on = late.filter((s) => s.tMs % 400 < 200);
    const off = late.filter((s) => s.tMs % 400 >= 200);
    expect(Math.min(...on.map((s) => s.luma))).toBeGreaterThan(0.8);
    expect(Math.max(...off.map((s) => s.luma))).toBeLessThan(0.08);
  });
});

describe('series', () => {
  it('measures fps from the median interval and the jitter of a VFR clip', () => {
    const t = [0, 33, 67, 100, 133, 167, 200, 250, 283, 317];
    const timing = measureFrameTiming(t);
    expect(timing.fps).toBeCloseTo(1000 / 33.5, 0);
    expect(timing.frameIntervalJitterMs).toBeGreaterThan(3);
    const samples = t.map((tMs, i) => ({ tMs, r: i / 10, g: 0, b: 0.5, luma: i / 10, clipped: i % 2 === 0 }));
    const series = seriesFromSamples(samples);
    expect(series.tMs.length).toBe(10);
    expect(series.clipped[2]).toBe(1);
    expect(samplesFromSeries(series)[3].r).toBeCloseTo(0.3, 5);
    expect(measureFrameTiming([0, 40, 80, 120]).frameIntervalJitterMs).toBe(0);
  });
});
