/**
 * The catalog's vocabulary. Everything the renderer draws and the matcher recognises is described
 * with these types, so the LED timing exists in exactly one place (the mode entries).
 */

/** Contract color names (DESIGN.md §3). */
export const COLOR_NAMES = ['red', 'orange', 'yellow', 'green', 'cyan', 'blue', 'magenta', 'white'] as const;
export type ColorName = (typeof COLOR_NAMES)[number];

/** Contract device ids: the seed page's device list. */
export const DEVICE_IDS = ['photon', 'electron', 'argon', 'boron', 'xenon', 'tracker-som'] as const;
export type DeviceId = (typeof DEVICE_IDS)[number];

/** Contract mode ids (DESIGN.md §3). `unknown` is what the tool says when it abstains. */
export const MODE_IDS = [
  'connected',
  'connecting-cloud',
  'connecting-network',
  'cloud-not-connected',
  'network-not-connected',
  'network-off',
  'listening',
  'network-reset',
  'safe-mode',
  'ota-update',
  'dfu',
  'firmware-reset',
  'factory-reset',
  'power-issue',
  'signal-strength',
  'rainbow',
  'handshake-decryption-error',
  'handshake-no-internet',
  'handshake-cloud-unreachable',
  'handshake-auth-error',
  'handshake-error',
  'sos',
  'solid',
  'off',
  'tracker-connecting-cellular',
  'tracker-connecting-cloud',
  'tracker-connected',
  'unknown',
] as const;
export type ModeId = (typeof MODE_IDS)[number];
export type CatalogModeId = Exclude<ModeId, 'unknown'>;

/** A color as the firmware drives it: 8-bit PWM targets per channel (before global brightness). */
export interface Rgb8 {
  r: number;
  g: number;
  b: number;
}

/**
 * A color in a pattern. `name` is the contract name when the color has one (rainbow steps such as
 * violet/indigo have none); `hex` is what the firmware writes.
 */
export interface ColorSpec {
  name: ColorName | null;
  hex: string; // "#RRGGBB"
}

/** A count that is either fixed or filled in from the mode's code (SOS code, cloud-error count, bars). */
export type Count = number | 'code';

/**
 * One step of an LED program. Durations are milliseconds of device time.
 * - solid: constant color for durationMs (Infinity = holds until something else happens).
 * - off: dark for durationMs.
 * - blink: `count` cycles of onMs at `color` then offMs at `offColor` (dark when absent); starts ON.
 * - breathe: `count` periods of a fade; `waveform` says its shape (firmware: linear triangle from
 *   full at t=0 to zero at P/2 and back; docs page: half-sine starting dark).
 * - irregular-blink: toggles at random intervals in [minToggleMs, maxToggleMs] (OTA: one toggle per
 *   chunk saved), for durationMs.
 */
export type Step =
  | { kind: 'solid'; color: ColorSpec; durationMs: number; signal?: LedSignalName }
  | { kind: 'off'; durationMs: number }
  | { kind: 'blink'; color: ColorSpec; offColor?: ColorSpec; onMs: number; offMs: number; count: Count; signal?: LedSignalName }
  | { kind: 'breathe'; color: ColorSpec; periodMs: number; waveform: BreatheWaveform; count: Count; signal?: LedSignalName }
  | { kind: 'irregular-blink'; color: ColorSpec; minToggleMs: number; maxToggleMs: number; durationMs: number; signal?: LedSignalName };

/**
 * Device OS system LED signals whose look a firmware theme can change (`LEDSystemTheme`). A step
 * tagged with `signal` is drawn by that signal, so a custom theme (src/catalog/theme.ts) restyles it.
 * Names follow `LEDSignal` in particle-iot/device-os system/inc/system_led_signal.h
 * (LED_SIGNAL_NETWORK_OFF … LED_SIGNAL_POWER_OFF), kebab-cased.
 */
