/**
 * The catalog's public API: what the LED does in each mode, on which device, and what it means.
 * Isomorphic (no Node API): the CLI, the browser and the tests all read it.
 */
import { colorSpec } from './colors.js';
import { pickVariant } from './expand.js';
import { MODES } from './modes.js';
import { applyTheme, type Theme } from './theme.js';
import {
  COLOR_NAMES,
  DEVICE_IDS,
  MODE_IDS,
  type CatalogModeId,
  type CodeEntry,
  type ColorName,
  type DeviceId,
  type DeviceText,
  type ModeEntry,
  type ModeId,
  type ModeInstance,
  type Pattern,
  type Step,
} from './types.js';

export interface Catalog {
  modes: readonly ModeEntry[];
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

const DEFAULT: Catalog = deepFreeze({ modes: MODES });

/** Every mode, for every device, with the factory LED theme. Frozen: derive, don't mutate. */
export function defaultCatalog(): Catalog {
  return DEFAULT;
}

function stepsOf(pattern: Pattern): Step[] {
  return [...(pattern.intro ?? []), ...pattern.loop];
}

function restrictToDevice(entry: ModeEntry, device: DeviceId): ModeEntry {
  const variants = entry.variants.filter((v) => !v.devices || v.devices.includes(device));
  if (variants.length === entry.variants.length) return entry;
  const shown = new Set<ColorName>();
  for (const v of variants) for (const s of stepsOf(v.pattern)) if (s.kind !== 'off' && s.color.name) shown.add(s.color.name);
  const colors = entry.colorParam ? entry.colors : entry.colors.filter((c) => shown.has(c));
  return { ...entry, variants, colors };
}

// one catalog object per device, built once: callers (the stream re-classifies every few hundred ms)
// cache work per mode entry, which only pays when the entries are the same objects each time
const DEVICE_CATALOGS = new Map<DeviceId, Catalog>();

function deviceCatalog(device: DeviceId): Catalog {
  let catalog = DEVICE_CATALOGS.get(device);
  if (!catalog) {
    catalog = Object.freeze({ modes: Object.freeze(DEFAULT.modes.filter((m) => m.devices.includes(device)).map((m) => restrictToDevice(m, device))) });
    DEVICE_CATALOGS.set(device, catalog);
  }
  return catalog;
}

/**
 * The catalog one device can show (following the seed page's conditionals; the Tracker SoM gets
 * the Tracker scheme and the standard scheme, since it can be set to either), optionally restyled
 * by a custom LED theme.
 */
export function catalogFor(device?: DeviceId, theme?: Theme): Catalog {
  let catalog: Catalog = DEFAULT;
  if (device !== undefined) catalog = deviceCatalog(device);
  if (theme !== undefined) catalog = applyTheme(catalog, theme);
  return catalog;
}

/**
 * What a decoder matches against: the device's modes, or without a device the standard Particle scheme
 * (DESIGN.md §3: without --device, answer with the standard scheme), so a solid yellow or green LED of
 * an unknown device is `solid`, not the Tracker scheme's `tracker-connected`.
 */
export function decodingCatalogFor(device?: DeviceId, theme?: Theme): Catalog {
  const catalog = catalogFor(device, theme);
  return device !== undefined ? catalog : { modes: catalog.modes.filter((m) => m.group !== 'tracker') };
}

/** The entry of a mode, or undefined when the catalog (e.g. filtered for a device) lacks it. */
export function findMode(id: CatalogModeId, catalog: Catalog = DEFAULT): ModeEntry | undefined {
  return catalog.modes.find((m) => m.id === id);
}

/** The entry of a mode; throws RangeError when the catalog lacks it. */
export function getMode(id: CatalogModeId, catalog: Catalog = DEFAULT): ModeEntry {
  const entry = findMode(id, catalog);
  if (!entry) throw new RangeError(`the catalog has no mode "${id}"`);
  return entry;
}

/** A device's wording of a text (its own when the page differs, else the default). */
export function textFor(text: DeviceText, device?: DeviceId): string {
  return (device !== undefined ? text[device] : undefined) ?? text.default;
}

/** What a code of a coded mode means (SOS panic code, signal bars), if the mode has it. */
export function codeEntry(modeId: CatalogModeId, code: number, catalog: Catalog = DEFAULT): CodeEntry | undefined {
  return findMode(modeId, catalog)?.codes?.entries.find((e) => e.code === code);
}

/** How a code reads beside its mode's name: "3 bars" for a reading, "code 3" for a fault code. */
export function codeLabel(modeId: string, code: number, catalog: Catalog = DEFAULT): string {
  const table = isCatalogModeId(modeId) ? findMode(modeId, catalog)?.codes : undefined;
  return table?.unit ? `${code} ${code === 1 ? table.unit.one : table.unit.many}` : `code ${code}`;
}

/** Whether a mode's code is one fixed fact of the event (an SOS panic code), not a changing reading. */
export function isFaultCode(modeId: string, catalog: Catalog = DEFAULT): boolean {
  return isCatalogModeId(modeId) && findMode(modeId, catalog)?.codes?.kind === 'fault-code';
}

/**
 * The pattern a mode instance plays: its variant (the firmware's by default) with the colour
 * parameter applied for modes that take one (solid, tracker modes).
 */
export function patternFor(instance: ModeInstance, catalog: Catalog = DEFAULT): Pattern {
  const entry = getMode(instance.mode, catalog);
  const pattern = pickVariant(entry, instance.variant).pattern;
  if (instance.color === undefined || !entry.colorParam) return pattern;
  if (!entry.colorParam.includes(instance.color)) {
    throw new RangeError(`mode ${entry.id} takes colour ${entry.colorParam.join('|')}, not ${instance.color}`);
  }
  const color = colorSpec(instance.color);
  const recolor = (s: Step): Step => (s.kind === 'off' ? s : { ...s, color });
  return { ...pattern, intro: pattern.intro?.map(recolor), loop: pattern.loop.map(recolor) };
}

export function isDeviceId(x: unknown): x is DeviceId {
  return typeof x === 'string' && (DEVICE_IDS as readonly string[]).includes(x);
}

export function isModeId(x: unknown): x is ModeId {
  return typeof x === 'string' && (MODE_IDS as readonly string[]).includes(x);
}

export function isCatalogModeId(x: unknown): x is CatalogModeId {
  return isModeId(x) && x !== 'unknown';
}

export function isColorName(x: unknown): x is ColorName {
  return typeof x === 'string' && (COLOR_NAMES as readonly string[]).includes(x);
}

export * from './types.js';
export * from './expand.js';
export * from './colors.js';
export * from './devices.js';
export * from './describe.js';
export * from './theme.js';
export { SOS_CODES, sosCode } from './sos-codes.js';
export { SIGNAL_BAR_CODES } from './signal-bars.js';
export { CLOUD_ERRORS, cloudErrorFor, cloudErrorRow, type CloudErrorRow } from './cloud-errors.js';
export * as timing from './timing.js';
