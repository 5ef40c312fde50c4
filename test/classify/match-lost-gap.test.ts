import { describe, expect, it } from 'vitest';
import { decodingCatalogFor } from '../../src/catalog/index.js';
import { parseElements } from '../../src/classify/match.js';
import type { Element } from '../../src/classify/segment.js';
import { buildTemplates } from '../../src/classify/templates.js';
import { elementsOf } from './elements.js';

const FRAME_MS = 1000 / 24;
const YELLOW: [number, number, number] = [1, 0.9, 0.05];

/** Measured runs of whole frames at 24 fps (yellow when lit, clipped), as segmentation would cut them. */
function runs(frames: Array<['on' | 'off', number]>): Element[] {
  return elementsOf(frames.map(([kind, n]) => ({ kind, ms: n * FRAME_MS, rgb: YELLOW })), FRAME_MS, true);
}

const templates = buildTemplates(decodingCatalogFor('boron').modes, { device: 'boron', horizonMs: 20000 });
const ctx = { frameMs: FRAME_MS, jitterMs: 0, clipHeavy: true };

/** The spans the parse explains the clip with, as "mode elements-covered". */
function parse(obs: Element[]): string[] {
  return parseElements(obs, templates, ctx).spans.map((s) => `${s.template.mode} ${s.j - s.i}`);
}

/**
 * A 51 ms toggle (bootloader firmware reset, ~102 ms period) seen at 24 fps by a clipping camera:
 * lit runs of one or two frames, dark runs of one, and now and then a dark phase lost between
 * exposures, so two blinks and their gap read as one lit run of three or four frames.
 */
function fastToggle(lostEvery: number): Element[] {
  const spec: Array<['on' | 'off', number]> = [];
  for (let k = 0; k < 60; k++) {
    spec.push(['on', lostEvery > 0 && k % lostEvery === lostEvery - 1 ? 4 : 1 + (k % 2)], ['off', 1]);
  }
  return runs(spec);
}

describe('matcher: a fast blink whose dark phase falls between frames', () => {
  it('reads the fast toggle as firmware reset when no dark phase is lost (the reference)', () => {
    expect(parse(fastToggle(0))).toEqual(['firmware-reset 120']);
  });

  it('still reads it as one firmware reset when every seventh dark phase is lost', () => {
    // (each lost gap broke it into pieces; in a tuning clip a 100 ms DFU blink, whose tolerance at
    // 24 fps takes both the short and the merged runs, then explained the clip in one piece instead)
    expect(parse(fastToggle(7))).toEqual(['firmware-reset 120']);
  });

  it('does not read a 200 ms DFU blink (100 ms lit, 100 ms dark) as the fast toggle', () => {
    const spec: Array<['on' | 'off', number]> = [];
    for (let k = 0; k < 30; k++) spec.push(['on', 2 + (k % 2)], ['off', 3 - (k % 2)]);
    expect(parse(runs(spec))).toEqual(['dfu 60']);
  });
});
