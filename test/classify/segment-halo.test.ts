import { describe, expect, it } from 'vitest';
import { ruleColorNamer } from '../../src/classify/color-namer.js';
import { computeLevels, segmentSeries } from '../../src/classify/index.js';
import { clipHueShift } from '../../src/classify/segment.js';
import type { LedSeries } from '../../src/signal/types.js';

const FRAME_MS = 1000 / 60;
type Rgb = readonly [number, number, number];

/**
 * A 60 fps breath (linear triangle, 4 s period) whose core clips above 0.4 of its peak: unclipped
 * samples read `clear` at the breath's level, clipped ones read `halo` (the colour around the core).
 * A lit run begins above the clipping level and ends below it: only its falling flank reads clear.
 */
function clippedBreath(durationMs: number, clear: Rgb, halo: Rgb): LedSeries {
  const n = Math.round(durationMs / FRAME_MS);
  const tMs = Float64Array.from({ length: n }, (_, i) => i * FRAME_MS);
  const level = Float32Array.from(tMs, (t) => 1 - Math.abs(((t + 2000) % 4000) / 2000 - 1));
  const clipped = Uint8Array.from(level, (x) => (x > 0.4 ? 1 : 0));
  const channel = (c: number): Float32Array => Float32Array.from(level, (x, i) => (clipped[i] ? halo[c] : clear[c] * x));
  return { tMs, r: channel(0), g: channel(1), b: channel(2), luma: level, clipped, fps: 60, frameIntervalJitterMs: 0 };
}

function litColours(series: LedSeries): string[] {
  const levels = computeLevels(series);
  const first = segmentSeries(series, levels, { namer: ruleColorNamer });
  // as the classifier does: a second pass reads runs seen only clipped through the shift the first showed
  const elements = segmentSeries(series, levels, { namer: ruleColorNamer, clipHue: clipHueShift(first) });
  return elements.filter((e) => e.kind === 'on').map((e) => e.color?.name ?? '?');
}

describe('segment: a white LED whose clipped core reads its cool halo', () => {
  // hard-2650006: breathing white, grey on its flanks, (0.36, 0.58, 0.69) at its clipped top
  const WHITE: Rgb = [0.9, 0.92, 0.9];
  const COOL_HALO: Rgb = [0.36, 0.58, 0.69];

  it('reads every breath white, the last one too, which the clip ends while it is clipped', () => {
    // breaths peak at 0, 4 and 8 s; the clip ends at 7.5 s, the last breath climbing, clipped since it lit
    const colours = litColours(clippedBreath(7500, WHITE, COOL_HALO));
    expect(colours.length).toBeGreaterThanOrEqual(3);
    expect(colours.every((c) => c === 'white')).toBe(true);
  });

  it('keeps a cyan LED cyan: its flanks are cyan, not grey', () => {
    const colours = litColours(clippedBreath(7500, [0, 0.9, 1], [0.05, 0.75, 0.9]));
    expect(colours.every((c) => c === 'cyan')).toBe(true);
  });
});
