import { describe, expect, it } from 'vitest';
import { catalogFor } from '../../src/catalog/index.js';
import { CLEAN_SERIES_CAMERA, randomSeriesCamera, simulateSeries } from '../../src/synth/series.js';

const catalog = catalogFor('argon');

describe('series-level camera simulator', () => {
  it('samples at the camera frame rate and follows the drive (blinking green, 100/100 ms)', () => {
    const { series, timeline } = simulateSeries({ device: 'argon', parts: [{ mode: 'connecting-network', durationMs: 3000 }] }, catalog, 1, CLEAN_SERIES_CAMERA);
    expect(series.fps).toBeCloseTo(30, 0);
    expect(series.frameIntervalJitterMs).toBeLessThan(0.5);
    expect(series.tMs.length).toBe(90);
    expect(timeline[0].mode).toBe('connecting-network');
    // a green LED: green dominates whenever it is lit, and it is dark about half the time
    let lit = 0;
    for (let i = 0; i < series.tMs.length; i++) {
      if (series.g[i] > 0.3) {
        lit++;
        expect(series.g[i]).toBeGreaterThan(3 * series.r[i]);
      }
    }
    expect(lit / series.tMs.length).toBeGreaterThan(0.3);
    expect(lit / series.tMs.length).toBeLessThan(0.75);
  });

  it('clips a bright LED and keeps its hue from the halo', () => {
    const { series } = simulateSeries({ device: 'argon', parts: [{ mode: 'solid', color: 'orange', durationMs: 1000 }] }, catalog, 2, { ...CLEAN_SERIES_CAMERA, ledPeak: 4 });
    const k = series.tMs.length >> 1;
    expect(series.clipped[k]).toBe(1);
    const ratio = series.g[k] / series.r[k];
    expect(ratio).toBeGreaterThan(0.25);
    expect(ratio).toBeLessThan(0.6);
  });

  it('VFR cameras jitter and drop frames', () => {
    const cam = { ...randomSeriesCamera(3, 'hard'), vfr: true, fps: 30 };
    const { series } = simulateSeries({ device: 'argon', parts: [{ mode: 'listening', durationMs: 6000 }] }, catalog, 3, cam);
    expect(series.frameIntervalJitterMs).toBeGreaterThan(1);
    let maxGap = 0;
    for (let i = 1; i < series.tMs.length; i++) maxGap = Math.max(maxGap, series.tMs[i] - series.tMs[i - 1]);
    expect(maxGap).toBeGreaterThan(50);
  });

  it('is reproducible from its seed', () => {
    const cam = randomSeriesCamera(4, 'hard');
    const a = simulateSeries({ device: 'argon', parts: [{ mode: 'dfu', durationMs: 2000 }] }, catalog, 4, cam).series;
    const b = simulateSeries({ device: 'argon', parts: [{ mode: 'dfu', durationMs: 2000 }] }, catalog, 4, cam).series;
    expect(Array.from(a.r)).toEqual(Array.from(b.r));
  });
});
