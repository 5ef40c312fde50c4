/**
 * Messages between the page and its two workers: the tracker worker (frames in, LED samples out) and
 * the matcher worker (samples in, diagnoses out). The page forwards each sample, so one thread orders
 * samples and control messages. Plain data only: it crosses postMessage.
 */
import type { ColorName, DeviceId, ModeId } from '../catalog/types.js';
import type { LedSample } from '../signal/types.js';
import type { Region } from '../source/types.js';

/** Longer side of the frames the search looks at (the live tracker's own default, as the CLI). */
export const SEARCH_MAX_SIDE = 480;
/**
 * While searching, one camera frame in this many is searched. The search decides on clip time (its
 * first 1.5 s or more), not on a frame count, so it decides as soon, from 10 frames a second at 30 fps.
 * Measured at 720p (scripts/bench-web.mjs, loaded 2-core machine): a searched frame costs ~4 ms of
 * YUV shrink and ~3–10 ms of search, plus one decision step of tens of ms; searching every frame cost
 * 8–9 ms of worker CPU per camera frame, one in three 2.3–3.5 ms (warm). Same LED, same place.
 */
export const SEARCH_EVERY = 3;

/** How a frame's `data` holds its pixels. */
export type PixelFormat = 'RGBA' | 'I420' | 'NV12';

/** Plane layout and colour of a YUV frame as the camera delivered it (VideoFrame.copyTo without conversion). */
export interface YuvLayout {
  /** Y, then U, V (I420) or interleaved UV (NV12): byte offset and row stride of each plane. */
  planes: { offset: number; stride: number }[];
  /** Y'CbCr matrix; null when the stream does not say (treated as BT.601, as the browser draws it). */
  matrix: 'bt601' | 'bt709' | 'bt2020' | null;
  fullRange: boolean;
}

export type SourceKind = 'camera' | 'file';

/**
 * A frame's pixels as the page grabbed them: the whole view (search: shrunk RGBA from a canvas, or the
 * camera's own full-size YUV planes that the worker shrinks) or a crop around the LED (tracking, RGBA).
 */
export interface FrameMessage {
  type: 'frame';
  session: number;
  kind: 'search' | 'crop';
  /** Default RGBA. */
  format?: PixelFormat;
  /** For YUV formats. */
  yuv?: YuvLayout;
  width: number;
  height: number;
  originX: number;
  originY: number;
  scale: number;
  timestampMs: number;
  index: number;
  /** The pixels (transferred). */
  data: ArrayBuffer;
}

/** A new session: a source started, or the user clicked the LED (`at`) or asked for a new search. */
export interface ResetMessage {
  type: 'reset';
  session: number;
  source: SourceKind;
  width: number;
  height: number;
  at: { x: number; y: number } | null;
  /** Longer side of the search frames (default `SEARCH_MAX_SIDE`; the benchmark may try others). */
  searchMaxSide?: number;
}

/**
 * A clip went back to its start once the LED was found: keep the tracker, drop the samples, and
 * take frames of the new session id (the search's seconds are then measured too, as the CLI does).
 */
export interface RewindMessage {
  type: 'rewind';
  session: number;
}

/** To the tracker worker. */
export type ToTracker = FrameMessage | ResetMessage | RewindMessage;

/** To the matcher worker. */
export type ToMatcher =
  | ResetMessage
  /** One LED sample of the session, in frame order (the page forwards what the tracker measured). */
  | { type: 'sample'; session: number; sample: LedSample }
  | { type: 'device'; device: DeviceId | null }
  | RewindMessage
  /** The clip ended: classify everything seen at once, as the CLI does for a file. */
  | { type: 'finish'; session: number };

export type ToWorker = ToTracker | ToMatcher;

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
  /** The frame's whole-frame buffer, handed back (transferred) for a later grab. */
  recycled?: ArrayBuffer;
  /** Time the tracker worker spent on this frame (YUV shrink + search, or track + measure), ms. */
  workMs: number;
  /** Of which making the search frame from YUV planes (0 for RGBA frames), ms. */
  shrinkMs: number;
  failedSearches: number;
}

/** What the matcher worker has spent this session (every sample push, re-analyses included). */
export interface MatcherCost {
  samples: number;
  totalMs: number;
  /** The push that produced this analysis (a re-analysis of the window), ms. */
  analysisMs: number;
  /** Seconds of samples in the window it read. */
  windowS: number;
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
  /** The matcher's time so far (live analyses). */
  cost?: MatcherCost;
}

export type WorkerError = { type: 'error'; message: string };
export type FromTracker = FrameDone | WorkerError;
export type FromMatcher = DiagnosisUpdate | WorkerError;
export type FromWorker = FromTracker | FromMatcher;
