import { BadInputError } from '../errors.js';
import { COLOR, POWER_OFF_GREY, colorSpec, customColor, isHexColor, normalizeHex, quantizeTheme4Bit } from './colors.js';
import type { ConcreteStep } from './expand.js';
import { stepDurationMs } from './expand.js';
import type { Catalog } from './index.js';
import {
  BLINK_PERIOD_MS,
  BREATHE_PERIOD_MS,
  THEME_PERIOD_MAX_MS,
  THEME_PERIOD_UNIT_MS,
  speedPeriodMs,
  type Speed,
} from './timing.js';
import {
  COLOR_NAMES,
  LED_SIGNALS,
  type ColorName,
  type ColorSpec,
  type LedSignalName,
  type ModeEntry,
  type Pattern,
  type PatternVariant,
  type Step,
} from './types.js';

/**
 * Custom LED themes. Device OS lets an application restyle each system LED signal
 * (`LEDSystemTheme::setSignal(signal, color, pattern, speed|period)` in particle-iot/device-os
 * wiring/inc/spark_wiring_led.h; the signals are the `LEDSignal` enum of
 * system/inc/system_led_signal.h). A fleet with its own theme blinks its own colours, so the
 * catalog has to be restyled before the matcher can read it.
 *
 * Theme file (JSON): an object mapping signal → `{ color, pattern, speed }`, optionally wrapped as
 * `{ "signals": { … } }`. `color` is "#RRGGBB" or a contract colour name; `pattern` is solid,
 * blink or breathe (fade); `speed` is slow, normal, fast or a period in ms (also `periodMs`).
 * Missing fields keep the default theme's value. Like the firmware, colours are stored at 4 bits
 * per channel and periods in 50 ms units (system/src/system_led_signal.cpp).
 */

export type ThemePattern = 'solid' | 'blink' | 'breathe';

export interface ThemeSignal {
  color: ColorSpec;
  pattern: ThemePattern;
  /** 0 for solid. */
  periodMs: number;
}

export interface Theme {
  signals: Partial<Record<LedSignalName, ThemeSignal>>;
}

/** Device OS's factory theme (DEFAULT_THEME_DATA in system/src/system_led_signal.cpp). */
export const DEFAULT_THEME: Readonly<Record<LedSignalName, ThemeSignal>> = {
  'network-off': { color: COLOR.white, pattern: 'breathe', periodMs: BREATHE_PERIOD_MS.normal },
  'network-on': { color: COLOR.blue, pattern: 'breathe', periodMs: BREATHE_PERIOD_MS.normal },
  'network-connecting': { color: COLOR.green, pattern: 'blink', periodMs: BLINK_PERIOD_MS.normal },
  'network-dhcp': { color: COLOR.green, pattern: 'blink', periodMs: BLINK_PERIOD_MS.fast },
  'network-connected': { color: COLOR.green, pattern: 'breathe', periodMs: BREATHE_PERIOD_MS.normal },
  'cloud-connecting': { color: COLOR.cyan, pattern: 'blink', periodMs: BLINK_PERIOD_MS.normal },
  'cloud-handshake': { color: COLOR.cyan, pattern: 'blink', periodMs: BLINK_PERIOD_MS.fast },
  'cloud-connected': { color: COLOR.cyan, pattern: 'breathe', periodMs: BREATHE_PERIOD_MS.normal },
  listening: { color: COLOR.blue, pattern: 'blink', periodMs: BLINK_PERIOD_MS.slow },
  'safe-mode': { color: COLOR.magenta, pattern: 'breathe', periodMs: BREATHE_PERIOD_MS.normal },
  dfu: { color: COLOR.yellow, pattern: 'blink', periodMs: BLINK_PERIOD_MS.normal },
  'firmware-update': { color: COLOR.magenta, pattern: 'blink', periodMs: BLINK_PERIOD_MS.fast },
  'power-off': { color: POWER_OFF_GREY, pattern: 'solid', periodMs: 0 },
};

const ALIASES: Readonly<Record<string, LedSignalName>> = {
  'listening-mode': 'listening',
  'dfu-mode': 'dfu',
  'network-disconnected': 'network-on',
};

/** "LED_SIGNAL_NETWORK_ON", "network_on", "Network-On" → "network-on" (or undefined). */
export function normalizeSignalName(raw: string): LedSignalName | undefined {
  const key = raw.trim().toLowerCase().replace(/^led_signal_/, '').replace(/_/g, '-');
  if ((LED_SIGNALS as readonly string[]).includes(key)) return key as LedSignalName;
  return ALIASES[key];
}

