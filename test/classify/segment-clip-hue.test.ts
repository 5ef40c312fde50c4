import { describe, expect, it } from 'vitest';
import { ruleColorNamer } from '../../src/classify/color-namer.js';
import { computeLevels } from '../../src/classify/levels.js';
import { clipHueShift, segmentSeries } from '../../src/classify/segment.js';
import { allocateSeries, measureFrameTiming, seriesFromSamples } from '../../src/signal/series.js';
import type { LedSeries } from '../../src/signal/types.js';

const FPS = 30;

/**
 * A lit run between two dark seconds whose samples above `clipAt` of its peak clipped and were read
 * in `clippedRgb`, the rest in `clearRgb` (chromaticities; scaled by the level). The run rises and
 * falls linearly over `onMs`, as a breath's lit half does.
 */
function litRun(onMs: number, clearRgb: [number, number, number], clippedRgb: [number, number, number], clipAt = 0.7): LedSeries {
  const darkMs = 1000;
  const n = Math.round(((2 * darkMs + onMs) / 1000) * FPS);
  const s = allocateSeries(n);
  for (let i = 0; i < n; i++) {
    const t = (i * 1000) / FPS;
    s.tMs[i] = t;
    const x = (t - darkMs) / onMs;
    const level = x <= 0 || x >= 1 ? 0 : 0.5 * (1 - Math.abs(2 * x - 1)) + 0.5;
    const clipped = level >= clipAt;
    const rgb = clipped ? clippedRgb : clearRgb;
    s.r[i] = level * rgb[0];
    s.g[i] = level * rgb[1];
    s.b[i] = level * rgb[2];
    s.luma[i] = level;
    s.clipped[i] = clipped ? 1 : 0;
  }
  const timing = measureFrameTiming(s.tMs);
  s.fps = timing.fps;
  s.frameIntervalJitterMs = timing.frameIntervalJitterMs;
  return s;
}

function litRuns(series: LedSeries) {
  const levels = computeLevels(series);
  return segmentSeries(series, levels, { namer: ruleColorNamer }).filter((e) => e.kind === 'on');
}

describe('segmentation: a hue that clipping moved', () => {
  it('keeps a magenta run whose clipped top reads blue as one magenta run', () => {
    // a tinted camera's halo turned the clipped top of a magenta breath blue (hues 60° apart)
    const on = litRuns(litRun(2000, [0.85, 0.12, 1], [0.31, 0.12, 1]));
    expect(on).toHaveLength(1);
    expect(on[0].color?.name).toBe('magenta');
  });

  it('still splits a run whose colour changes to a far hue where it clips', () => {
    // cyan flanks, an orange top: no camera turns one into the other, two colours were shown
    const on = litRuns(litRun(2000, [0, 0.9, 1], [1, 0.38, 0]));
    expect(on.length).toBeGreaterThan(1);
    expect(new Set(on.map((e) => e.color?.name))).toEqual(new Set(['cyan', 'orange']));
  });

  it('names a run that never clips by its brightest samples, as before', () => {
    const on = litRuns(litRun(2000, [0.31, 0.12, 1], [0.31, 0.12, 1], 2));
    expect(on).toHaveLength(1);
    expect(on[0].color?.name).toBe('blue');
  });
});

describe('segmentation: a run seen clipped only, read back through the clip\'s own hue shift', () => {
  /** The magenta run of litRun, then 0.8 s dark, then the LED lit and clipped (blue) to the end. */
  function breathThenClippedTail(): LedSeries {
    const head = litRun(2000, [0.85, 0.12, 1], [0.31, 0.12, 1]);
    const extra = Math.round(2.3 * FPS);
    const n = head.tMs.length + extra;
    const s = allocateSeries(n);
    for (let i = 0; i < n; i++) {
      s.tMs[i] = (i * 1000) / FPS;
      if (i < head.tMs.length) {
        s.r[i] = head.r[i];
        s.g[i] = head.g[i];
        s.b[i] = head.b[i];
        s.luma[i] = head.luma[i];
        s.clipped[i] = head.clipped[i];
      } else if (i >= head.tMs.length + Math.round(0.8 * FPS)) {
        s.r[i] = 0.31;
        s.g[i] = 0.12;
        s.b[i] = 1;
        s.luma[i] = 1;
        s.clipped[i] = 1;
      }
    }
    const timing = measureFrameTiming(s.tMs);
    s.fps = timing.fps;
    s.frameIntervalJitterMs = timing.frameIntervalJitterMs;
    return s;
  }

  it('reads the clipped tail blue alone, magenta once the breath showed how clipping moves the hue', () => {
    const series = breathThenClippedTail();
    const levels = computeLevels(series);
    const first = segmentSeries(series, levels, { namer: ruleColorNamer });
    const tail = (els: typeof first) => els.filter((e) => e.kind === 'on').at(-1);
    expect(tail(first)?.color?.name).toBe('blue');
    const shift = clipHueShift(first);
    expect(shift).not.toBeNull();
    const second = segmentSeries(series, levels, { namer: ruleColorNamer, clipHue: shift });
    expect(tail(second)?.color?.name).toBe('magenta');
  });

  it('learns no shift from runs whose clipped and unclipped hues agree', () => {
    const series = litRun(2000, [0.85, 0.12, 1], [0.85, 0.12, 1]);
    expect(clipHueShift(segmentSeries(series, computeLevels(series), { namer: ruleColorNamer }))).toBeNull();
  });

  it('keeps blinks whose own unclipped edge frames read their clipped hue', () => {
    // a green blink ran into clipped fast cyan: that run "shows" green clear and cyan clipped, and
    // every clipped cyan blink after it was read back as green (a handshake error's cyan as green)
    const head = litRun(2000, [0.1, 1, 0.35], [0, 0.95, 1]);
    const blink: Array<[number, boolean]> = [[0.7, false], [1, true], [1, true], [0, false], [0, false], [0, false]];
    const s = seriesFromSamples(
      Array.from({ length: head.tMs.length + 8 * blink.length }, (_, i) => {
        const tMs = (i * 1000) / FPS;
        if (i < head.tMs.length) return { tMs, r: head.r[i], g: head.g[i], b: head.b[i], luma: head.luma[i], clipped: head.clipped[i] === 1 };
        const [level, clipped] = blink[(i - head.tMs.length) % blink.length];
        return { tMs, r: 0, g: 0.95 * level, b: level, luma: level, clipped };
      }),
    );
    const levels = computeLevels(s);
    const shift = clipHueShift(segmentSeries(s, levels, { namer: ruleColorNamer }));
    expect(shift).not.toBeNull();
    const blinks = segmentSeries(s, levels, { namer: ruleColorNamer, clipHue: shift }).filter((e) => e.kind === 'on' && e.startMs > 3000);
    expect(blinks.length).toBeGreaterThanOrEqual(6);
    for (const b of blinks) expect(b.color?.name).toBe('cyan');
  });
});
