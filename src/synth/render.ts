/**
 * Node edge: renders a scenario to a video file and writes its label (`clip.mp4` → `clip.json`).
 */
import { writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Catalog } from '../catalog/index.js';
import { defaultConditions, type RenderConditions } from './conditions.js';
import { ClipEncoder, formatFromPath, type ClipFormat } from './encode.js';
import { prepareClip } from './frames.js';
import type { ClipLabel, Scenario } from './scenario.js';

export interface RenderOptions {
  scenario: Scenario;
  /** Output file; the format comes from its extension (.mp4 .mov .webm .y4m). */
  out: string;
  seed: number;
  /** Conditions; missing fields take `defaultConditions()`. */
  conditions?: Partial<RenderConditions>;
  catalog?: Catalog;
  /** Where to write the label; default: `out` with its extension replaced by `.json`. */
  labelPath?: string;
  ffmpegPath?: string;
}

export function labelPathFor(out: string): string {
  return out.replace(/\.[^./\\]+$/, '') + '.json';
}

/** Renders the clip and its label; resolves to the label once both are on disk. */
export async function renderClip(options: RenderOptions): Promise<ClipLabel> {
  const format: ClipFormat | null = formatFromPath(options.out);
  if (!format) throw new RangeError(`cannot tell the video format of "${options.out}": use .mp4, .mov, .webm or .y4m`);
  const conditions: RenderConditions = { ...defaultConditions(), ...options.conditions };
  const clip = prepareClip(options.scenario, conditions, options.seed, options.catalog);
  const encoder = new ClipEncoder({
    path: options.out,
    format,
    width: clip.storedWidth,
    height: clip.storedHeight,
    fps: conditions.fps,
    vfr: conditions.vfr,
    crf: conditions.crf,
    rotationDeg: conditions.rotationDeg,
    ffmpegPath: options.ffmpegPath,
  });
  try {
    for (const frame of clip.frames()) await encoder.write(frame.rgb, frame.tMs);
    await encoder.finish();
  } catch (error) {
    encoder.abort();
    throw error;
  }
  const label: ClipLabel = { file: basename(options.out), ...clip.label };
  writeFileSync(options.labelPath ?? labelPathFor(options.out), `${JSON.stringify(label, null, 2)}\n`);
  return label;
}
