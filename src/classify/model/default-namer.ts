import { ruleColorNamer } from '../color-namer.js';
import type { ColorNamer } from '../types.js';
import { modelColorNamer } from './model-namer.js';

/**
 * Which colour namer `classifySeries` should use by default, from the measured comparison on the dev
 * set (`npm run eval:color`: dev seeds 100000+, 80 clean + 80 hard clips in memory and 16 + 16
 * through H.264, 579 ON runs, both namers on the same segmenter evidence; models/README.md):
 * rule namer 83.6%, colour model 86.2% (runs right only by the model: 31, only by the rule: 16).
 * Re-run that command after retraining (`npm run train`) and update this constant and figures.
 */
export const DEFAULT_COLOR_NAMER: 'rule' | 'model' = 'model';

/** The namer `classifySeries` uses when the caller does not pass one. */
export function defaultColorNamer(): ColorNamer {
  return DEFAULT_COLOR_NAMER === 'model' ? modelColorNamer() : ruleColorNamer;
}
