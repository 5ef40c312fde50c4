/**
 * Named scenarios: every catalog mode on its own, and the sequences a person really films (a boot,
 * bars interrupting breathing cyan, an SOS that resets and reboots…). How long each stage lasts is a
 * property of the situation (network, user), drawn from the seed; how the LED blinks within a stage
 * always comes from the catalog. Pure and isomorphic.
 */
import { getMode, type Catalog } from '../catalog/index.js';
import type { CatalogModeId, ColorName, DeviceId } from '../catalog/types.js';
import { Prng } from './prng.js';
import type { Scenario, ScenarioPart } from './scenario.js';
import { DEFAULT_PART_MS, partPattern, patternLengthMs, rebootParts } from './timeline.js';

export const PRESET_NAMES = ['boot', 'sos', 'sos-reboot', 'cloud-error', 'signal-bars', 'rainbow', 'power-issue', 'ota'] as const;
export type PresetName = (typeof PRESET_NAMES)[number];

export function isPresetName(x: string): x is PresetName {
  return (PRESET_NAMES as readonly string[]).includes(x);
}

export interface PresetOptions {
  device?: DeviceId;
  /** SOS code, signal bars, or (cloud-error) which error: 1 handshake-error, 2 no-internet, 3 cloud-unreachable. */
  code?: number;
  seed?: number;
  catalog?: Catalog;
}

const ms = (rng: Prng, lo: number, hi: number) => Math.round(rng.uniform(lo, hi) / 25) * 25;

/** The code a coded mode gets when none is asked for (an example people meet often). */
export function defaultCode(mode: CatalogModeId, catalog?: Catalog): number | undefined {
  const entry = getMode(mode, catalog);
  if (!entry.codes) return undefined;
  if (mode === 'sos') return 1;
  if (mode === 'signal-strength') return 3;
  return entry.codes.min;
}

/** The colour a colour-parameter mode gets when none is asked for. */
export function defaultColor(mode: CatalogModeId, catalog?: Catalog): ColorName | undefined {
  const entry = getMode(mode, catalog);
  return entry.colorParam ? entry.colorParam[0] : undefined;
}

/** One mode on its own, with its default code or colour filled in. */
export function modeScenario(
  mode: CatalogModeId,
  options: { device?: DeviceId; code?: number; color?: ColorName; variant?: string; durationMs?: number; catalog?: Catalog } = {},
): Scenario {
  const part: ScenarioPart = { mode };
  const code = options.code ?? defaultCode(mode, options.catalog);
  if (code !== undefined) part.code = code;
  const color = options.color ?? defaultColor(mode, options.catalog);
  if (color !== undefined) part.color = color;
  if (options.variant !== undefined) part.variant = options.variant;
  if (options.durationMs !== undefined) part.durationMs = options.durationMs;
  return { device: options.device ?? defaultDeviceFor(mode, options.catalog), parts: [part] };
}

/** A device that shows the mode (Boron when it can: it shows every standard mode and the bars). */
export function defaultDeviceFor(mode: CatalogModeId, catalog?: Catalog): DeviceId {
  const devices = getMode(mode, catalog).devices;
  return devices.includes('boron') ? 'boron' : devices[0];
}

/** A named scenario. Throws RangeError for an unknown name or a code out of range. */
export function presetScenario(name: PresetName, options: PresetOptions = {}): Scenario {
  const rng = new Prng(options.seed ?? 0).fork(`preset-${name}`);
  switch (name) {
    case 'boot': {
      // Power-up: dark, white, blinking green, blinking cyan, the fast-cyan handshake, breathing cyan.
      const parts = rebootParts(rng);
      parts[parts.length - 1] = { mode: 'connected', durationMs: ms(rng, 4000, 6000) };
      return { device: options.device ?? 'boron', parts };
    }
    case 'sos':
      return { device: options.device ?? 'boron', parts: [{ mode: 'sos', code: options.code ?? 1 }] };
    case 'sos-reboot': {
      // A panic plays its two SOS cycles, then the device resets, boots and reconnects.
      const code = options.code ?? 1;
      const sosMs = patternLengthMs(partPattern({ mode: 'sos', code }, options.catalog));
      return { device: options.device ?? 'boron', parts: [{ mode: 'sos', code, durationMs: sosMs + ms(rng, 6000, 9000) }] };
    }
    case 'cloud-error': {
      const which = options.code ?? 2;
      const mode: CatalogModeId | undefined = ({ 1: 'handshake-error', 2: 'handshake-no-internet', 3: 'handshake-cloud-unreachable' } as const)[which as 1 | 2 | 3];
      if (!mode) throw new RangeError('cloud-error takes --code 1 (handshake error), 2 (no internet) or 3 (cloud unreachable)');
      return {
        device: options.device ?? 'boron',
        parts: [
          { mode: 'connecting-network', durationMs: ms(rng, 1000, 2500) },
          { mode },
          { mode: 'connecting-cloud', durationMs: ms(rng, 1500, 3000) },
          { mode },
        ],
      };
    }
    case 'signal-bars': {
      const bars = options.code ?? 3;
      return {
        device: options.device ?? 'boron',
        parts: [
          { mode: 'connected', durationMs: ms(rng, 2500, 5000) },
          { mode: 'signal-strength', code: bars },
          { mode: 'connected', durationMs: ms(rng, 2000, 4000) },
        ],
      };
    }
    case 'rainbow':
      return {
        device: options.device ?? 'boron',
        parts: [
          { mode: 'connected', durationMs: ms(rng, 2000, 4000) },
          { mode: 'rainbow', durationMs: ms(rng, 3000, 5000) },
          { mode: 'connected', durationMs: ms(rng, 1500, 3000) },
        ],
      };
    case 'power-issue':
      return { device: options.device ?? 'boron', parts: [{ mode: 'power-issue', durationMs: ms(rng, 8000, 12000) }] };
    case 'ota':
      return {
        device: options.device ?? 'boron',
        parts: [
          { mode: 'connected', durationMs: ms(rng, 2000, 3000) },
          { mode: 'ota-update', durationMs: ms(rng, 4000, 6000) },
        ],
      };
  }
}

/** How long a part plays (its durationMs, else its pattern's natural length, else the default). */
export function partLengthMs(part: ScenarioPart, catalog?: Catalog): number {
  if (part.durationMs !== undefined) return part.durationMs;
  const natural = patternLengthMs(partPattern(part, catalog));
  return Number.isFinite(natural) ? natural : DEFAULT_PART_MS;
}

/** The scenario stretched or cut to `durationMs` by changing its last part. Throws RangeError when too short. */
export function withDuration(scenario: Scenario, durationMs: number, catalog?: Catalog): Scenario {
  const before = scenario.parts.slice(0, -1).reduce((s, p) => s + partLengthMs(p, catalog), 0);
  const rest = durationMs - before;
  if (rest <= 0) throw new RangeError(`this scenario needs more than ${(before / 1000).toFixed(1)} s`);
  const parts = scenario.parts.map((p, i) => (i === scenario.parts.length - 1 ? { ...p, durationMs: rest } : p));
  return { ...scenario, parts };
}
