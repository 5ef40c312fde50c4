/**
 * A clip rendered through H.264 once and kept under .cache/test-extract (the eval renders its clips the
 * same way), with its label: for the regressions pinned to the clip that showed them.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RenderConditions } from '../../src/synth/conditions.js';
import { renderClip } from '../../src/synth/render.js';
import type { ClipLabel, Scenario } from '../../src/synth/scenario.js';

export async function renderedClip(name: string, scenario: Scenario, seed: number, conditions: RenderConditions): Promise<{ clip: string; label: ClipLabel }> {
  const dir = join('.cache', 'test-extract');
  mkdirSync(dir, { recursive: true });
  const clip = join(dir, `${name}.mp4`);
  const labelPath = join(dir, `${name}.json`);
  if (!existsSync(clip) || !existsSync(labelPath)) await renderClip({ scenario, out: clip, seed, conditions });
  return { clip, label: JSON.parse(readFileSync(labelPath, 'utf8')) as ClipLabel };
}
