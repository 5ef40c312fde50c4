/**
 * Measurements of a stretch of elements, for the evidence a person reads on the card: the blink
 * period and duty, how much of the time the LED sat at intermediate levels (breathing), the ON count
 * and the colours. The matcher decides; these numbers explain.
 */
import type { ColorName } from '../catalog/types.js';
import type { Element } from './segment.js';

export interface StretchFeatures {
  periodMs: number | null;
  duty: number | null;
  rampFraction: number;
  onCount: number;
  colors: ColorName[];
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export function stretchFeatures(elements: readonly Element[], i: number, j: number): StretchFeatures {
  // lit runs: consecutive ON elements (a breath's clipped white core between its cyan flanks) are
  // one run of the LED
  const runs: Array<{ startMs: number; endMs: number; cleanStart: boolean; cleanEnd: boolean }> = [];
  const colorTime = new Map<ColorName, number>();
  let rampWeighted = 0;
  let rampTime = 0;
  let prevOn = false;
  for (let k = i; k < j; k++) {
    const e = elements[k];
    rampWeighted += e.rampFraction * e.durMs;
    rampTime += e.durMs;
    if (e.kind !== 'on') {
      prevOn = false;
      continue;
    }
    if (e.color) colorTime.set(e.color.name, (colorTime.get(e.color.name) ?? 0) + e.durMs);
    // the span's first element began where the previous state ended (a breath starts at its
    // peak): its start is not where the LED lit; likewise the span's last element's end
    const cleanEnd = !e.truncEnd && k < j - 1;
    if (prevOn) {
      const r = runs[runs.length - 1];
      r.endMs = e.endMs;
      r.cleanEnd = cleanEnd;
    } else runs.push({ startMs: e.startMs, endMs: e.endMs, cleanStart: !e.truncStart && k > i, cleanEnd });
    prevOn = true;
  }
  // period: the spacing of lit-run starts and of lit-run ends, each taken only where both runs
  // were seen from a real edge
  const periods: number[] = [];
  for (let k = 1; k < runs.length; k++) {
    if (runs[k].cleanStart && runs[k - 1].cleanStart) periods.push(runs[k].startMs - runs[k - 1].startMs);
    if (runs[k].cleanEnd && runs[k - 1].cleanEnd) periods.push(runs[k].endMs - runs[k - 1].endMs);
  }
  const periodMs = median(periods);
  const onMs = median(runs.filter((r) => r.cleanStart && r.cleanEnd).map((r) => r.endMs - r.startMs));
  return {
    periodMs,
    duty: periodMs && onMs !== null ? Math.min(1, onMs / periodMs) : null,
    rampFraction: rampTime > 0 ? rampWeighted / rampTime : 0,
    onCount: runs.length,
    colors: [...colorTime.entries()].sort((a, b) => b[1] - a[1]).map(([c]) => c),
  };
}
