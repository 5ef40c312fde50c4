import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { extractFromFile } from '../../src/extract/from-file.js';
import { otherCameraConditions } from '../../src/synth/conditions.js';
import { modeScenario } from '../../src/synth/presets.js';
import { renderClip } from '../../src/synth/render.js';
import type { ClipLabel } from '../../src/synth/scenario.js';

/**
 * A red SOS in a white package under the held-out "other camera" (the tuning clip other-280032 that
 * showed it, rendered again here): when the LED goes dark the package's OFF look runs into white
 * silkscreen beside it, and the tracker, whose radius the glow had inflated to twice the LED's,
 * stepped 13 px onto that silkscreen on the first dark frame and stayed there for the clip.
 */
const dir = join('.cache', 'test-extract');
const clip = join(dir, 'sos-package-280032.mp4');
let label: ClipLabel;

beforeAll(async () => {
  mkdirSync(dir, { recursive: true });
  if (!existsSync(clip) || !existsSync(clip.replace(/\.mp4$/, '.json'))) {
    const seed = 280032;
    await renderClip({ scenario: modeScenario('sos', { device: 'boron', code: 3 }), out: clip, seed, conditions: otherCameraConditions(seed, 'clean') });
  }
  label = JSON.parse(readFileSync(clip.replace(/\.mp4$/, '.json'), 'utf8'));
});

describe('tracking an LED whose package is bright while it is dark', () => {
  it('stays on the LED through the dark frames', async () => {
    const res = await extractFromFile(clip);
    expect(Math.hypot(res.led.x - label.led.x, res.led.y - label.led.y)).toBeLessThanOrEqual(label.led.radius);
  });
});
