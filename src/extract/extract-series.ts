/**
 * Source → located LED → measured series. Pass 1 searches the first seconds on reduced frames; pass 2
 * decodes only a crop around the LED for the whole clip (full resolution, or shrunk for a large LED),
 * re-centring every frame and measuring it. Isomorphic: it only calls `source.frames(options)`.
 */
import { BadInputError, NoLedError } from '../errors.js';
import { createLedSearch, type SearchCandidate, type SearchResult } from '../locate/search.js';
import { createLedTracker } from '../locate/track.js';
import { atSearchBox, clampRegion, noLedMessage, squareAround, trackingCropHalf } from '../locate/regions.js';
import type { LedLocation, Point } from '../locate/types.js';
import { createLedMeasurer, readLed, type LedReading } from '../signal/measure.js';
import { seriesFromSamples } from '../signal/series.js';
import type { LedSample, LedSeries } from '../signal/types.js';
import type { FrameSource, Region, VideoInfo } from '../source/types.js';

/** Frames measured twice at the start of a file (about the measurer's history). */
const WARMUP_FRAMES = 240;

export interface ExtractProgress {
  phase: 'search' | 'track';
  /** Clip time reached, ms. */
  tMs: number;
  durationMs: number;
}

export interface ExtractOptions {
  /** Search only inside this displayed-frame region. */
  roi?: Region;
  /** Use this displayed-frame point as the LED (radius estimated around it). */
  at?: Point;
  onProgress?: (progress: ExtractProgress) => void;
  /** Name used in the no-LED message (the file name). */
  name?: string;
  /** Longer side of the search frames (default 480; a second try at 960 when nothing is found). */
  searchMaxSide?: number;
}

export interface ExtractStats {
  searchFrames: number;
  searchSpanMs: number;
  /** Displayed px per search pixel of the search that found the LED. */
  searchScale: number;
  trackFrames: number;
  /** Crop passes restarted because the LED drifted toward the crop's edge. */
  restarts: number;
  shakePx: number;
  crop: Region;
  /** Displayed px per pixel of the tracking crop: 2 when a large LED's crop is decoded at half size. */
  trackScale: number;
  candidates: SearchCandidate[];
}

export interface ExtractResult {
  info: VideoInfo;
  led: LedLocation;
  series: LedSeries;
  stats: ExtractStats;
}

function checkRegion(roi: Region, info: VideoInfo): Region {
  const r = clampRegion(roi, info.width, info.height);
  if (!r || r.width < 4 || r.height < 4) {
    throw new BadInputError(
      `--roi ${roi.x},${roi.y},${roi.width},${roi.height} is outside the ${info.width}x${info.height} frame: give X,Y,W,H inside it`,
    );
  }
  return r;
}

async function search(source: FrameSource, maxSide: number, roi: Region | undefined, options: ExtractOptions): Promise<SearchResult> {
  const s = createLedSearch({ roi });
  const durationMs = source.info.durationS * 1000;
  // the whole view is decoded and the region only masks candidates: aligning frames for shake
  // needs the board's texture, which a small crop around a blinking LED does not have
  // (every frame: searching every other one loses small LEDs and lets a flicker pass for a blink)
  for await (const frame of source.frames({ maxSide, durationS: 12, reuseFrames: true })) {
    const done = s.push(frame);
    options.onProgress?.({ phase: 'search', tMs: frame.timestampMs, durationMs });
    if (done) break;
  }
  return s.result();
}