export const LED_SIGNALS = [
  'network-off',
  'network-on',
  'network-connecting',
  'network-dhcp',
  'network-connected',
  'cloud-connecting',
  'cloud-handshake',
  'cloud-connected',
  'listening',
  'safe-mode',
  'dfu',
  'firmware-update',
  'power-off',
] as const;
export type LedSignalName = (typeof LED_SIGNALS)[number];

export type BreatheWaveform = 'triangle' | 'half-sine';

/**
 * An LED program: `intro` plays once (e.g. the blinking cyan before a cloud error), then `loop`
 * repeats `repeat` times (Infinity = forever). `then` names what the device does after the loop ends
 * (SOS plays twice and the device resets and boots again).
 */
export interface Pattern {
  intro?: Step[];
  loop: Step[];
  repeat: number;
  then?: 'reboot' | 'hold';
}

/** Where a number came from: a file of a public repository, or the seed documentation page. */
export interface Source {
  /** e.g. "particle-iot/device-os services/src/panic.c" or "seed: status-led-and-device-modes.md". */
  ref: string;
  note?: string;
}

/** A variant of how a mode looks: the firmware's real timing, and the docs page's animation. */
export interface PatternVariant {
  id: 'firmware' | 'docs' | string;
  pattern: Pattern;
  source: Source;
  /** Only these devices show this variant (absent: every device of the mode). */
  devices?: DeviceId[];
  /**
   * The colour the firmware drives when this variant is how the light may look instead (the page's
   * "seen as yellow or red" for orange blinks): the state is reported in the driven colour.
   */
  drivenColor?: ColorName;
}

/** Text a user reads, possibly specialised per device (falls back to `default`). */
export type DeviceText = { default: string } & Partial<Record<DeviceId, string>>;

/** What a `code` means for a coded mode (SOS panic codes, signal bars, cloud-error counts). */
export interface CodeEntry {
  code: number;
  name: string;
  meaning: string;
  advice?: string;
}

/**
 * The codes of a coded mode. A fault code (SOS) is one fact of one crash: a clip showing two codes
 * was misread somewhere. A reading (signal bars) may change from one showing to the next.
 */
export interface CodeTable {
  min: number;
  max: number;
  entries: CodeEntry[];
  kind: 'fault-code' | 'reading';
  /** How a reading's count is named ("3 bars"); absent for fault codes ("code 3"). */
  unit?: { one: string; many: string };
}

export interface ModeEntry {
  id: CatalogModeId;
  /** Human name, e.g. "Breathing cyan". */
  name: string;
  /** Heading(s) of the seed page this entry covers (tests check every heading is covered). */
  seedHeadings: string[];
  /** Contract color(s) this mode can show. */
  colors: ColorName[];
  /** Coarse pattern family, for the card and for the matcher's first cut. */
  family: 'solid' | 'off' | 'blink' | 'breathe' | 'composite';
  /** Variants; the first is the firmware's and is what the renderer draws by default. */
  variants: PatternVariant[];
  /** Timing tolerance the matcher allows on each duration, as a fraction and an absolute floor. */
  tolerance: { fraction: number; minMs: number };
  /** Devices that show this mode (following the seed page's conditionals). */
  devices: DeviceId[];
  meaning: DeviceText;
  advice: DeviceText;
  /** For coded modes: the valid code range and each code's meaning. */
  codes?: CodeTable;
  /** Modes whose colour is a parameter (solid, tracker modes): which colours are allowed. */
  colorParam?: ColorName[];
  /** Ranking class used to choose the diagnosis among timeline states (DESIGN.md §3). */
  severity: 'fault' | 'event' | 'state';
  /** Section of the seed page the mode belongs to (for listings and cards). */
  group?: ModeGroup;
}

export type ModeGroup = 'standard' | 'troubleshooting' | 'tracker';

/** A concrete request to the renderer / expander: a mode with its code and colour parameter. */
export interface ModeInstance {
  mode: CatalogModeId;
  code?: number;
  color?: ColorName;
  variant?: string;
}
