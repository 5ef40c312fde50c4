/**
 * Live classification: samples arrive one by one (camera frames); every so often the same batch
 * analysis (`classifySeries`) re-runs over a sliding window, and a diagnosis is emitted once its
 * state has been seen long enough (a breath after ~1.5 periods, an SOS after one full cycle).
 * One code path: the stream is the batch classifier over a moving window.
 */
import type { Catalog } from '../catalog/index.js';
import type { DeviceId } from '../catalog/types.js';
import type { LedSample, LedSeries } from '../signal/types.js';
import { classifySeries } from './index.js';
import type { Classification, ColorNamer, Diagnosis } from './types.js';

export interface StreamingOptions {
  device?: DeviceId;
  catalog?: Catalog;
  colorNamer?: ColorNamer;
  /** Length of history analysed (an SOS with code 15 and its second cycle needs ~30 s). */
  windowMs?: number;
  /** Minimum new clip time between two analyses. */
  reanalyseEveryMs?: number;
}

export interface StreamingMatcher {
  push(sample: LedSample): void;
  /** The diagnosis once the evidence suffices, else null. */
  current(): Diagnosis | null;
  /** The latest full analysis (timeline included), or null before the first. */
  latest(): Classification | null;
  reset(): void;
}

function toSeries(samples: readonly LedSample[]): LedSeries {
  const n = samples.length;
  const s: LedSeries = {
    tMs: new Float64Array(n),
    r: new Float32Array(n),
    g: new Float32Array(n),
    b: new Float32Array(n),
    luma: new Float32Array(n),
    clipped: new Uint8Array(n),
    fps: 0,
    frameIntervalJitterMs: 0,
  };
  const d: number[] = [];
  for (let i = 0; i < n; i++) {
    const x = samples[i];
    s.tMs[i] = x.tMs;
    s.r[i] = x.r;
    s.g[i] = x.g;
    s.b[i] = x.b;
    s.luma[i] = x.luma;
    s.clipped[i] = x.clipped ? 1 : 0;
    if (i > 0) d.push(x.tMs - samples[i - 1].tMs);
  }
  if (d.length > 0) {
    const sorted = [...d].sort((a, b) => a - b);
    const med = sorted[sorted.length >> 1];
    const mean = d.reduce((a, b) => a + b, 0) / d.length;
    s.fps = med > 0 ? 1000 / med : 0;
    s.frameIntervalJitterMs = Math.sqrt(d.reduce((a, b) => a + (b - mean) ** 2, 0) / d.length);
  }
  return s;
}

export function createStreamingMatcher(options: StreamingOptions = {}): StreamingMatcher {
  const windowMs = options.windowMs ?? 32000;
  const everyMs = options.reanalyseEveryMs ?? 250;
  let samples: LedSample[] = [];
  let lastAnalysedMs = -Infinity;
  let result: Classification | null = null;
  let emitted: Diagnosis | null = null;

  const analyse = (): void => {
    const series = toSeries(samples);
    result = classifySeries(series, { device: options.device, catalog: options.catalog, colorNamer: options.colorNamer });
    const d = result.diagnosis;
    const span = d.spanIndex >= 0 ? result.timeline[d.spanIndex] : undefined;
    // a fault stays reported once seen, even when it scrolls out of the window
    if (emitted && emitted.reason === 'fault' && d.reason !== 'fault') return;
    emitted = span && span.mode !== 'unknown' && span.evidence.sufficient ? d : emitted && d.mode === 'unknown' ? emitted : null;
  };

  return {
    push(sample) {
      samples.push(sample);
      const cutoff = sample.tMs - windowMs;
      if (samples[0].tMs < cutoff) {
        let k = 0;
        while (k < samples.length && samples[k].tMs < cutoff) k++;
        samples = samples.slice(k);
      }
      if (sample.tMs - lastAnalysedMs >= everyMs) {
        lastAnalysedMs = sample.tMs;
        analyse();
      }
    },
    current() {
      return emitted;
    },
    latest() {
      return result;
    },
    reset() {
      samples = [];
      lastAnalysedMs = -Infinity;
      result = null;
      emitted = null;
    },
  };
}
