import { describe, expect, it } from 'vitest';
import { decodingCatalogFor } from '../../src/catalog/index.js';
import { ruleColorNamer } from '../../src/classify/color-namer.js';
import { parseElements } from '../../src/classify/match.js';
import type { Element } from '../../src/classify/segment.js';
import { buildTemplates } from '../../src/classify/templates.js';

const FRAME_MS = 1000 / 24;
const YELLOW: [number, number, number] = [1, 0.9, 0.05];

/** Measured runs of whole frames at 24 fps (yellow when lit), as segmentation would cut them. */
function runs(frames: Array<['on' | 'off', number]>): Element[] {
  let i = 0;
  return frames.map(([kind, n], k) => {
    const e: Element = {
      kind,
      startMs: i * FRAME_MS,
      endMs: (i + n) * FRAME_MS,
      durMs: n * FRAME_MS,
      i0: i,
      i1: i + n,
      gapStartMs: FRAME_MS,
      gapEndMs: FRAME_MS,
      truncStart: k === 0,
      truncEnd: k === frames.length - 1,
      color: kind === 'on' ? ruleColorNamer({ r: YELLOW[0], g: YELLOW[1], b: YELLOW[2], clippedFraction: 1, luma: 1 }) : null,
      rgb: kind === 'on' ? YELLOW : null,
      multi: false,
      ramp: null,
      rampFraction: 0,
      peak: kind === 'on' ? 1 : 0,
      clippedFraction: kind === 'on' ? 1 : 0,
    };
    i += n;
    return e;
  });
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
