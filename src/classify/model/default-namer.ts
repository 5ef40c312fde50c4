import { ruleColorNamer } from '../color-namer.js';
import type { ColorNamer } from '../types.js';

/**
 * Which colour namer `classifySeries` uses by default: the better of the two on the whole pipeline
 * (`npm run eval -- --clean 60 --hard 60 --other 40 --namer both`, report seeds 100000+, 2026-11-24):
 * rule namer clean 93.3 %, hard 88.3 %, other camera 85.0 %, SOS code exact 97.6 %, confidently wrong
 * 1.3 %; colour model 91.7 / 88.3 / 85.0 / 95.2 / 1.3 %. Per ON run the model still names more colours
 * right (`npm run eval:color`: 86.2 % vs 83.6 %, session 1), but not where it decides the diagnosis.
 * Re-run both after retraining (`npm run train`) and update this constant and the figures.
 */
export const DEFAULT_COLOR_NAMER: 'rule' | 'model' = 'rule';

let loaded: ColorNamer | null = DEFAULT_COLOR_NAMER === 'rule' ? ruleColorNamer : null;

/**
 * Makes the default namer ready. The model is imported only when it is the default: importing tfjs
 * costs ~0.5 s of CPU, a fifth of a whole `diagnose` of a 30 s clip that never uses it.
 */
export async function loadDefaultColorNamer(): Promise<ColorNamer> {
  loaded ??= (await import('./model-namer.js')).modelColorNamer();
  return loaded;
}

/** The namer `classifySeries` uses when the caller does not pass one. */
export function defaultColorNamer(): ColorNamer {
  if (!loaded) throw new Error('the default colour namer is the tfjs model: await loadDefaultColorNamer() before classifying');
  return loaded;
}
