/**
 * What the page's workers run: the CLI's own tracker (`createLiveTracker`) in one, and its streaming
 * matcher (`createStreamingMatcher`) in the other, fed the frames the page grabs, with the card text
 * from `explain` — the same meaning and advice `ledscope diagnose` prints. Two workers so that a
 * re-analysis of the matcher's window (tens of ms) never holds up a frame. No DOM, no Node:
 * unit-testable anywhere; `createWebEngine` runs both in one thread.
 */
import { decodingCatalogFor, findMode, type Catalog } from '../catalog/index.js';
import type { CatalogModeId, DeviceId } from '../catalog/types.js';
import { classifySeries, createStreamingMatcher, DEFAULT_WINDOW_MS, type StreamingMatcher } from '../classify/index.js';
import type { Classification, Diagnosis, StateSpan } from '../classify/types.js';
import { createLiveTracker, type LiveTracker } from '../extract/live-tracker.js';
import { squareAround, trackingCropHalf } from '../locate/regions.js';
import { explain } from '../report/diagnosis-json.js';
import { seriesFromSamples } from '../signal/series.js';
import type { LedSample } from '../signal/types.js';
import type { Region, RgbFrame } from '../source/types.js';
import {
  SEARCH_MAX_SIDE,
  type CardInfo,
  type DiagnosisUpdate,
  type FrameMessage,
  type FromMatcher,
  type FromTracker,
  type FromWorker,
  type SourceKind,
  type TimelineItem,
  type ToMatcher,
  type ToTracker,
  type ToWorker,
} from './protocol.js';
import { searchGeometry, shrinkYuvToRgb } from './yuv.js';

/** Shake allowance for the tracking crop (displayed px): a hand-held board moves a few px per frame. */
const CROP_SHAKE_PX = 8;
/**
 * How often the matcher re-reads its window. A re-analysis costs 1–2 ms of CPU per second of window
 * (30–60 ms for the full 32 s, breathing vs SOS, measured in Node on the loaded 2-core machine); once
 * a second keeps its share at 1–2 ms per frame at 30 fps (every 500 ms cost 2–3.3 ms), first
 * confirmations came as soon (breathing and SOS code 2 at 6 s), and the card follows within a second.
 */
const REANALYSE_EVERY_MS = 1000;
/** Longest search around a clicked spot (the search's usual span, 4 s). */
const AT_SEARCH_MAX_MS = 4000;
/** Samples kept for the whole-clip analysis and for replaying after a device change (~10 min at 30 fps). */
const MAX_SAMPLES = 18000;

export interface TrackerEngine {
  handle(message: ToTracker): void;
}

export interface MatcherEngine {
  handle(message: ToMatcher): void;
}

/** Both engines in one thread (tests; the page runs each in its own worker). */
export interface WebEngine {
  handle(message: ToWorker): void;
}

function cardFrom(d: Diagnosis, span: StateSpan | undefined, catalog: Catalog, device: DeviceId | null): CardInfo {
  const { meaning, advice } = explain(d.mode, d.code, catalog, device ?? undefined);
  const entry = d.mode === 'unknown' ? undefined : findMode(d.mode as CatalogModeId, catalog);
  return {
    mode: d.mode,
    code: d.code,
    color: d.color,
    name: entry?.name ?? '',
    confidence: d.confidence,
    meaning,
    advice,
    startS: d.startS,
    endS: d.endS,
    reason: d.reason,
    notes: [...(span?.evidence.notes ?? []), ...(d.notes ?? [])],
    periodMs: span?.evidence.periodMs ?? null,
    fps: span?.evidence.fps ?? 0,
  };
}

function spanOf(d: Diagnosis, c: Classification): StateSpan | undefined {
  const s = d.spanIndex >= 0 ? c.timeline[d.spanIndex] : undefined;
  return s && s.mode === d.mode && s.code === d.code ? s : undefined;
}

function timelineOf(c: Classification, catalog: Catalog): TimelineItem[] {
  return c.timeline.map((s) => ({
    mode: s.mode,
    name: s.mode === 'unknown' ? '' : (findMode(s.mode as CatalogModeId, catalog)?.name ?? ''),
    code: s.code,
    color: s.color,
    startS: s.startS,
    endS: s.endS,
    confidence: s.confidence,
    sufficient: s.evidence.sufficient,
  }));
}

