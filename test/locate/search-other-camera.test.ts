import { describe, expect, it } from 'vitest';
import type { CatalogModeId } from '../../src/catalog/types.js';
import { createLedSearch } from '../../src/locate/search.js';
import { downsampleFrame } from '../../src/locate/frame-ops.js';
import type { RgbFrame } from '../../src/source/types.js';
import { otherCameraConditions } from '../../src/synth/conditions.js';
import { prepareClip } from '../../src/synth/frames.js';
import { modeScenario } from '../../src/synth/presets.js';

/**
 * The search on clips "filmed" by issue #4's held-out camera (its own colour matrix, tone curve and
 * sharpening: `otherCameraConditions`), rendered in memory: how far the LED it finds is from the
 * rendered one, against the LED's radius.
 */
function searchMiss(mode: CatalogModeId, durationMs: number, seed: number): { offPx: number; radius: number } {
  const clip = prepareClip(modeScenario(mode, { device: 'boron', durationMs }), otherCameraConditions(seed, 'clean'), seed);
  const s = createLedSearch({});
  for (const f of clip.frames()) {
    const frame: RgbFrame = { width: clip.storedWidth, height: clip.storedHeight, channels: 3, data: f.rgb, timestampMs: f.tMs, index: f.index, originX: 0, originY: 0, scale: 1 };
    if (s.push(downsampleFrame(frame, 480))) break;
  }
  const led = s.result().location;
  const truth = clip.label.led;
  expect(led).not.toBeNull();
  return { offPx: Math.hypot(led!.x - truth.x, led!.y - truth.y), radius: truth.radius };
}

describe('locate: an LED in a white package under another camera', () => {
  it('is centred on the package, not on a piece of the glow ring around it', () => {
    // The camera leaves this blinking green LED's clipped core no brighter than its white package is
    // when off: only the glow around the package changes much, a ring of high temporal range around a
    // still centre. (Seed outside every eval set; before the fix the search put this LED 15 px off,
    // on that ring.)
    const { offPx, radius } = searchMiss('connecting-network', 5000, 900011);
    expect(offPx).toBeLessThanOrEqual(radius);
  });

  it('takes a breath that changes, not one of the brighter steady pads around it', () => {
    // The tone curve lifts the package to nearly the LED's peak, and sharpening and the board's grain
    // join pads, buttons and package into one region in both maps; the region's brightest maxima
    // (pads) and its largest ranges (pad edges slid by shake) crowded out the LED, which was never a
    // candidate: the connected breath was put 172 px off. (The tuning clip other-480000 that showed
    // it; a constructed scene of pads ringing a breath was found by the old search too.)
    const { offPx, radius } = searchMiss('connected', 9000, 480000);
    expect(offPx).toBeLessThanOrEqual(radius);
  });
});