function fail(message: string): never {
  throw new BadInputError(`theme: ${message}`);
}

function isPlainObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function parseColor(where: string, value: unknown): ColorSpec {
  if (typeof value !== 'string') fail(`${where}.color must be a string ("#RRGGBB" or one of ${COLOR_NAMES.join(', ')})`);
  const lower = value.trim().toLowerCase();
  if ((COLOR_NAMES as readonly string[]).includes(lower)) return colorSpec(lower as ColorName);
  if (!isHexColor(value)) fail(`${where}.color "${value}" is not a colour (use "#RRGGBB" or one of ${COLOR_NAMES.join(', ')})`);
  return customColor(quantizeTheme4Bit(normalizeHex(value)));
}

function parsePattern(where: string, value: unknown): ThemePattern {
  const p = typeof value === 'string' ? value.trim().toLowerCase() : value;
  if (p === 'solid' || p === 'blink' || p === 'breathe') return p;
  if (p === 'fade') return 'breathe';
  fail(`${where}.pattern must be solid, blink or breathe (got ${JSON.stringify(value)})`);
}

function parsePeriod(where: string, value: unknown, pattern: 'blink' | 'breathe'): number {
  if (typeof value === 'string') {
    const s = value.trim().toLowerCase();
    if (s === 'slow' || s === 'normal' || s === 'fast') return speedPeriodMs(pattern, s as Speed);
    fail(`${where}.speed must be slow, normal, fast or a period in ms (got "${value}")`);
  }
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || value > THEME_PERIOD_MAX_MS) {
    fail(`${where}.speed must be slow, normal, fast or a period in ms between ${THEME_PERIOD_UNIT_MS} and ${THEME_PERIOD_MAX_MS} (got ${JSON.stringify(value)})`);
  }
  // The firmware keeps the period in 50 ms units.
  return Math.max(1, Math.round(value / THEME_PERIOD_UNIT_MS)) * THEME_PERIOD_UNIT_MS;
}

const SIGNAL_FIELDS = new Set(['color', 'pattern', 'speed', 'periodMs']);
const WRAPPER_FIELDS = new Set(['signals', 'name', 'description', '$schema']);

/** Validates a parsed theme JSON; throws BadInputError with one line on any problem. */
export function parseTheme(json: unknown): Theme {
  if (!isPlainObject(json)) fail('the file must hold a JSON object mapping LED signal names to { color, pattern, speed }');
  let entries: Record<string, unknown> = json;
  if ('signals' in json) {
    if (!isPlainObject(json.signals)) fail('"signals" must be an object mapping LED signal names to { color, pattern, speed }');
    for (const k of Object.keys(json)) if (!WRAPPER_FIELDS.has(k)) fail(`unknown top-level field "${k}" (expected signals, name, description)`);
    entries = json.signals;
  }
  const signals: Partial<Record<LedSignalName, ThemeSignal>> = {};
  for (const [rawName, value] of Object.entries(entries)) {
    const name = normalizeSignalName(rawName);
    if (!name) fail(`unknown LED signal "${rawName}" (valid: ${LED_SIGNALS.join(', ')})`);
    if (signals[name]) fail(`LED signal "${name}" is given twice`);
    if (!isPlainObject(value)) fail(`${name} must be an object like { "color": "#FF8800", "pattern": "blink", "speed": "fast" }`);
    for (const k of Object.keys(value)) if (!SIGNAL_FIELDS.has(k)) fail(`${name} has unknown field "${k}" (expected color, pattern, speed)`);
    if ('speed' in value && 'periodMs' in value) fail(`${name}: give speed or periodMs, not both`);
    const base = DEFAULT_THEME[name];
    const color = 'color' in value ? parseColor(name, value.color) : base.color;
    const pattern = 'pattern' in value ? parsePattern(name, value.pattern) : base.pattern;
    const speedValue = 'speed' in value ? value.speed : 'periodMs' in value ? value.periodMs : undefined;
    let periodMs: number;
    if (pattern === 'solid') periodMs = 0;
    else if (speedValue !== undefined) periodMs = parsePeriod(name, speedValue, pattern);
    else periodMs = base.pattern === pattern ? base.periodMs : speedPeriodMs(pattern, 'normal');
    signals[name] = { color, pattern, periodMs };
  }
  if (Object.keys(signals).length === 0) fail('no LED signals given');
  return { signals };
}

