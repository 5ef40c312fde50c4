import { catalogFor, type Catalog } from '../../src/catalog/index.js';
import { classifySeries } from '../../src/classify/index.js';
import type { Classification } from '../../src/classify/types.js';
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
