import { ruleColorNamer } from '../color-namer.js';
import type { ColorNamer } from '../types.js';
import { modelColorNamer } from './model-namer.js';

/**
 * Which colour namer `classifySeries` uses by default: the better of the two on the whole pipeline
 * (`npm run eval -- --clean 60 --hard 60 --other 40 --namer both`, report seeds 100000+, 2026-11-24):
 * rule namer clean 91.7 %, hard 86.7 %, other camera 85.0 %, SOS code exact 95.2 %, confidently wrong
 * 0.6 %; colour model 91.7 / 85.0 / 85.0 / 92.9 / 1.3 %. Per ON run the model still names more colours
 * right (`npm run eval:color`: 86.2 % vs 83.6 %, session 1), but not where it decides the diagnosis.
 * Re-run both after retraining (`npm run train`) and update this constant and the figures.
 */
export const DEFAULT_COLOR_NAMER: 'rule' | 'model' = 'rule';

/** The namer `classifySeries` uses when the caller does not pass one. */
export function defaultColorNamer(): ColorNamer {
  return DEFAULT_COLOR_NAMER === 'model' ? modelColorNamer() : ruleColorNamer;
}
