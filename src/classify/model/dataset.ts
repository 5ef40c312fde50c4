/**
 * Training and dev data for the colour model, made by the repo itself: a seed picks a colour, a mode
 * that shows it (solid, blinking, breathing or a composite) and camera conditions; the renderer
 * draws the frames, the real measurement path (the live tracker pinned at the label's LED) turns them into a
 * series, and the real segmenter (`segmentSeries` + `colorEvidenceOf`) turns ON runs into
 * `ColorEvidence`. The label is the colour the renderer drove during that run. Pure and isomorphic:
 * file caching and H.264 round trips live in scripts/train.mjs.
 */
import { getMode } from '../../catalog/index.js';
import { FIRMWARE_HEX } from '../../catalog/colors.js';
import { COLOR_NAMES, type CatalogModeId, type ColorName } from '../../catalog/types.js';
import { createLiveTracker } from '../../extract/live-tracker.js';
import { seriesFromSamples } from '../../signal/series.js';
import type { LedSample, LedSeries } from '../../signal/types.js';
import type { RgbFrame } from '../../source/types.js';
import { conditionTags, randomConditions, type RenderConditions } from '../../synth/conditions.js';
import { driveAt, type Drive } from '../../synth/drive.js';
import { prepareClip, type PreparedClip } from '../../synth/frames.js';
import { modeScenario } from '../../synth/presets.js';
import { Prng } from '../../synth/prng.js';
import type { Scenario } from '../../synth/scenario.js';
import { ruleColorNamer } from '../color-namer.js';
import { computeLevels } from '../levels.js';
import { colorEvidenceOf, segmentSeries } from '../segment.js';
import type { ColorEvidence } from '../types.js';

/** Seed ranges (shared with the other eval scripts): never train on dev seeds; fixtures use 1000–1999. */
export const TRAIN_SEED_BASE = 300000;
export const DEV_SEED_BASE = 100000;

export type ConditionLevel = 'clean' | 'hard';

/**
 * Modes that show each colour. Built from the catalog (any mode whose colours include it, the colour
 * passed as a parameter where the mode takes one), minus the rainbow (its steps are not the contract
 * hex) and modes whose only lit state is dim.
 */
const EXCLUDED_MODES: ReadonlySet<CatalogModeId> = new Set<CatalogModeId>(['rainbow', 'off', 'signal-strength', 'power-issue']);

export function modesShowing(color: ColorName): CatalogModeId[] {
  const out: CatalogModeId[] = [];
  for (const id of ALL_MODE_IDS) {
    if (EXCLUDED_MODES.has(id)) continue;
    const entry = getMode(id);
    if (entry.colors.includes(color) && (!entry.colorParam || entry.colorParam.includes(color))) out.push(id);
  }
  return out;
}

const ALL_MODE_IDS: readonly CatalogModeId[] = [
  'connected', 'ota-update', 'connecting-network', 'connecting-cloud', 'listening', 'network-reset', 'network-off',
  'safe-mode', 'dfu', 'firmware-reset', 'factory-reset', 'network-not-connected', 'cloud-not-connected',
  'handshake-decryption-error', 'handshake-no-internet', 'handshake-cloud-unreachable', 'handshake-auth-error',
  'handshake-error', 'sos', 'solid', 'tracker-connecting-cellular', 'tracker-connecting-cloud', 'tracker-connected',
];

export interface ColorClipSpec {
  seed: number;
  level: ConditionLevel;
  /** The colour this clip was drawn for (its runs may also show others: a composite's cyan). */
  color: ColorName;
  mode: CatalogModeId;
  scenario: Scenario;
  conditions: RenderConditions;
}

/**
 * What clip `seed` shows: colours cycle with the seed so every colour gets the same number of clips;
 * the mode, the solid share and the clip length are drawn from it.
 */
export function colorClipSpec(seed: number, level: ConditionLevel, durationMs = 5000): ColorClipSpec {
  const color = COLOR_NAMES[seed % COLOR_NAMES.length];
  const rng = new Prng(seed).fork('color-clip');
  const modes = modesShowing(color);
  // about 30% solid (a frozen LED has no OFF floor: the hardest case for the ON−OFF colour)
  const mode: CatalogModeId = rng.chance(0.3) ? 'solid' : rng.pick(modes.filter((m) => m !== 'solid'));
  const entry = getMode(mode);
  const scenario = modeScenario(mode, { color: entry.colorParam ? color : undefined, durationMs });
  // LED brightness: Device OS default 96, the Tracker scheme 255, apps sometimes dim it
  scenario.brightness = entry.devices.length === 1 && entry.devices[0] === 'tracker-som' ? 255 : rng.pick([96, 96, 96, 255, 48]);
  return { seed, level, color, mode, scenario, conditions: randomConditions(seed, level) };
}

/**
 * Conditions for the in-memory path: frames come in stored orientation, so they are drawn unrotated,
 * and on a smaller canvas (the LED keeps its pixel size; only the board around it is cut) so that
 * rendering stays cheap.
 */
export function inMemoryConditions(c: RenderConditions): RenderConditions {
  const landscape = c.width >= c.height;
  return { ...c, rotationDeg: 0, width: landscape ? 384 : 216, height: landscape ? 216 : 384 };
}

/**
 * How long the live tracker searches before it locks on (pinned at the LED, a short look is
 * enough; its defaults wait up to 12 s for a steady LED, longer than a training clip). Frames seen
 * while searching give no samples, so clips are a little longer than the data they yield.
 */
export const DATASET_SEARCH = { minSpanMs: 1000, spanMs: 1500, maxSpanMs: 1500 } as const;

