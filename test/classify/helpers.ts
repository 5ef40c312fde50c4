import { catalogFor, type Catalog } from '../../src/catalog/index.js';
import { classifySeries } from '../../src/classify/index.js';
import type { Classification, StateSpan } from '../../src/classify/types.js';
import type { Scenario } from '../../src/synth/scenario.js';
import { CLEAN_SERIES_CAMERA, simulateSeries, type SeriesCamera } from '../../src/synth/series.js';
import { expectedDiagnosis } from '../../src/synth/timeline.js';

/** Simulates a scenario through the series-level camera and classifies it. */
export function run(
  scenario: Scenario,
  seed: number,
  camera: Partial<SeriesCamera> = {},
  catalog: Catalog = catalogFor(scenario.device),
): { result: Classification; expected: ReturnType<typeof expectedDiagnosis> } {
  const sim = simulateSeries(scenario, catalog, seed, { ...CLEAN_SERIES_CAMERA, ...camera });
  const result = classifySeries(sim.series, { device: scenario.device, catalog });
  return { result, expected: expectedDiagnosis(sim.timeline, catalog) };
}

export function triple(d: { mode: string; code: number | null; color: string | null }): string {
  return `${d.mode}/${d.code}/${d.color}`;
}

/** A timeline span for the post-processing tests: sufficient, confidence 0.8 and empty evidence unless told. */
export function stateSpan(
  mode: string,
  startS: number,
  endS: number,
  over: { code?: number | null; color?: StateSpan['color']; sufficient?: boolean; confidence?: number; colors?: StateSpan['evidence']['colors']; onCount?: number } = {},
): StateSpan {
  return {
    mode: mode as StateSpan['mode'],
    code: over.code ?? null,
    color: over.color ?? null,
    startS,
    endS,
    confidence: over.confidence ?? 0.8,
    evidence: { periodMs: null, duty: null, rampFraction: 0, onCount: over.onCount ?? 0, colors: over.colors ?? [], frames: 0, fps: 30, variant: null, explained: 1, notes: [], sufficient: over.sufficient ?? true },
  };
}
