import { describe, expect, it } from 'vitest';
import { SortedWindow } from '../../src/signal/sorted-window.js';

describe('SortedWindow', () => {
  it('gives the quantiles a full sort gives, through inserts and removals', () => {
    const w = new SortedWindow();
    const kept: number[] = [];
    let seed = 7;
    const next = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) * 10;
    for (let i = 0; i < 500; i++) {
      const x = Math.round(next() * 4) / 4; // repeats, as quantised readings have
      w.insert(x);
      kept.push(x);
      if (kept.length > 60) w.remove(kept.shift()!);
      const sorted = kept.slice().sort((a, b) => a - b);
      const n = sorted.length;
      expect(w.size).toBe(n);
      expect(w.quantile(0.03)).toBe(sorted[Math.floor(0.03 * (n - 1))]);
      expect(w.quantile(0.97)).toBe(sorted[Math.ceil(0.97 * (n - 1))]);
    }
  });

  it('over a few values the floor and peak quantiles are the least and greatest', () => {
    const w = new SortedWindow();
    for (const x of [3, 1, 2]) w.insert(x);
    expect(w.quantile(0.03)).toBe(1);
    expect(w.quantile(0.97)).toBe(3);
  });

  it('keeps no NaN, so the window cannot grow without end', () => {
    const w = new SortedWindow();
    w.insert(Number.NaN);
    w.insert(1);
    w.remove(Number.NaN);
    expect(w.size).toBe(1);
    expect(w.quantile(0.5)).toBe(1);
  });
});
