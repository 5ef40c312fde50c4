import { COLOR_NAMES, type ColorName, type ColorSpec, type Rgb8 } from './types.js';

/**
 * The contract colours as Device OS writes them (`RGB_COLOR_*` in particle-iot/device-os
 * services/inc/rgbled.h; DESIGN.md §1). Values are PWM targets before the global brightness.
 */
export const FIRMWARE_HEX: Readonly<Record<ColorName, string>> = {
  red: '#FF0000',
  orange: '#FF6000',
  yellow: '#FFFF00',
  green: '#00FF00',
  cyan: '#00FFFF',
  blue: '#0000FF',
  magenta: '#FF00FF',
  white: '#FFFFFF',
};

/** The contract colour `name` as a ColorSpec. */
export function colorSpec(name: ColorName): ColorSpec {
  return { name, hex: FIRMWARE_HEX[name] };
}

/** One ColorSpec per contract colour. */
export const COLOR: Readonly<Record<ColorName, ColorSpec>> = Object.fromEntries(
  COLOR_NAMES.map((n) => [n, colorSpec(n)]),
) as Record<ColorName, ColorSpec>;

/** Colours without a contract name that the firmware or the docs page draws. */
export const DIM_GREEN: ColorSpec = { name: null, hex: '#000A00' }; // signal-strength background, system/src/main.cpp LEDCounterStatus
export const POWER_OFF_GREY: ColorSpec = { name: null, hex: '#111111' }; // LED_SIGNAL_POWER_OFF, RGB_COLOR_GRAY in the default theme
/** The docs page draws the signal-strength background as rgba(0, 255, 0, 0.4). */
export const DOCS_DIM_GREEN: ColorSpec = { name: null, hex: '#006600' };

/**
 * Rainbow ("signal" / `particle nyan`) as the firmware plays it (DESIGN.md §1): violet, indigo,
 * blue, green, yellow, orange, red. Violet and indigo have no contract name; the orange step is
 * CSS orange FFA500, not the firmware's FF6000 error orange, but it reads as orange.
 */
export const RAINBOW_FIRMWARE: readonly ColorSpec[] = [
  { name: null, hex: '#EE82EE' },
  { name: null, hex: '#4B0082' },
  { name: 'blue', hex: '#0000FF' },
  { name: 'green', hex: '#00FF00' },
  { name: 'yellow', hex: '#FFFF00' },
  { name: 'orange', hex: '#FFA500' },
  { name: 'red', hex: '#FF0000' },
];

/** Rainbow as the docs page animates it (its "Rainbows/Nyan" pattern), starting from blue. */
export const RAINBOW_DOCS: readonly ColorSpec[] = [
  { name: 'blue', hex: '#0000F3' },
  { name: 'green', hex: '#00F300' },
  { name: 'yellow', hex: '#F3F300' },
  { name: 'orange', hex: '#F39C00' },
  { name: 'red', hex: '#F30000' },
  { name: null, hex: '#E37AE3' },
  { name: null, hex: '#47007A' },
];

/** Words for the unnamed colours, for text output. */
const UNNAMED_LABELS: Readonly<Record<string, string>> = {
  '#000A00': 'dim green',
  '#006600': 'dim green',
  '#111111': 'very dim grey',
  '#EE82EE': 'violet',
  '#E37AE3': 'violet',
  '#4B0082': 'indigo',
  '#47007A': 'indigo',
};

const HEX_RE = /^#?([0-9a-fA-F]{6})$/;

export function isHexColor(text: string): boolean {
  return HEX_RE.test(text);
}

/** "#rrggbb" or "rrggbb" → "#RRGGBB"; throws RangeError on anything else. */
export function normalizeHex(text: string): string {
  const m = HEX_RE.exec(text.trim());
  if (!m) throw new RangeError(`"${text}" is not a #RRGGBB colour`);
  return `#${m[1].toUpperCase()}`;
}

export function hexToRgb(hex: string): Rgb8 {
  const h = normalizeHex(hex);
  return { r: parseInt(h.slice(1, 3), 16), g: parseInt(h.slice(3, 5), 16), b: parseInt(h.slice(5, 7), 16) };
}

