import { describe, expect, it } from 'vitest';
import { decodingCatalogFor } from '../../src/catalog/index.js';
import { parseElements } from '../../src/classify/match.js';
import type { Element } from '../../src/classify/segment.js';
import { buildTemplates } from '../../src/classify/templates.js';
import { elementsOf } from './elements.js';

const FRAME_MS = 1000 / 30;
const WHITE: [number, number, number] = [1, 1, 1];

/**
 * hard-680023's runs: a steady white LED the track lost for 1.4 s, between two lit runs. `edgeMs`:
 * how long the light took to fall before the dark and to climb after it.
 */
function lostSteadyLight(edgeMs: number): Element[] {
  const obs = elementsOf(
    [
      { kind: 'on', ms: 1500, rgb: WHITE, ramp: true },
      { kind: 'off', ms: 1390 },
      { kind: 'on', ms: 3110, rgb: WHITE, ramp: true },
    ],
    FRAME_MS,
  );
  obs[0].fallMs = edgeMs;
  obs[2].riseMs = edgeMs;
  return obs;
}

describe('matcher: a breath climbs and falls, it does not step', () => {
  const templates = buildTemplates(decodingCatalogFor('boron').modes, { device: 'boron', horizonMs: 20000 });
  const ctx = { frameMs: FRAME_MS, jitterMs: 1 };
  /** Whether a breathing template's span takes the dark run (index 1) as its dark half. */
  const breathesThroughDark = (obs: Element[]): boolean =>
    parseElements(obs, templates, ctx).spans.some((s) => s.i <= 1 && s.j > 1 && s.template.elements.some((e) => e.ramp));

  it('does not take a dark the light stepped out of and back into, a frame each way, as a breath', () => {
    // breathing white (network-off) at 0.92 on the old matcher
    expect(breathesThroughDark(lostSteadyLight(FRAME_MS))).toBe(false);
  });

  it('still takes a dark the light fell into and climbed out of over 300 ms as a breath', () => {
    // a breathing LED read through a convex tone curve: its dark lengthens against its slopes
    // (other-690012: a 2.7 s dark, climbs of 370–430 ms)
    expect(breathesThroughDark(lostSteadyLight(300))).toBe(true);
  });
});