export async function extractSeries(source: FrameSource, options: ExtractOptions = {}): Promise<ExtractResult> {
  const { info } = source;
  const name = options.name ?? 'the clip';
  const fullSide = Math.max(info.width, info.height);
  let roi = options.roi ? checkRegion(options.roi, info) : undefined;
  if (options.at) {
    const { x, y } = options.at;
    if (!(x >= 0 && y >= 0 && x < info.width && y < info.height)) {
      throw new BadInputError(`--at ${x},${y} is outside the ${info.width}x${info.height} frame: give X,Y inside it`);
    }
    roi = atSearchBox(x, y, info.width, info.height);
  }

  // pass 1: search on reduced frames; a small or distant LED may need a second, sharper look
  const firstSide = options.searchMaxSide ?? 480;
  const sides = [firstSide];
  if (fullSide > firstSide * 1.5) sides.push(Math.min(fullSide, firstSide * 2));
  let found: SearchResult | null = null;
  for (const side of sides) {
    found = await search(source, side, roi, options);
    if (found.location) break;
  }
  let led: LedLocation;
  if (options.at) {
    const r = found?.location?.radius ?? 3;
    led = { x: options.at.x, y: options.at.y, radius: r, score: 1, method: 'at' };
  } else if (found?.location) {
    led = found.location;
  } else {
    throw new NoLedError(noLedMessage(name), info);
  }
  const shakePx = found?.location ? found.shakePx : 0;
  const searchScale = found?.searchScale ?? 1;

  // pass 2: a crop around the LED for the whole clip (full resolution unless the LED is large)
  const lockPx = options.at ? Math.max(4, led.radius) + 2 : 2 * searchScale + 2 + Math.min(shakePx, 4 * searchScale);
  const expectedContrast = found ? found.ledContrast : undefined;
  const tracker = createLedTracker({ x: led.x, y: led.y, radius: led.radius, shakePx, lockRadiusPx: lockPx, expectedContrast });
  const measurer = createLedMeasurer();
  const measureRadius = Math.max(1.5, led.radius);
  // the first frames are measured twice: once to learn the LED's OFF floor and peak over a full
  // history, then for real, so the clip's start is normalised like the rest (a file can look ahead)
  let warmup: { reading: LedReading; tMs: number }[] | null = [];
  const flushWarmup = () => {
    if (!warmup) return;
    measurer.prime(warmup.map((w) => w.reading));
    for (const w of warmup) samples.push(measurer.fromReading(w.reading, w.tMs));
    warmup = null;
  };
  const samples: LedSample[] = [];
  const durationMs = info.durationS * 1000;
  let crop = squareAround(led.x, led.y, trackingCropHalf(led.radius, shakePx, lockPx), info.width, info.height);
  // a large LED is measured as well with fewer pixels: halve the crop for one whose search radius is
  // 20 px or more, which cuts the per-frame conversion, piping and tracking work by four. The search
  // radius includes the glow (up to ~3× the LED's on the dev set), so the LED keeps ≥ ~3.5 px.
  const cropShrink = measureRadius >= 20 ? 2 : 1;
  let startS: number | undefined;
  let lastT = -Infinity;
  let restarts = 0;
  let trackFrames = 0;
  let trackScale = 1;
  for (;;) {
    let restartAtMs: number | null = null;
    const maxSide = Math.ceil(Math.max(crop.width, crop.height) / cropShrink);
    for await (const frame of source.frames({ crop, startS, reuseFrames: true, ...(cropShrink > 1 ? { maxSide } : {}) })) {
      if (frame.timestampMs <= lastT) continue;
      trackScale = frame.scale;
      const pt = tracker.update(frame);
      // a fixed measuring radius: a radius that wanders would move the OFF floor and the peak
      const reading = readLed(frame, { cx: pt.bx, cy: pt.by, radius: measureRadius / frame.scale });
      if (warmup) {
        warmup.push({ reading, tMs: frame.timestampMs });
        if (warmup.length >= WARMUP_FRAMES) flushWarmup();
      } else samples.push(measurer.fromReading(reading, frame.timestampMs));
      lastT = frame.timestampMs;
      trackFrames++;
      if (trackFrames % 10 === 0) options.onProgress?.({ phase: 'track', tMs: frame.timestampMs, durationMs });
      if (pt.edgeDistance < pt.bradius + 6 && restarts < 50) {
        const next = squareAround(pt.x, pt.y, trackingCropHalf(pt.radius, shakePx, lockPx), info.width, info.height);
        if (next.x !== crop.x || next.y !== crop.y) {
          crop = next;
          restartAtMs = frame.timestampMs;
          break;
        }
      }
    }
    if (restartAtMs === null) break;
    restarts++;
    startS = restartAtMs / 1000;
  }
  flushWarmup();
  options.onProgress?.({ phase: 'track', tMs: lastT, durationMs });

  const summary = tracker.summary();
  if (summary && !options.at) {
    led = { ...led, x: summary.x, y: summary.y, radius: summary.radius };
  } else if (summary) {
    led = { ...led, radius: summary.radius };
  }
  return {
    info,
    led,
    series: seriesFromSamples(samples),
    stats: {
      searchFrames: found?.frames ?? 0,
      searchSpanMs: found?.spanMs ?? 0,
      searchScale,
      trackFrames,
      restarts,
      shakePx,
      crop,
      trackScale,
      candidates: found?.candidates ?? [],
    },
  };
}