export function rgbToHex({ r, g, b }: Rgb8): string {
  const c = (v: number) => Math.max(0, Math.min(255, Math.round(v))).toString(16).padStart(2, '0');
  return `#${c(r)}${c(g)}${c(b)}`.toUpperCase();
}

/**
 * A colour as a saved LED theme stores it: 4 bits per channel, expanded back by repeating the
 * nibble (particle-iot/device-os system/src/system_led_signal.cpp, packColorComponent /
 * unpackColorComponent). FF6000 survives; 123456 becomes 113355.
 */
export function quantizeTheme4Bit(hex: string): string {
  const { r, g, b } = hexToRgb(hex);
  const q = (v: number) => (v >> 4) * 17;
  return rgbToHex({ r: q(r), g: q(g), b: q(b) });
}

/**
 * Hue in degrees (0 red, 120 green, 240 blue) and HSV saturation of an RGB triple, in any one scale
 * (8-bit or linear); grey and black give hue 0, saturation 0. The one hue formula every stage uses.
 */
export function hueSaturation(r: number, g: number, b: number): { hueDeg: number; saturation: number } {
  const max = Math.max(r, g, b);
  const c = max - Math.min(r, g, b);
  if (max <= 0 || c <= 0) return { hueDeg: 0, saturation: 0 };
  let h: number;
  if (max === r) h = ((g - b) / c) % 6;
  else if (max === g) h = (b - r) / c + 2;
  else h = (r - g) / c + 4;
  h *= 60;
  return { hueDeg: h < 0 ? h + 360 : h, saturation: c / max };
}

/** Smallest angle between two hues, degrees. */
export function hueDistanceDeg(a: number, b: number): number {
  const d = Math.abs(a - b) % 360;
  return d > 180 ? 360 - d : d;
}

function hueSaturationOfHex(hex: string): { hueDeg: number; saturation: number } {
  const { r, g, b } = hexToRgb(hex);
  return hueSaturation(r, g, b);
}

/** Each contract colour's hue as the firmware drives it (white's is meaningless). */
const FIRMWARE_HUE_DEG = Object.fromEntries(COLOR_NAMES.map((name) => [name, hueSaturationOfHex(FIRMWARE_HEX[name]).hueDeg])) as Record<ColorName, number>;

/** Hues this close are one step apart on the contract's circle (red 0°, orange 22.6°, yellow 60° as the firmware drives them), or the same colour. */
export const ONE_HUE_STEP_DEG = 45;

/** Two chromatic contract colours one hue step apart as the firmware drives them (red/orange, orange/yellow). */
export function oneHueStepApart(a: ColorName, b: ColorName): boolean {
  if (a === b || a === 'white' || b === 'white') return false;
  return hueDistanceDeg(FIRMWARE_HUE_DEG[a], FIRMWARE_HUE_DEG[b]) <= ONE_HUE_STEP_DEG;
}

/**
 * The contract colour a hex reads as: exact firmware hex first, else white for unsaturated
 * colours, else the nearest contract hue. Used to name custom theme colours.
 */
export function nearestColorName(hex: string): ColorName {
  const h = normalizeHex(hex);
  for (const name of COLOR_NAMES) if (FIRMWARE_HEX[name] === h) return name;
  const hsv = hueSaturationOfHex(h);
  if (hsv.saturation < 0.25) return 'white';
  let best: ColorName = 'red';
  let bestDist = Infinity;
  for (const name of COLOR_NAMES) {
    if (name === 'white') continue;
    const dist = hueDistanceDeg(FIRMWARE_HUE_DEG[name], hsv.hueDeg);
    if (dist < bestDist) {
      bestDist = dist;
      best = name;
    }
  }
  return best;
}

/** A ColorSpec for an arbitrary hex; the name is the contract colour it reads as. */
export function customColor(hex: string): ColorSpec {
  const h = normalizeHex(hex);
  return { name: nearestColorName(h), hex: h };
}

/** "cyan", or "violet (#EE82EE)" for colours without a contract name. */
export function colorLabel(spec: ColorSpec): string {
  if (spec.name !== null) return FIRMWARE_HEX[spec.name] === spec.hex ? spec.name : `${spec.name} (${spec.hex})`;
  const label = UNNAMED_LABELS[spec.hex];
  return label ? `${label} (${spec.hex})` : spec.hex;
}
