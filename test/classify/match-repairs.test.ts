import { describe, expect, it } from 'vitest';
import { decodingCatalogFor } from '../../src/catalog/index.js';
import { completedCycle, parseElements, type SpanMatch } from '../../src/classify/match.js';
import type { Element } from '../../src/classify/segment.js';
import { buildTemplates } from '../../src/classify/templates.js';
import { elementsOf } from './elements.js';

const FRAME_MS = 1000 / 30;
const RED: [number, number, number] = [1, 0.03, 0.05];

type Run = ['on' | 'off', number];

/** Measured runs laid end to end (red when lit), as segmentation would cut them. */
function runs(spec: Run[], ramped: (k: number) => boolean = () => false): Element[] {
  return elementsOf(spec.map(([kind, ms], k) => ({ kind, ms, rgb: RED, ramp: ramped(k) })), FRAME_MS);
}

/** One firmware SOS cycle (services/src/panic.c timings, DESIGN.md §1) with `code` long blinks. */
function sosCycle(code: number): Run[] {
  const group = (onMs: number, pauseMs: number): Run[] => [
    ['on', onMs],
    ['off', 100],
    ['on', onMs],
    ['off', 100],
    ['on', onMs],
    ['off', 100 + pauseMs],
  ];
  const out: Run[] = [...group(150, 100), ...group(300, 100), ...group(150, 900)];
  for (let k = 0; k < code; k++) out.push(['on', 300], ['off', k === code - 1 ? 1100 : 300]);
  return out;
}

const templates = buildTemplates(decodingCatalogFor('boron').modes, { device: 'boron', horizonMs: 20000 });
const ctx = { frameMs: FRAME_MS, jitterMs: 0 };

/** The SOS spans that walked a whole cycle, as "code". */
function provenSosCodes(spans: SpanMatch[], obs: Element[]): Array<number | null> {
  return spans.filter((s) => s.template.mode === 'sos' && completedCycle(s.template, s.start, s.reached, s.full, obs[s.j])).map((s) => s.template.code);
}

/** A clip: dark, one SOS cycle (damaged by `damage`), then the reboot's dark. */
function clip(code: number, damage: (cycle: Run[]) => Run[]): Element[] {
  return runs([['off', 1500], ...damage(sosCycle(code)), ['off', 2500]]);
}

/** A clip whose SOS cycle has the runs at the given places of the cycle replaced. */
function withRuns(code: number, edits: Record<number, Run>): Element[] {
  return clip(code, (c) => c.map((run, k) => edits[k] ?? run));
}

/** The SOS codes the parse proves on a clip. */
function proven(obs: Element[]): Array<number | null> {
  return provenSosCodes(parseElements(obs, templates, ctx).spans, obs);
}

describe('matcher: an SOS read through damaged runs', () => {
  it('reads the undamaged cycle (the reference the repairs are held to)', () => {
    expect(proven(clip(3, (c) => c))).toEqual([3]);
  });

  it('keeps the code when one edge moved: a long dark gap before a cut-short blink', () => {
    // the second blink of the last short group lights 70 ms late: its gap reads 170 ms, it 80 ms
    expect(proven(withRuns(3, { 13: ['off', 170], 14: ['on', 80] }))).toEqual([3]);
  });

  it('keeps the code when one edge moved the other way: a long blink before a short pause', () => {
    expect(proven(withRuns(5, { 16: ['on', 217], 17: ['off', 933] }))).toEqual([5]);
  });

  it('keeps the code when a blink before it was lost between exposures', () => {
    // the last long blink cut short and the first blink of the next group lost in the dark:
    // on 120 / off 630 stand for on 300, off 200, on 150, off 100
    expect(proven(clip(3, (c) => [...c.slice(0, 10), ['on', 120], ['off', 630], ...c.slice(14)]))).toEqual([3]);
  });

  it('keeps the code when an edge moved most of a long blink into the gap before it', () => {
    // the first long blink lights 240 ms late: the gap before it reads 440 ms, it a 60 ms sliver
    // (three elements merged would also fit the 440 ms, but the sliver after it makes up the gap's time)
    expect(proven(withRuns(5, { 5: ['off', 440], 6: ['on', 60] }))).toEqual([5]);
  });

  it('keeps the code when most of the last short group was lost in the dark', () => {
    // 24 fps: the pause after the longs, the last group's blinks and the pause before the code read
    // as a 712 ms dark, a 69 ms remnant and a 1069 ms dark, together the 1850 ms they stand for
    expect(proven(clip(11, (c) => [...c.slice(0, 11), ['off', 712], ['on', 69], ['off', 1069], ...c.slice(18)]))).toEqual([11]);
  });

  it('does not take a mangled stretch as the pattern when its time is not kept', () => {
    // an 1100 ms dark, a remnant and a dark: the whole stretch stands for the 1850 ms, or nothing does
    const mangled = (lastDarkMs: number): Element[] => clip(11, (c) => [...c.slice(0, 11), ['off', 1100], ['on', 69], ['off', lastDarkMs], ...c.slice(18)]);
    expect(proven(mangled(681))).toEqual([11]);
    // 400 ms short: not the SOS's last group and pause, whatever it was
    expect(proven(mangled(281))).not.toContain(11);
  });

  it('does not make up a lost code blink: the count shown is not raised', () => {
    // code 4 with its second code blink lost: its dark reads 300 + 300 + 300 ms
    expect(proven(clip(4, (c) => [...c.slice(0, 19), ['off', 900], ...c.slice(22)]))).not.toContain(4);
  });

  it('reads the long pause before the code as dark even when its floor wanders', () => {
    // the 1000 ms dark before the code reads as ramped (drift, a small LED in noise)
    const spec: Run[] = [['off', 1500], ...sosCycle(3), ['off', 2500]];
    const pause = 1 + 17;
    const obs = runs(spec, (k) => k === pause);
    expect(obs[pause].durMs).toBe(1000);
    expect(proven(obs)).toEqual([3]);
  });
});
