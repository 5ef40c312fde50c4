/**
 * The rule colour namer: hue and saturation of the ON−OFF light, after dividing out a white
 * reference when the clip showed one (a camera's tint moves every hue; a white LED shows how much).
 * Hue is taken in linear light, where mixing the LED's colour with the white of a clipped core keeps
 * the hue and only lowers the saturation (DESIGN.md §2), so clipping makes colours paler, not other.
 */
import { hueDistanceDeg, hueSaturation } from '../catalog/colors.js';
import { COLOR_NAMES, type ColorName } from '../catalog/types.js';
import type { ColorEvidence, ColorNamer, ColorNaming } from './types.js';

/**
 * Where each contract colour sits on the linear hue circle, from the firmware's PWM values
 * (src/catalog/colors.ts): orange FF6000 has g/r = 0x60/0xFF, so 60° × 0.376 ≈ 22.6°.
 * `sigma` is how far a camera's tint and compression typically move it; the narrow ones are the
 * red/orange/yellow family, which is where the mistakes happen.
 */
const HUE_PROTOTYPES: ReadonlyArray<{ name: Exclude<ColorName, 'white'>; hueDeg: number; sigmaDeg: number }> = [
  { name: 'red', hueDeg: 0, sigmaDeg: 8 },
  // red leans toward magenta much more than toward orange (crosstalk into blue, cool tints), and
  // magenta is 60° away, not 24°: a wider lobe on that side
  { name: 'red', hueDeg: 340, sigmaDeg: 12 },
  { name: 'orange', hueDeg: 24, sigmaDeg: 8 },
  { name: 'yellow', hueDeg: 58, sigmaDeg: 12 },
  // yellow leans toward green under clipping and tints (its red channel clips first, a green-heavy
  // camera matrix pulls it further), out to ~90°, where green LEDs are seldom read: a lobe on that
  // side, as red has toward magenta
  { name: 'yellow', hueDeg: 80, sigmaDeg: 10 },
  { name: 'green', hueDeg: 120, sigmaDeg: 22 },
  { name: 'cyan', hueDeg: 180, sigmaDeg: 20 },
  { name: 'blue', hueDeg: 240, sigmaDeg: 22 },
  { name: 'magenta', hueDeg: 300, sigmaDeg: 22 },
];


function emptyScores(): Record<ColorName, number> {
  return Object.fromEntries(COLOR_NAMES.map((n) => [n, 0])) as Record<ColorName, number>;
}

/** Divides out the camera tint a white reference shows (its channels should be equal). */
function correctTint(e: ColorEvidence): [number, number, number] {
  const w = e.whiteRef;
  if (!w) return [e.r, e.g, e.b];
  const wm = Math.max(w.r, w.g, w.b);
  if (!(wm > 0) || Math.min(w.r, w.g, w.b) <= 0.2 * wm) return [e.r, e.g, e.b];
  return [e.r / (w.r / wm), e.g / (w.g / wm), e.b / (w.b / wm)];
}

export interface RuleNamerOptions {
  /** Saturation below which an unclipped light reads as white. */
  whiteSaturation?: number;
}

export function createRuleColorNamer(options: RuleNamerOptions = {}): ColorNamer {
  const whiteSat = options.whiteSaturation ?? 0.4;
  return (evidence: ColorEvidence): ColorNaming => {
    const [r, g, b] = correctTint(evidence);
    const { hueDeg, saturation } = hueSaturation(Math.max(0, r), Math.max(0, g), Math.max(0, b));
    // the series takes a clipped core's hue from its halo, so clipping does not pale it; a camera
    // tint can make white look up to ~0.3 saturated, real LED colours stay above ~0.6
    const bar = whiteSat;
    const chromatic = 1 / (1 + Math.exp(-(saturation - bar) / 0.05));
    const scores = emptyScores();
    scores.white = 1 - chromatic;
    let sum = 0;
    const like: number[] = HUE_PROTOTYPES.map((p) => {
      const z = hueDistanceDeg(hueDeg, p.hueDeg) / p.sigmaDeg;
      const v = Math.exp(-0.5 * z * z) + 1e-9;
      sum += v;
      return v;
    });
    HUE_PROTOTYPES.forEach((p, i) => {
      scores[p.name] += chromatic * (like[i] / sum);
    });
    let name: ColorName = 'white';
    for (const n of COLOR_NAMES) if (scores[n] > scores[name]) name = n;
    return { name, confidence: scores[name], scores };
  };
}

export const ruleColorNamer: ColorNamer = createRuleColorNamer();
