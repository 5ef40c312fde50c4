/**
 * A series-level camera: what `extractSeries` would measure from a clip of this scenario, without
 * drawing pixels. For fast development and unit tests of the classifier. It samples frame times
 * (CFR or VFR with drops, via camera.ts), integrates the catalog-driven LED drive over each exposure,
 * mixes the dies (crosstalk), applies white-balance tint, auto-exposure drift and per-channel
 * clipping (a clipped core is measured from its halo: hue kept, flagged clipped), and adds noise.
 * Pure and isomorphic.
 */
import type { Catalog } from '../catalog/index.js';
import type { LedSeries } from '../signal/types.js';
import { allocateSeries, measureFrameTiming } from '../signal/series.js';
import { frameTimesMs } from './camera.js';
import { integrateDrive, type Drive, type Rgb } from './drive.js';
import { Prng } from './prng.js';
import type { LabelState, Scenario } from './scenario.js';
import { driveForScenario } from './timeline.js';

export interface SeriesCamera {
  fps: number;
  vfr: boolean;
  /** Exposure as a fraction of the frame interval (0..1). */
  exposureFraction: number;
  /** LED value at full drive (1 = just at the sensor's full scale; > 1 clips). */
  ledPeak: number;
  /** White-balance multipliers. */
  tint: readonly [number, number, number];
  /** Fraction of each die's light seen by the other channels. */
  crosstalk: number;
  /** Noise sigma (fraction of full scale) added to each channel. */
  noise: number;
  /** Slow exposure wander: relative amplitude and period. */
  aeDrift: number;
  aeDriftPeriodMs: number;
  /** Ambient light on the package when the LED is off (before subtraction), per channel. */
  ambient: number;
}

export const CLEAN_SERIES_CAMERA: SeriesCamera = {
  fps: 30,
  vfr: false,
  exposureFraction: 0.5,
  ledPeak: 0.8,
  tint: [1, 1, 1],
  crosstalk: 0.03,
  noise: 0.01,
  aeDrift: 0,
  aeDriftPeriodMs: 7000,
  ambient: 0.02,
};

/** A random camera: `clean` stays near the defaults, `hard` spans what phones do to a small LED. */
export function randomSeriesCamera(seed: number, level: 'clean' | 'hard'): SeriesCamera {
  const rng = new Prng(seed).fork('series-camera');
  if (level === 'clean') {
    return {
      ...CLEAN_SERIES_CAMERA,
      fps: rng.pick([30, 30, 60]),
      exposureFraction: rng.uniform(0.3, 0.7),
      ledPeak: rng.uniform(0.5, 1.2),
      tint: [rng.uniform(0.95, 1.05), 1, rng.uniform(0.95, 1.05)],
      noise: rng.uniform(0.005, 0.015),
    };
  }
  return {
    fps: rng.pick([24, 25, 30, 60]),
    vfr: rng.chance(0.5),
    exposureFraction: rng.uniform(0.2, 1),
    ledPeak: rng.chance(0.4) ? rng.uniform(2, 6) : rng.uniform(0.25, 1.5),
    tint: [rng.uniform(0.85, 1.15), 1, rng.uniform(0.8, 1.2)],
    crosstalk: rng.uniform(0.02, 0.1),
    noise: rng.uniform(0.01, 0.05),
    aeDrift: rng.uniform(0, 0.12),
    aeDriftPeriodMs: rng.uniform(3000, 12000),
    ambient: rng.uniform(0, 0.1),
  };
}

export interface SimulatedSeries {
  series: LedSeries;
  timeline: LabelState[];
  durationMs: number;
}

/** Series a camera would measure from a drive. */
export function seriesFromDrive(drive: Drive, durationMs: number, camera: SeriesCamera, seed: number): LedSeries {
  const rng = new Prng(seed).fork('series');
  const times = frameTimesMs(durationMs, camera.fps, camera.vfr, rng.fork('times'));
  const n = times.length;
  const out = allocateSeries(n);
  out.tMs.set(times);
  const exposureMs = (1000 / camera.fps) * camera.exposureFraction;
  const noise = rng.fork('noise');
  const acc: Rgb = { r: 0, g: 0, b: 0 };
  const drivePeak = Math.max(1e-6, maxDrive(drive));
  const x = camera.crosstalk;
  let maxLuma = 0;
  const phase = rng.uniform(0, 2 * Math.PI);
  for (let i = 0; i < n; i++) {
    const t = times[i];
    integrateDrive(drive, t, t + exposureMs, acc);
    const gain = (camera.ledPeak / drivePeak) * (1 + camera.aeDrift * Math.sin((2 * Math.PI * t) / camera.aeDriftPeriodMs + phase));
    // dies leak into neighbouring channels; the tint scales what the sensor reports
    const lin: [number, number, number] = [
      (acc.r * (1 - 2 * x) + (acc.g + acc.b) * x) * gain * camera.tint[0],
      (acc.g * (1 - 2 * x) + (acc.r + acc.b) * x) * gain * camera.tint[1],
      (acc.b * (1 - 2 * x) + (acc.r + acc.g) * x) * gain * camera.tint[2],
    ];
    const amb = camera.ambient;
    const core = lin.map((v) => Math.min(1, v + amb + noise.normal() * camera.noise) - amb);
    const clipped = lin.some((v) => v + amb >= 1);
    let rgb = core;
    if (clipped) {
      // the halo keeps the hue: normalise the unclipped light, scaled to the clipped core's level
      const m = Math.max(lin[0], lin[1], lin[2]);
      const halo = lin.map((v) => v / m + noise.normal() * camera.noise);
      const cm = Math.max(core[0], core[1], core[2]);
      const hm = Math.max(halo[0], halo[1], halo[2]);
      rgb = halo.map((v) => (v / hm) * cm);
    }
    out.r[i] = Math.max(0, rgb[0]);
    out.g[i] = Math.max(0, rgb[1]);
    out.b[i] = Math.max(0, rgb[2]);
    out.clipped[i] = clipped ? 1 : 0;
    const luma = 0.2126 * out.r[i] + 0.7152 * out.g[i] + 0.0722 * out.b[i];
    maxLuma = Math.max(maxLuma, luma);
    out.luma[i] = maxLuma > 0 ? luma / maxLuma : 0;
  }
  Object.assign(out, measureFrameTiming(out.tMs));
  return out;
}

function maxDrive(drive: Drive): number {
  let m = 0;
  for (let i = 0; i < drive.r.length; i++) m = Math.max(m, drive.r[i], drive.g[i], drive.b[i]);
  return m;
}

/** Scenario → measured series and its ground truth. */
export function simulateSeries(scenario: Scenario, catalog: Catalog, seed: number, camera: SeriesCamera = CLEAN_SERIES_CAMERA): SimulatedSeries {
  const sd = driveForScenario(scenario, catalog, seed);
  return { series: seriesFromDrive(sd.drive, sd.durationMs, camera, seed), timeline: sd.timeline, durationMs: sd.durationMs };
}
