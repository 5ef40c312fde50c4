import { ruleColorNamer } from '../color-namer.js';
import type { ColorNamer } from '../types.js';

/**
 * Which colour namer `classifySeries` uses by default: the better of the two on the whole pipeline
 * (`npm run eval -- --clean 60 --hard 60 --other 40 --namer both`, report seeds 100000+, 2026-11-24,
 * session 3): rule namer clean 93.3 %, hard 91.7 %, other camera 90.0 %, SOS code exact 100 %,
 * confidently wrong 0.0 %; colour model 93.3 / 91.7 / 87.5 / 100 / 0.6 %. Re-run both after retraining
 * (`npm run train`) or changing the rule namer, and update this constant and the figures.
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