/**
 * The step a themed signal draws in place of `step`, lasting about as long. `cycle`: the step is
 * one cycle of a signal that repeats forever, so it stays one cycle of the new pattern.
 */
function restyle(step: Step, ts: ThemeSignal, cycle: boolean): Step {
  const signal = 'signal' in step ? step.signal : undefined;
  const concrete: ConcreteStep = step.kind === 'blink' || step.kind === 'breathe' ? { ...step, count: step.count === 'code' ? 1 : step.count } : step;
  const durationMs = stepDurationMs(concrete);
  const tag = signal ? { signal } : {};
  if (ts.pattern === 'solid') return { kind: 'solid', color: ts.color, durationMs, ...tag };
  const count = cycle || !Number.isFinite(durationMs) ? 1 : Math.max(1, Math.round(durationMs / ts.periodMs));
  if (ts.pattern === 'blink') return { kind: 'blink', color: ts.color, onMs: ts.periodMs / 2, offMs: ts.periodMs / 2, count, ...tag };
  return { kind: 'breathe', color: ts.color, periodMs: ts.periodMs, waveform: 'triangle', count, ...tag };
}

function recolor(step: Step, color: ColorSpec): Step {
  return step.kind === 'off' ? step : { ...step, color };
}

function signalOf(step: Step): LedSignalName | undefined {
  return step.kind === 'off' ? undefined : step.signal;
}

/**
 * The bootloader only takes theme colours (get_led_theme_colors in bootloader/src/main.c), and
 * the OTA flicker is driven by chunk arrivals, so those steps keep their timing and take the
 * colour only.
 */
function colourOnly(variant: PatternVariant, step: Step): boolean {
  return variant.id.startsWith('bootloader') || step.kind === 'irregular-blink' || variant.source.ref.includes('bootloader/');
}

function stepColors(steps: readonly Step[]): ColorName[] {
  const out: ColorName[] = [];
  for (const s of steps) if (s.kind !== 'off' && s.color.name) out.push(s.color.name);
  return out;
}

function themeEntry(entry: ModeEntry, theme: Theme): ModeEntry {
  const themed = (s: Step) => {
    const sig = signalOf(s);
    return sig !== undefined && theme.signals[sig] !== undefined;
  };
  const affected = entry.variants.some((v) => [...(v.pattern.intro ?? []), ...v.pattern.loop].some(themed));
  if (!affected) return entry;
  const apply = (v: PatternVariant, inLoop: boolean) => (s: Step) => {
    const sig = signalOf(s);
    const ts = sig ? theme.signals[sig] : undefined;
    if (!ts) return s;
    if (colourOnly(v, s)) return recolor(s, ts.color);
    const cycle = inLoop && v.pattern.repeat === Infinity && v.pattern.loop.length === 1 && 'count' in s && s.count === 1;
    return restyle(s, ts, cycle);
  };
  // Variants with no themed step show the default colours (the docs page's drawings): a themed
  // device never shows them.
  const variants = entry.variants
    .filter((v) => [...(v.pattern.intro ?? []), ...v.pattern.loop].some(themed))
    .map((v): PatternVariant => {
      const pattern: Pattern = { loop: v.pattern.loop.map(apply(v, true)), repeat: v.pattern.repeat };
      if (v.pattern.intro) pattern.intro = v.pattern.intro.map(apply(v, false));
      if (v.pattern.then) pattern.then = v.pattern.then;
      const note = `${v.source.note ? `${v.source.note}; ` : ''}restyled by a custom LED theme`;
      return { ...v, pattern, source: { ref: v.source.ref, note } };
    });
  const present = new Set(variants.flatMap((v) => stepColors([...(v.pattern.intro ?? []), ...v.pattern.loop])));
  // Keep the entry's order where colours survive, then add the new ones in the order they appear.
  const colors = entry.colors.filter((c) => present.has(c));
  for (const v of variants) for (const c of stepColors([...(v.pattern.loop ?? []), ...(v.pattern.intro ?? [])])) if (!colors.includes(c)) colors.push(c);
  return { ...entry, name: `${entry.name} (custom theme)`, colors, variants };
}

/** A new catalog whose entries draw the theme's colours and patterns; the input is untouched. */
export function applyTheme(catalog: Catalog, theme: Theme): Catalog {
  return { modes: catalog.modes.map((e) => themeEntry(e, theme)) };
}
