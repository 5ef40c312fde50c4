import { describe, expect, it } from 'vitest';
import { classifySeries } from '../../src/classify/index.js';
import { ruleColorNamer } from '../../src/classify/color-namer.js';
import type { LedSeries } from '../../src/signal/types.js';

/** A clean 30 fps series of a steady white light seen for `durationMs` after a second of dark. */
function darkThenSteady(durationMs: number): LedSeries {
  const n = Math.round(((1000 + durationMs) / 1000) * 30);
  const s: LedSeries = { tMs: new Float64Array(n), r: new Float32Array(n), g: new Float32Array(n), b: new Float32Array(n), luma: new Float32Array(n), clipped: new Uint8Array(n), fps: 30, frameIntervalJitterMs: 0 };
  for (let i = 0; i < n; i++) {
    const t = (i * 1000) / 30;
    const on = t >= 1000;
    s.tMs[i] = t;
    s.r[i] = s.g[i] = s.b[i] = on ? 0.5 : 0;
    s.luma[i] = on ? 1 : 0;
  }
  return s;
}

describe('confidence of a state not seen long enough', () => {
  it('stays below a proven state\'s for every span whose pattern was not seen in full', () => {
    // a white light that comes on and stays for 4 s: as well the start of a slow white breath
    // (network off, 6 s needed) as a steady light; whatever it is read as, unproven spans are doubted
    const { timeline, diagnosis } = classifySeries(darkThenSteady(4000), { device: 'boron', colorNamer: ruleColorNamer });
    const unproven = timeline.filter((s) => !s.evidence.sufficient);
    expect(unproven.length).toBeGreaterThan(0);
    for (const s of unproven) expect(s.confidence).toBeLessThanOrEqual(0.75);
    expect(diagnosis.confidence).toBeLessThan(0.8);
  });
});
