/**
 * What the page's worker runs: the CLI's own tracker (`createLiveTracker`) and streaming matcher
 * (`createStreamingMatcher`), fed the frames the page grabs, with the card text from `explain` —
 * the same meaning and advice `ledscope diagnose` prints. No DOM, no Node: unit-testable anywhere.
 */
import { decodingCatalogFor, findMode, type Catalog } from '../catalog/index.js';
import type { CatalogModeId, DeviceId } from '../catalog/types.js';
import { classifySeries, createStreamingMatcher, type StreamingMatcher } from '../classify/index.js';
import type { Classification, Diagnosis, StateSpan } from '../classify/types.js';
import { createLiveTracker, type LiveTracker } from '../extract/live-tracker.js';
import { squareAround, trackingCropHalf } from '../locate/regions.js';
import { explain } from '../report/diagnosis-json.js';
import { seriesFromSamples } from '../signal/series.js';
import type { LedSample } from '../signal/types.js';
import type { Region, RgbFrame } from '../source/types.js';
import { SEARCH_MAX_SIDE, type CardInfo, type DiagnosisUpdate, type FrameMessage, type FromWorker, type SourceKind, type TimelineItem, type ToWorker } from './protocol.js';

/** Shake allowance for the tracking crop (displayed px): a hand-held board moves a few px per frame. */
const CROP_SHAKE_PX = 8;
/**
 * How often the matcher re-reads its window. Each re-analysis of up to 32 s of samples costs ~10–20 ms
 * here; every 500 ms of samples keeps its share of the per-frame budget near 1 ms at 30 fps, and the
 * card still updates twice a second.
 */
const REANALYSE_EVERY_MS = 500;
/** Samples kept for the whole-clip analysis and for replaying after a device change (~10 min at 30 fps). */
const MAX_SAMPLES = 18000;

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

export function createWebEngine(post: (message: FromWorker) => void, now: () => number = () => performance.now()): WebEngine {
  let session = -1;
  let source: SourceKind = 'camera';
  let width = 0;
  let height = 0;
  let device: DeviceId | null = null;
  let catalog: Catalog = decodingCatalogFor();
  let tracker: LiveTracker = createLiveTracker({ searchMaxSide: SEARCH_MAX_SIDE });
  let matcher: StreamingMatcher = createStreamingMatcher({ catalog, reanalyseEveryMs: REANALYSE_EVERY_MS });
  let samples: LedSample[] = [];
  let lastAnalysis: Classification | null = null;
  /** The clip ended and got its whole-clip diagnosis (a device change re-runs that one). */
  let finished = false;

  function newMatcher(): void {
    matcher = createStreamingMatcher({ device: device ?? undefined, catalog, reanalyseEveryMs: REANALYSE_EVERY_MS });
    lastAnalysis = null;
  }

  function postDiagnosis(final: boolean, classification: Classification | null): void {
    if (!classification) return;
    const confirmedDiagnosis = final ? classification.diagnosis : matcher.current();
    const confirmed = confirmedDiagnosis ? cardFrom(confirmedDiagnosis, spanOf(confirmedDiagnosis, classification), catalog, device) : null;
    const d = classification.diagnosis;
    const tentative = final ? null : cardFrom(d, spanOf(d, classification), catalog, device);
    const evidenceS = samples.length > 1 ? (samples[samples.length - 1].tMs - samples[0].tMs) / 1000 : 0;
    const update: DiagnosisUpdate = { type: 'diagnosis', session, confirmed, tentative, timeline: timelineOf(classification, catalog), evidenceS, final };
    post(update);
  }

  function cropFor(position: { x: number; y: number; radius: number }): Region {
    const scale = Math.max(width, height) / SEARCH_MAX_SIDE;
    const half = Math.max(24, trackingCropHalf(position.radius, CROP_SHAKE_PX, 2 * scale + 2));
    return squareAround(position.x, position.y, half, width, height);
  }

  function onFrame(m: FrameMessage): void {
    if (m.session !== session) return;
    const frame: RgbFrame = {
      width: m.width,
      height: m.height,
      channels: 4,
      data: new Uint8ClampedArray(m.data),
      timestampMs: m.timestampMs,
      index: m.index,
      originX: m.originX,
      originY: m.originY,
      scale: m.scale,
    };
    const t0 = now();
    let t1 = t0;
    let sample: LedSample | null = null;
    // a crop can only be read once the tracker knows where the LED is; search frames still in flight
    // when the LED was found are shrunk copies: their readings would not match the crops' and the
    // first second of the trace would show a step that is not the LED's
    if (m.kind === (tracker.state === 'searching' ? 'search' : 'crop')) {
      sample = tracker.push(frame);
      t1 = now();
      if (sample) {
        samples.push(sample);
        // trimmed in chunks, not by one sample per frame (a copy of the whole history each time)
        if (samples.length > MAX_SAMPLES + MAX_SAMPLES / 4) samples = samples.slice(samples.length - MAX_SAMPLES);
        matcher.push(sample);
      }
    }
    const t2 = now();
    const position = tracker.position;
    post({
      type: 'frame-done',
      session,
      index: m.index,
      state: tracker.state,
      position,
      nextCrop: position ? cropFor(position) : null,
      sample,
      workMs: t2 - t0,
      trackMs: t1 - t0,
      matchMs: t2 - t1,
      failedSearches: tracker.failedSearches,
    });
    const analysis = matcher.latest();
    if (analysis && analysis !== lastAnalysis) {
      lastAnalysis = analysis;
      postDiagnosis(false, analysis);
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
          width = message.width;
          height = message.height;
          tracker = createLiveTracker({ searchMaxSide: SEARCH_MAX_SIDE, at: message.at ?? undefined });
          samples = [];
          finished = false;
          newMatcher();
          return;
        case 'rewind':
          if (source !== 'file') return;
          session = message.session;
          samples = [];
          finished = false;
          newMatcher();
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
        case 'frame':
          onFrame(message);
          return;
        case 'finish':
          if (message.session !== session || source !== 'file') return;
          finishClip();
          return;
      }
    },
  };
}
