import { describe, expect, it } from 'vitest';
import { catalogFor } from '../../src/catalog/index.js';
import { classifySeries, createStreamingMatcher } from '../../src/classify/index.js';
import { samplesFromSeries } from '../../src/signal/series.js';
import { CLEAN_SERIES_CAMERA, simulateSeries } from '../../src/synth/series.js';

function firstEmission(mode: 'connected' | 'sos', code?: number) {
  const scenario = { device: 'boron' as const, parts: [{ mode, code, durationMs: mode === 'sos' ? undefined : 9000 }] };
  const sim = simulateSeries(scenario, catalogFor('boron'), 31, CLEAN_SERIES_CAMERA);
  const m = createStreamingMatcher({ device: 'boron', reanalyseEveryMs: 500 });
  let at: number | null = null;
  let diagnosis = null;
  for (const s of samplesFromSeries(sim.series)) {
    m.push(s);
    const d = m.current();
    if (d && at === null) {
      at = s.tMs;
      diagnosis = d;
    }
  }
  return { at, diagnosis, final: m.current(), batch: classifySeries(sim.series, { device: 'boron' }).diagnosis };
}

describe('streaming matcher', () => {
  it('emits breathing cyan after about 1.5 periods, not before one', () => {
    const { at, diagnosis, final, batch } = firstEmission('connected');
    expect(at).not.toBeNull();
    expect(at!).toBeGreaterThan(4000);
    expect(at!).toBeLessThan(7500);
    expect(diagnosis?.mode).toBe('connected');
    expect(final?.mode).toBe(batch.mode);
  });

  it('emits an SOS with its code once one full cycle was seen', () => {
    const code = 4;
    const cycleMs = 4600 + 600 * code;
    const { at, diagnosis, final } = firstEmission('sos', code);
    expect(at).not.toBeNull();
    expect(at!).toBeGreaterThanOrEqual(cycleMs - 1000);
    expect(at!).toBeLessThan(2 * cycleMs);
    expect(diagnosis?.mode).toBe('sos');
    expect(diagnosis?.code).toBe(code);
    expect(final?.code).toBe(code);
  });
});
