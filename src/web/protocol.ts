/**
 * Messages between the page (frames from the camera or a clip) and the worker that runs the core:
 * tracker + streaming matcher. Plain data only: it crosses postMessage.
 */
import type { ColorName, DeviceId, ModeId } from '../catalog/types.js';
import type { LedSample } from '../signal/types.js';
import type { Region } from '../source/types.js';

/** Longer side of the frames the page sends while searching (the live tracker's own default). */
export const SEARCH_MAX_SIDE = 480;

export type SourceKind = 'camera' | 'file';

/** A frame's pixels as the page grabbed them: the whole view shrunk (search) or a crop (tracking). */
export interface FrameMessage {
  type: 'frame';
  session: number;
  kind: 'search' | 'crop';
  width: number;
  height: number;
  originX: number;
  originY: number;
  scale: number;
  timestampMs: number;
  index: number;
  /** RGBA bytes (ImageData's buffer, transferred). */
  data: ArrayBuffer;
}

export type ToWorker =
  | FrameMessage
  /** A new session: a source started, or the user clicked the LED (`at`) or asked for a new search. */
  | { type: 'reset'; session: number; source: SourceKind; width: number; height: number; at: { x: number; y: number } | null }
  | { type: 'device'; device: DeviceId | null }
  /**
   * A clip went back to its start once the LED was found: keep the tracker, drop the samples, and
   * take frames of the new session id (the search's seconds are then measured too, as the CLI does).
   */
  | { type: 'rewind'; session: number }
  /** The clip ended: classify everything seen at once, as the CLI does for a file. */
  | { type: 'finish'; session: number };

export interface CardInfo {
  mode: ModeId;
  code: number | null;
  color: ColorName | null;
  /** Human name of the mode ("Breathing cyan"); empty for unknown. */
  name: string;
  confidence: number;
  meaning: string;
  advice: string;
  startS: number;
  endS: number;
  reason: string;
  notes: string[];
  periodMs: number | null;
  fps: number;
}

export interface TimelineItem {
  mode: ModeId;
  /** Human name of the mode; empty for unknown. */
  name: string;
  code: number | null;
  color: ColorName | null;
  startS: number;
  endS: number;
  confidence: number;
  sufficient: boolean;
}

export interface FrameDone {
  type: 'frame-done';
  session: number;
  index: number;
  state: 'searching' | 'tracking';
  /** Where the LED is now (displayed px), null while searching. */
  position: { x: number; y: number; radius: number } | null;
  /** The crop the next frame should send (displayed px), null while searching. */
  nextCrop: Region | null;
  sample: LedSample | null;
  /** Time spent in the worker on this frame (tracker + matcher), ms. */
  workMs: number;
  /** Of which the tracker (search or track + measure), ms. */
  trackMs: number;
  /** Of which the matcher (a re-analysis of the window runs every `reanalyseEveryMs` of samples), ms. */
  matchMs: number;
  failedSearches: number;
}

export interface DiagnosisUpdate {
  type: 'diagnosis';
  session: number;
  /** The state the matcher stands behind (enough evidence), else null. */
  confirmed: CardInfo | null;
  /** The latest analysis' pick while evidence is still short. */
  tentative: CardInfo | null;
  timeline: TimelineItem[];
  /** Seconds of LED samples behind this analysis. */
  evidenceS: number;
  /** True for the whole-clip analysis after a file ended. */
  final: boolean;
}

export type FromWorker = FrameDone | DiagnosisUpdate | { type: 'error'; message: string };
