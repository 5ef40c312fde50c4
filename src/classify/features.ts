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
  const onStarts: number[] = [];
  const onDurs: number[] = [];
  const colorTime = new Map<ColorName, number>();
  let rampWeighted = 0;
  let rampTime = 0;
  for (let k = i; k < j; k++) {
    const e = elements[k];
    rampWeighted += e.rampFraction * e.durMs;
    rampTime += e.durMs;
    if (e.kind !== 'on') continue;
    if (!e.truncStart) onStarts.push(e.startMs);
    if (!e.truncStart && !e.truncEnd) onDurs.push(e.durMs);
    if (e.color) colorTime.set(e.color.name, (colorTime.get(e.color.name) ?? 0) + e.durMs);
  }
  const periods: number[] = [];
  for (let k = 1; k < onStarts.length; k++) periods.push(onStarts[k] - onStarts[k - 1]);
  const periodMs = median(periods);
  const onMs = median(onDurs);
  return {
    periodMs,
    duty: periodMs && onMs !== null ? Math.min(1, onMs / periodMs) : null,
    rampFraction: rampTime > 0 ? rampWeighted / rampTime : 0,
    onCount: elements.slice(i, j).filter((e) => e.kind === 'on').length,
    colors: [...colorTime.entries()].sort((a, b) => b[1] - a[1]).map(([c]) => c),
  };
}
