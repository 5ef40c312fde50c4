/**
 * Samples → `LedSeries`: typed arrays plus the frame rate measured from timestamps (phone clips are
 * variable frame rate; the container's nominal rate is not trusted). Pure and isomorphic.
 */
import type { LedSample, LedSeries } from './types.js';

function median(sorted: Float64Array): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  return n % 2 ? sorted[(n - 1) >> 1] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
}

/** Intervals between consecutive timestamps, sorted. */
function sortedIntervals(tMs: ArrayLike<number>): Float64Array {
  const n = Math.max(0, tMs.length - 1);
  const d = new Float64Array(n);
  for (let i = 0; i < n; i++) d[i] = tMs[i + 1] - tMs[i];
  return d.sort();
}

/**
 * Frame rate from the median interval, and the jitter as the standard deviation of intervals
 * (a VFR phone clip shows several ms; a constant-rate encode shows ~0).
 */
export function measureFrameTiming(tMs: ArrayLike<number>): { fps: number; frameIntervalJitterMs: number } {
  const d = sortedIntervals(tMs);
  if (d.length === 0) return { fps: 0, frameIntervalJitterMs: 0 };
  const med = median(d);
  let mean = 0;
  for (const v of d) mean += v;
  mean /= d.length;
  let varSum = 0;
  for (const v of d) varSum += (v - mean) * (v - mean);
  return {
    fps: med > 0 ? 1000 / med : 0,
    frameIntervalJitterMs: Math.sqrt(varSum / d.length),
  };
}

/** A zeroed series for `n` frames (timestamps filled in by the caller, then `measureFrameTiming`). */
export function allocateSeries(n: number): LedSeries {
  return {
    tMs: new Float64Array(n),
    r: new Float32Array(n),
    g: new Float32Array(n),
    b: new Float32Array(n),
    luma: new Float32Array(n),
    clipped: new Uint8Array(n),
    fps: 0,
    frameIntervalJitterMs: 0,
  };
}

export function seriesFromSamples(samples: readonly LedSample[]): LedSeries {
  const series = allocateSeries(samples.length);
  for (let i = 0; i < samples.length; i++) {
    const s = samples[i];
    series.tMs[i] = s.tMs;
    series.r[i] = s.r;
    series.g[i] = s.g;
    series.b[i] = s.b;
    series.luma[i] = s.luma;
    series.clipped[i] = s.clipped ? 1 : 0;
  }
  const timing = measureFrameTiming(series.tMs);
  series.fps = timing.fps;
  series.frameIntervalJitterMs = timing.frameIntervalJitterMs;
  return series;
}

/** The series back as plain samples (CSV/JSON output, tests). */
export function samplesFromSeries(series: LedSeries): LedSample[] {
  const out: LedSample[] = [];
  for (let i = 0; i < series.tMs.length; i++) {
    out.push({
      tMs: series.tMs[i],
      r: series.r[i],
      g: series.g[i],
      b: series.b[i],
      luma: series.luma[i],
      clipped: series.clipped[i] === 1,
    });
  }
  return out;
}

/** Share of samples [i0, i1) whose LED core clipped (0 for an empty range). */
export function clippedShare(series: LedSeries, i0: number, i1: number): number {
  let k = 0;
  for (let i = i0; i < i1; i++) k += series.clipped[i];
  return i1 > i0 ? k / (i1 - i0) : 0;
}