/**
 * Measures frames with the live tracker (the browser's measuring path) pinned at `at`, and returns the
 * series. The file path (`extractSeries` with `--at`) is not used: at the time of writing its
 * radius estimate around a pinned point comes out about 1.5× the LED's and washes colours to white.
 */
export function seriesMeasurer(at: { x: number; y: number }): { push(frame: RgbFrame): void; series(): LedSeries } {
  const tracker = createLiveTracker({ at, search: DATASET_SEARCH });
  const samples: LedSample[] = [];
  return {
    push(frame) {
      const s = tracker.push(frame);
      if (s) samples.push(s);
    },
    series: () => seriesFromSamples(samples),
  };
}

export function measureFrames(frames: Iterable<RgbFrame>, at: { x: number; y: number }): LedSeries {
  const m = seriesMeasurer(at);
  for (const frame of frames) m.push(frame);
  return m.series();
}

/** Rendered frames as the source type (stored orientation: call with unrotated conditions). */
export function* preparedFrames(clip: PreparedClip): Generator<RgbFrame> {
  if (clip.conditions.rotationDeg !== 0) throw new RangeError('preparedFrames needs unrotated conditions (see inMemoryConditions())');
  for (const f of clip.frames()) {
    yield { width: clip.storedWidth, height: clip.storedHeight, channels: 3, data: f.rgb, timestampMs: f.tMs, index: f.index, originX: 0, originY: 0, scale: 1 };
  }
}

export interface ColorSample {
  evidence: ColorEvidence;
  label: ColorName;
  seed: number;
  level: ConditionLevel;
  mode: CatalogModeId;
  /** The clip went through H.264 encoding and decoding. */
  encoded: boolean;
  tags: string[];
}

const CONTRACT_CHROMA: ReadonlyArray<{ name: ColorName; rgb: [number, number, number] }> = COLOR_NAMES.map((name) => {
  const hex = FIRMWARE_HEX[name];
  return { name, rgb: [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255) as [number, number, number] };
});

/** The contract colour a drive level shows, by chromaticity (breathing scales all channels alike). */
export function contractColorOfDrive(r: number, g: number, b: number): ColorName | null {
  const m = Math.max(r, g, b);
  if (m <= 1e-3) return null;
  for (const c of CONTRACT_CHROMA) {
    if (Math.abs(r / m - c.rgb[0]) < 0.03 && Math.abs(g / m - c.rgb[1]) < 0.03 && Math.abs(b / m - c.rgb[2]) < 0.03) return c.name;
  }
  return null;
}

/** The one contract colour the drive shows while lit in [startMs, endMs], or null (dark, mixed, other). */
export function driveColorIn(drive: Drive, startMs: number, endMs: number): ColorName | null {
  let found: ColorName | null = null;
  let lit = 0;
  const step = Math.max(1, drive.stepMs);
  for (let t = startMs; t <= endMs; t += step) {
    const d = driveAt(drive, t);
    if (Math.max(d.r, d.g, d.b) <= 1e-3) continue;
    const c = contractColorOfDrive(d.r, d.g, d.b);
    if (!c || (found && c !== found)) return null;
    found = c;
    lit++;
  }
  return lit > 0 ? found : null;
}

export interface EvidenceOptions {
  /** Keep at most this many ON runs per clip, spread over it (blinking clips would dominate). */
  maxPerClip?: number;
  /** Runs of this colour are kept first (a composite drawn for orange also shows much cyan). */
  prefer?: ColorName;
}

/**
 * ON runs of a measured series with their evidence (the segmenter's own) and the colour the drive
 * showed during each. Runs the drive did not light in one contract colour are dropped.
 */
export function labelledEvidence(series: LedSeries, drive: Drive, options: EvidenceOptions = {}): Array<{ evidence: ColorEvidence; label: ColorName }> {
  if (series.tMs.length < 8) return [];
  const levels = computeLevels(series);
  // the rule namer only decides `multi` (rainbow) here; evidence does not depend on the namer
  const elements = segmentSeries(series, levels, { namer: ruleColorNamer });
  const out: Array<{ evidence: ColorEvidence; label: ColorName }> = [];
  // a frame integrates its exposure after its timestamp: look one frame past the last sample
  const frameMs = series.fps > 0 ? 1000 / series.fps : 33;
  for (const e of elements) {
    if (e.kind !== 'on' || e.i1 - e.i0 < 1) continue;
    const label = driveColorIn(drive, series.tMs[e.i0], series.tMs[e.i1 - 1] + frameMs);
    if (!label) continue;
    out.push({ evidence: colorEvidenceOf(series, levels, e.i0, e.i1, null), label });
  }
  const max = options.maxPerClip ?? 6;
  const spread = <T>(xs: T[], k: number): T[] => (xs.length <= k ? xs : Array.from({ length: k }, (_, j) => xs[Math.floor(((j + 0.5) * xs.length) / k)]));
  const preferred = out.filter((s) => s.label === options.prefer);
  const others = out.filter((s) => s.label !== options.prefer);
  const first = spread(preferred, max);
  return [...first, ...spread(others, Math.min(2, max - first.length))];
}

/** Evidence and labels of one dev/train clip measured in memory (no encoder). */
export function inMemorySamples(seed: number, level: ConditionLevel): ColorSample[] {
  const spec = colorClipSpec(seed, level);
  const clip = prepareClip(spec.scenario, inMemoryConditions(spec.conditions), seed);
  const series = measureFrames(preparedFrames(clip), clip.label.led);
  return labelledEvidence(series, clip.drive.drive, { prefer: spec.color }).map((s) => ({
    ...s,
    seed,
    level,
    mode: spec.mode,
    encoded: false,
    tags: conditionTags(spec.conditions),
  }));
}
