import { describe, expect, it } from 'vitest';
import { ruleColorNamer } from '../../src/classify/color-namer.js';
import { computeLevels, segmentSeries } from '../../src/classify/index.js';
import type { LedSeries } from '../../src/signal/types.js';
import { seriesOfRuns } from './elements.js';

type Rgb = [number, number, number];

/** A 30 fps series from runs of [ms, rgb, total light] (black for dark; the light defaults to max(rgb)). */
const seriesOf = (runs: Array<[number, Rgb, number?]>): LedSeries => seriesOfRuns(runs, 30);

function litRuns(series: LedSeries): Array<{ name: string | null; ms: number }> {
  return segmentSeries(series, computeLevels(series), { namer: ruleColorNamer })
    .filter((e) => e.kind === 'on')
    .map((e) => ({ name: e.color?.name ?? null, ms: e.durMs }));
}

const DARK: Rgb = [0, 0, 0];
const CYAN: Rgb = [0, 0.9, 1];

describe('segment: an ON run that changes colour', () => {
  it('splits a red hold running into the next cyan blink', () => {
    // a handshake error: fast cyan, the red held 250 ms, then cyan again with no dark between: the
    // run turns 180° in hue, which is also what marks a rainbow's run as several colours
    const fast: Array<[number, Rgb]> = [];
    for (let k = 0; k < 8; k++) fast.push([100, CYAN], [100, DARK]);
    const runs = litRuns(seriesOf([...fast, [267, [0.8, 0.06, 0.06]], [100, CYAN], [100, DARK], ...fast]));
    const red = runs.find((r) => r.name === 'red');
    expect(red).toBeDefined();
    expect(red!.ms).toBeGreaterThan(200);
    expect(red!.ms).toBeLessThan(320);
    // and the cyan after it is a run of its own
    expect(runs[runs.indexOf(red!) + 1]?.name).toBe('cyan');
  });

  it('splits a red hold caught between two cyan blinks with no dark on either side', () => {
    // hard-770021's shape at 24 fps: the last cyan blink, the red hold and the next cyan blink all
    // lit frames in a row; read as one run, its blend of the three was white and the error was lost
    const fast: Array<[number, Rgb]> = [];
    for (let k = 0; k < 8; k++) fast.push([100, CYAN], [100, DARK]);
    const runs = litRuns(seriesOf([...fast, [67, CYAN], [267, [0.8, 0.06, 0.06]], [67, CYAN], [100, DARK], ...fast]));
    const red = runs.find((r) => r.name === 'red');
    expect(red).toBeDefined();
    expect(red!.ms).toBeGreaterThan(200);
    expect(red!.ms).toBeLessThan(320);
    expect(runs[runs.indexOf(red!) - 1]?.name).toBe('cyan');
    expect(runs[runs.indexOf(red!) + 1]?.name).toBe('cyan');
  });

  it('keeps a steady pale cyan that wavers across the white bar as one run', () => {
    // a solid cyan LED read near the white bar (hard-680020): cyan, white for half a second, cyan
    const PALE_CYAN: Rgb = [0.5, 1, 0.97];
    const PALER: Rgb = [0.66, 1, 0.98];
    const runs = litRuns(seriesOf([[1500, PALE_CYAN], [500, PALER], [2000, PALE_CYAN]]));
    expect(runs).toHaveLength(1);
  });

  it('keeps a red blink whose first half reads orange as one run', () => {
    // a tint or a small LED's compressed colour moves a steady red 30° for part of a blink: an SOS
    // long blink cut in two at it counted one code blink as two
    const ORANGE_ISH: Rgb = [0.6, 0.3, 0.02];
    const RED: Rgb = [0.6, 0.05, 0.03];
    const runs = litRuns(seriesOf([[300, DARK], [167, ORANGE_ISH], [133, RED], [300, DARK], [300, RED], [300, DARK]]));
    expect(runs.map((r) => Math.round(r.ms / 100))).toEqual([3, 3]);
  });

  it('splits where a blend of the two colours lasts two frames at the change', () => {
    // a bluish white flash running into a green blink, two cyan frames between
    const runs = litRuns(seriesOf([[300, DARK], [467, [0.35, 0.65, 1]], [67, [0.2, 0.8, 0.7]], [100, [0, 1, 0.15]], [300, DARK]]));
    expect(runs.length).toBe(2);
    expect(runs[1].name).toBe('green');
    expect(runs[1].ms).toBeLessThan(250);
  });

  it('reads a rainbow whose dim indigo step falls dark as runs of many colours', () => {
    // the measured rainbow fixture, rounded (indigo a little dimmer, so it sits on the dark side):
    // violet, indigo, blue, green, yellow, orange, red
    const steps: Rgb[] = [
      [0.45, 0.34, 0.45],
      [0.12, 0.02, 0.22],
      [0.17, 0.16, 0.42],
      [0.01, 0.4, 0.04],
      [0.44, 0.45, 0.19],
      [0.42, 0.35, 0.17],
      [0.39, 0.04, 0.03],
    ];
    const cycle: Array<[number, Rgb]> = steps.map((c) => [100, c]);
    const series = seriesOf(Array.from({ length: 8 }, () => cycle).flat());
    const levels = computeLevels(series);
    // the samples near the dark floor are the indigo step, a colour: it is not subtracted as "dark"
    expect(Math.max(...levels.offRgb)).toBeLessThan(0.05);
    // every cycle's lit stretch walks the hue circle: runs of many colours, not one colour named
    const multi = segmentSeries(series, levels, { namer: ruleColorNamer }).filter((e) => e.kind === 'on' && e.multi);
    expect(multi.reduce((ms, e) => ms + e.durMs, 0)).toBeGreaterThan(0.7 * 8 * 700);
  });
});

describe('segment: a lit run whose colour level dips for a frame or two', () => {
  const RED: Rgb = [0.5, 0.05, 0.03];
  const SMEARED: Rgb = [0.1, 0.02, 0.01];

  it('stays one run when the total light held (the core missed the LED)', () => {
    // a shaking camera smears a small LED out of the measured core for two frames: its colour excess
    // falls to a fifth while the light counted with its glow stays
    const runs = litRuns(seriesOf([[300, DARK], [300, RED], [300, DARK], [133, RED], [67, SMEARED, 0.5], [100, RED], [300, DARK], [300, RED], [300, DARK]]));
    expect(runs.map((r) => Math.round(r.ms / 100))).toEqual([3, 3, 3]);
  });

  it('splits when the total light fell with it (a real dark phase)', () => {
    const runs = litRuns(seriesOf([[300, DARK], [300, RED], [300, DARK], [133, RED], [67, SMEARED], [100, RED], [300, DARK], [300, RED], [300, DARK]]));
    expect(runs.length).toBe(4);
  });
});