/** Frames in, LED samples out: the search on shrunk whole frames, then tracking on crops. */
export function createTrackerEngine(post: (message: FromTracker) => void, now: () => number = () => performance.now()): TrackerEngine {
  let session = -1;
  let source: SourceKind = 'camera';
  let width = 0;
  let height = 0;
  let searchMaxSide = SEARCH_MAX_SIDE;
  let tracker: LiveTracker = createLiveTracker({ searchMaxSide });
  /** The shrunk search frame's pixels, reused frame to frame (the search copies what it keeps). */
  let searchRgb: Uint8Array | undefined;

  function cropFor(position: { x: number; y: number; radius: number }): Region {
    const scale = searchGeometry(width, height, searchMaxSide).scale;
    const half = Math.max(24, trackingCropHalf(position.radius, CROP_SHAKE_PX, 2 * scale + 2));
    return squareAround(position.x, position.y, half, width, height);
  }

  function rgbFrame(m: FrameMessage): RgbFrame {
    const format = m.format ?? 'RGBA';
    if (format === 'RGBA') {
      // a view on the transferred buffer, not a copy
      return { width: m.width, height: m.height, channels: 4, data: new Uint8ClampedArray(m.data), timestampMs: m.timestampMs, index: m.index, originX: m.originX, originY: m.originY, scale: m.scale };
    }
    if (!m.yuv) throw new Error(`a ${format} frame came without its plane layout`);
    const frame = shrinkYuvToRgb({ format, layout: m.yuv, width: m.width, height: m.height, data: new Uint8Array(m.data), timestampMs: m.timestampMs, index: m.index }, searchMaxSide, searchRgb);
    searchRgb = frame.data as Uint8Array;
    return frame;
  }

  function onFrame(m: FrameMessage): void {
    if (m.session !== session) return;
    const t0 = now();
    let sample: LedSample | null = null;
    let tShrunk = t0;
    // a crop can only be read once the tracker knows where the LED is; search frames still in flight
    // when the LED was found are shrunk copies: their readings would not match the crops' and the
    // first second of the trace would show a step that is not the LED's
    if (m.kind === (tracker.state === 'searching' ? 'search' : 'crop')) {
      const frame = rgbFrame(m);
      tShrunk = now();
      sample = tracker.push(frame);
    }
    const t1 = now();
    const position = tracker.position;
    // a YUV frame's planes were read into the shrunk frame: the page may refill the buffer
    const recycled = m.format === 'I420' || m.format === 'NV12' ? m.data : undefined;
    post({
      type: 'frame-done',
      session,
      index: m.index,
      state: tracker.state,
      position,
      nextCrop: position ? cropFor(position) : null,
      sample,
      workMs: t1 - t0,
      shrinkMs: tShrunk - t0,
      failedSearches: tracker.failedSearches,
      recycled,
    });
  }

  return {
    handle(message) {
      if (message.type === 'rewind') {
        if (source === 'file') session = message.session;
        return;
      }
      if (message.type === 'reset') {
        session = message.session;
        source = message.source;
        width = message.width;
        height = message.height;
        searchMaxSide = message.searchMaxSide ?? SEARCH_MAX_SIDE;
        // a clicked spot is read after the search's usual span even when nothing there changes (its
        // 12-s maximum waits for a light to give itself away, which the click already did)
        tracker = createLiveTracker({ searchMaxSide, at: message.at ?? undefined, search: message.at ? { maxSpanMs: AT_SEARCH_MAX_MS } : undefined });
        return;
      }
      onFrame(message);
    },
  };
}

