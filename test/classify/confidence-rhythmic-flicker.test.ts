import { describe, expect, it } from 'vitest';
import { ruleColorNamer } from '../../src/classify/color-namer.js';
import { classifySeries } from '../../src/classify/index.js';
import { seriesOfRuns } from './elements.js';

const MAGENTA = [1, 0.05, 0.8] as const;
const DARK = [0, 0, 0] as const;

/** Lit and dark runs of `litMs[k]` / `darkMs[k]` after a second of darkness (a second after the last), at 60 fps. */
function flicker(litMs: number[], darkMs: number[]) {
  const runs: Array<[number, readonly [number, number, number]]> = [[1000, DARK]];
  litMs.forEach((ms, k) => runs.push([ms, MAGENTA], [darkMs[k] ?? 1000, DARK]));
  return classifySeries(seriesOfRuns(runs, 60), { device: 'boron', colorNamer: ruleColorNamer });
}

describe('confidence: an OTA flicker that keeps a steady rhythm', () => {
  // an SOS's fourteen 300/300 ms code blinks whose red read magenta through a clipped halo were said
  // as an OTA update at 0.82: the flicker's irregular template explains any blink
  it('is doubted: its toggles keep one length each, as a download paced by the data does not', () => {
    const { diagnosis, timeline } = flicker(new Array(14).fill(300), new Array(13).fill(300));
    expect(diagnosis.mode).toBe('ota-update');
    expect(diagnosis.confidence).toBeLessThanOrEqual(0.6);
    expect(timeline[diagnosis.spanIndex].evidence.notes.join(' ')).toMatch(/steady rhythm/);
  });

  it('keeps its confidence when its toggles vary, as a download\'s do', () => {
    const lit = [150, 257, 402, 309, 480, 120, 350, 220, 410, 90, 300, 260, 440, 180];
    const dark = [391, 118, 124, 238, 166, 316, 366, 71, 200, 450, 140, 90, 260];
    const { diagnosis } = flicker(lit, dark);
    expect(diagnosis.mode).toBe('ota-update');
    expect(diagnosis.confidence).toBeGreaterThan(0.6);
  });
});
