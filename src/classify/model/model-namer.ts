/**
 * The colour model as a `ColorNamer`, loaded from the weights bundled as a module (the same code in
 * Node and the browser: no fs, no fetch). `modelColorNamer()` builds it synchronously so
 * `classifySeries` can stay synchronous; `loadModelColorNamer()` goes through tfjs's own async
 * loader (`tf.io.fromMemory`). Both give the same predictions.
 */
import type { ColorNamer } from '../types.js';
import { colorModelFromArtifact, loadColorModel, namerFromModel, type ColorModelArtifact } from './color-model.js';
import { COLOR_MODEL_ARTIFACT } from './color-namer-weights.js';

export { COLOR_MODEL_ARTIFACT };

/** Loads the saved model with tfjs's loader and wraps it as a namer (each call is synchronous). */
export async function loadModelColorNamer(artifact: ColorModelArtifact = COLOR_MODEL_ARTIFACT): Promise<ColorNamer> {
  return namerFromModel(await loadColorModel(artifact));
}

let cached: ColorNamer | null = null;

/** The saved model as a namer, built synchronously on first use and kept. */
export function modelColorNamer(): ColorNamer {
  cached ??= namerFromModel(colorModelFromArtifact(COLOR_MODEL_ARTIFACT));
  return cached;
}
