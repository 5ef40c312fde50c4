import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { extractFromFile } from '../../src/extract/from-file.js';
import { randomConditions } from '../../src/synth/conditions.js';
import { modeScenario } from '../../src/synth/presets.js';
import { renderClip } from '../../src/synth/render.js';
import type { ClipLabel } from '../../src/synth/scenario.js';

/**
 * A Tracker's solid yellow LED ("connected"), clipped in every frame: its glow lifts the disc's
 * surroundings, so the disc's mean contrast is a third of its peak, below the 0.4 a steady light had
 * to show, and the clip was "no LED". (The tuning clip clean-500028 that showed it, rendered again
 * through H.264 as the eval renders it; in memory, without the encoder, the old search found it.)
 */
const dir = join('.cache', 'test-extract');
const clip = join(dir, 'tracker-yellow-500028.mp4');
let label: ClipLabel;

beforeAll(async () => {
  mkdirSync(dir, { recursive: true });
  if (!existsSync(clip) || !existsSync(clip.replace(/\.mp4$/, '.json'))) {
    const seed = 500028;
    const scenario = modeScenario('tracker-connected', { device: 'tracker-som', color: 'yellow', durationMs: 6000 });
    await renderClip({ scenario, out: clip, seed, conditions: randomConditions(seed, 'clean') });
  }
  label = JSON.parse(readFileSync(clip.replace(/\.mp4$/, '.json'), 'utf8'));
});

describe('a steady LED that blooms', () => {
  it('is found, on its package', async () => {
    const res = await extractFromFile(clip);
    expect(Math.hypot(res.led.x - label.led.x, res.led.y - label.led.y)).toBeLessThanOrEqual(label.led.radius);
  });
});
