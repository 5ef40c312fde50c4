/**
 * Live classification: samples arrive one by one (camera frames); every so often the same batch
 * analysis (`classifySeries`) re-runs over a sliding window, and a diagnosis is emitted once its
 * state has been seen long enough (a breath after ~1.5 periods, an SOS after one full cycle).
 * One code path: the stream is the batch classifier over a moving window.
 */
import type { Catalog } from '../catalog/index.js';
import type { DeviceId } from '../catalog/types.js';
import { seriesFromSamples } from '../signal/series.js';
import type { LedSample } from '../signal/types.js';
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


/** History re-read by default: an SOS with code 15 and its second cycle needs ~30 s. */
export const DEFAULT_WINDOW_MS = 32000;

export function createStreamingMatcher(options: StreamingOptions = {}): StreamingMatcher {
  const windowMs = options.windowMs ?? DEFAULT_WINDOW_MS;
  const everyMs = options.reanalyseEveryMs ?? 250;
  let samples: LedSample[] = [];
  let lastAnalysedMs = -Infinity;
  let result: Classification | null = null;
  let emitted: Diagnosis | null = null;

  const analyse = (): void => {
    const series = seriesFromSamples(samples);
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