/** LED samples in, diagnoses out: the live matcher, and the whole-clip analysis when a file ends. */
export function createMatcherEngine(post: (message: FromMatcher) => void, now: () => number = () => performance.now()): MatcherEngine {
  let session = -1;
  let source: SourceKind = 'camera';
  let device: DeviceId | null = null;
  let catalog: Catalog = decodingCatalogFor();
  let matcher: StreamingMatcher = createStreamingMatcher({ catalog, reanalyseEveryMs: REANALYSE_EVERY_MS });
  let samples: LedSample[] = [];
  let lastAnalysis: Classification | null = null;
  /** The clip ended and got its whole-clip diagnosis (a device change re-runs that one). */
  let finished = false;
  let cost = { samples: 0, totalMs: 0 };

  function newMatcher(): void {
    matcher = createStreamingMatcher({ device: device ?? undefined, catalog, reanalyseEveryMs: REANALYSE_EVERY_MS });
    lastAnalysis = null;
  }

  function startOver(): void {
    samples = [];
    finished = false;
    cost = { samples: 0, totalMs: 0 };
    newMatcher();
  }

  function postDiagnosis(final: boolean, classification: Classification | null, analysisMs?: number): void {
    if (!classification) return;
    const confirmedDiagnosis = final ? classification.diagnosis : matcher.current();
    const confirmed = confirmedDiagnosis ? cardFrom(confirmedDiagnosis, spanOf(confirmedDiagnosis, classification), catalog, device) : null;
    const d = classification.diagnosis;
    const tentative = final ? null : cardFrom(d, spanOf(d, classification), catalog, device);
    const evidenceS = samples.length > 1 ? (samples[samples.length - 1].tMs - samples[0].tMs) / 1000 : 0;
    const update: DiagnosisUpdate = { type: 'diagnosis', session, confirmed, tentative, timeline: timelineOf(classification, catalog), evidenceS, final };
    if (analysisMs !== undefined) update.cost = { ...cost, analysisMs, windowS: Math.min(DEFAULT_WINDOW_MS / 1000, evidenceS) };
    post(update);
  }

  function onSample(sample: LedSample): void {
    samples.push(sample);
    // trimmed in chunks, not by one sample per frame (a copy of the whole history each time)
    if (samples.length > MAX_SAMPLES + MAX_SAMPLES / 4) samples = samples.slice(samples.length - MAX_SAMPLES);
    const t0 = now();
    matcher.push(sample);
    const analysis = matcher.latest();
    const ms = now() - t0;
    cost.samples++;
    cost.totalMs += ms;
    if (analysis && analysis !== lastAnalysis) {
      lastAnalysis = analysis;
      postDiagnosis(false, analysis, ms);
    }
  }

  /** The whole clip at once, exactly as `ledscope diagnose` classifies a file. */
  function finishClip(): void {
    finished = true;
    if (samples.length < 2) {
      // the LED was never found: the page says so (no diagnosis to stand behind)
      post({ type: 'diagnosis', session, confirmed: null, tentative: null, timeline: [], evidenceS: 0, final: true });
      return;
    }
    const classification = classifySeries(seriesFromSamples(samples), { device: device ?? undefined, catalog });
    postDiagnosis(true, classification);
  }

  return {
    handle(message) {
      switch (message.type) {
        case 'reset':
          session = message.session;
          source = message.source;
          startOver();
          return;
        case 'rewind':
          if (source !== 'file') return;
          session = message.session;
          startOver();
          return;
        case 'device': {
          device = message.device;
          catalog = decodingCatalogFor(device ?? undefined);
          newMatcher();
          if (finished) {
            finishClip();
            return;
          }
          // the evidence already gathered still counts: re-run it through the new device's catalog
          for (const s of samples) matcher.push(s);
          const analysis = matcher.latest();
          if (analysis) {
            lastAnalysis = analysis;
            postDiagnosis(false, analysis);
          }
          return;
        }
        case 'sample':
          if (message.session === session) onSample(message.sample);
          return;
        case 'finish':
          if (message.session !== session || source !== 'file') return;
          finishClip();
          return;
      }
    },
  };
}

/** Tracker and matcher in one thread, samples handed over as the page would forward them. */
export function createWebEngine(post: (message: FromWorker) => void, now: () => number = () => performance.now()): WebEngine {
  const matcher = createMatcherEngine(post, now);
  const tracker = createTrackerEngine((m) => {
    post(m);
    if (m.type === 'frame-done' && m.sample) matcher.handle({ type: 'sample', session: m.session, sample: m.sample });
  }, now);
  return {
    handle(message) {
      switch (message.type) {
        case 'reset':
        case 'rewind':
          tracker.handle(message);
          matcher.handle(message);
          return;
        case 'frame':
          tracker.handle(message);
          return;
        default:
          matcher.handle(message);
      }
    },
  };
}
