import { ruleColorNamer } from '../color-namer.js';
import type { ColorNamer } from '../types.js';

/**
 * Which colour namer `classifySeries` uses by default: the better of the two on the whole pipeline,
 * judged on the tuning seeds (`npm run eval -- --namer both --seed-base 200000 --clean 90 --hard 90
 * --other 40`, session 4: rule 96.8 %, model 95.0 %; `--seed-base 300000 --clean 40 --hard 40 --other 30`:
 * 93.6 vs 90.9 %). On the report seeds (`npm run eval -- --clean 60 --hard 60 --other 40 --namer both`):
 * rule clean 93.3 %, hard 95.0 %, other camera 95.0 %, SOS code exact 100 %, confidently wrong 0.6 %;
 * model 91.7 / 98.3 / 92.5 / 100 / 0.0 %. Re-run both after retraining (`npm run train`) or changing the
 * rule namer, and update this constant and the figures.
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
