import type { CatalogModeId, ColorName, DeviceId } from '../catalog/types.js';

/**
 * What the renderer is asked to play and what the clip's label promises: the interface between the
 * renderer (src/synth) and everything that evaluates the decoder.
 */
export interface ScenarioPart {
  mode: CatalogModeId;
  code?: number;
  /** For modes whose colour is a parameter (solid, tracker modes). */
  color?: ColorName;
  /** Pattern variant id ('firmware' by default, 'docs' for the documentation page's animation). */
  variant?: string;
  /** How long this part plays; default: the mode's natural length (e.g. two SOS cycles) or 6 s. */
  durationMs?: number;
}

export interface Scenario {
  device: DeviceId;
  parts: ScenarioPart[];
  /** Global LED brightness 0..255 (Device OS default 96; Tracker scheme 255). */
  brightness?: number;
  /**
   * Device time (ms) at which filming starts: the parts play from device time 0, the clip shows
   * [startMs, end). Lets a clip begin mid-pattern, as real clips do. Rounded to the 25 ms LED tick.
   */
  startMs?: number;
}

/** One labelled state of the clip's ground truth. */
export interface LabelState {
  mode: CatalogModeId;
  code: number | null;
  color: ColorName | null;
  startS: number;
  endS: number;
}

/** The JSON written beside every rendered clip (`clip.mp4` → `clip.json`). */
export interface ClipLabel {
  file: string;
  device: DeviceId;
  seed: number;
  scenario: Scenario;
  /** What `diagnose` must answer (DESIGN.md §3 ranking applied by the scenario's author). */
  expected: { mode: CatalogModeId; code: number | null; color: ColorName | null };
  timeline: LabelState[];
  video: { width: number; height: number; fps: number; durationS: number; frames: number; rotationDeg: number; vfr: boolean; crf: number };
  /** Status LED centre and radius in displayed-frame pixels (rotation applied), at the clip's middle. */
  led: { x: number; y: number; radius: number };
  /** The hard conditions this clip was rendered with, for per-condition breakdowns. */
  conditions: string[];
}
