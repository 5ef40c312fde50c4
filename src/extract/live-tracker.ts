/**
 * The same search → track → measure core, fed one frame at a time (a live camera in the browser, or
 * any caller that owns its frames). Frames arrive at full resolution; the search sees them shrunk in
 * JS, tracking reads only a window around the LED. Isomorphic.
 */
import { downsampleFrame } from '../locate/frame-ops.js';
import { atSearchBox } from '../locate/regions.js';
import { createLedSearch, type LedSearch, type SearchOptions } from '../locate/search.js';
import { createLedTracker, type LedTracker } from '../locate/track.js';
import type { LedLocation, Point } from '../locate/types.js';
import { createLedMeasurer, type LedMeasurer } from '../signal/measure.js';
import type { LedSample } from '../signal/types.js';
import type { Region, RgbFrame } from '../source/types.js';

export interface LiveTrackerOptions {
  roi?: Region;
  at?: Point;
  /** Longer side of the frames the search looks at (default 480). */
  searchMaxSide?: number;
  /** Search span options (defaults as the file path). */
  search?: Omit<SearchOptions, 'roi'>;
}

export type LiveState = 'searching' | 'tracking';

export interface LiveTracker {
  /** Feed a frame; returns its sample once the LED is found (null while still searching). */
  push(frame: RgbFrame): LedSample | null;
  readonly state: LiveState;
  /** The LED (displayed px) once found: median of the tracked positions so far. */
  readonly led: LedLocation | null;
  /** Where the tracker stands now (displayed px), null while searching. */
  readonly position: { x: number; y: number; radius: number } | null;
  /** Number of searches that ended without an LED and were restarted. */
  readonly failedSearches: number;
}

export function createLiveTracker(options: LiveTrackerOptions = {}): LiveTracker {
  const maxSide = options.searchMaxSide ?? 480;
  let roi = options.roi;
  let state: LiveState = 'searching';
  let search: LedSearch | null = null;
  let tracker: LedTracker | null = null;
  let measurer: LedMeasurer | null = null;
  let led: LedLocation | null = null;
  let failed = 0;

  function newSearch(): LedSearch {
    return createLedSearch({ ...options.search, roi });
  }

  return {
    push(frame) {
      if (state === 'searching') {
        if (options.at && !roi) roi = atSearchBox(options.at.x, options.at.y, frame.width * frame.scale, frame.height * frame.scale);
        search ??= newSearch();
        if (!search.push(downsampleFrame(frame, maxSide))) return null;
        const res = search.result();
        if (!res.location && !options.at) {
          // a live camera keeps looking (the user may still be pointing it)
          failed++;
          search = null;
          return null;
        }
        const base = res.location;
        led = options.at
          ? { x: options.at.x, y: options.at.y, radius: base?.radius ?? 3, score: 1, method: 'at' }
          : base!;
        const lock = 2 * res.searchScale + 2 + Math.min(res.shakePx, 4 * res.searchScale);
        const expectedContrast = base ? res.ledContrast : undefined;
        // the search reports the first frame's coordinates; the view has moved since
        tracker = createLedTracker({ x: led.x + res.lastShiftPx.dx, y: led.y + res.lastShiftPx.dy, radius: led.radius, shakePx: res.shakePx, lockRadiusPx: lock, expectedContrast });
        measurer = createLedMeasurer();
        state = 'tracking';
        search = null;
      }
      const pt = tracker!.update(frame);
      // a fixed measuring radius (the search's): a wandering one would move the OFF floor and the peak
      return measurer!.measure(frame, { cx: pt.bx, cy: pt.by, radius: Math.max(1.5, led!.radius) / frame.scale });
    },
    get state() {
      return state;
    },
    get led() {
      if (!led) return null;
      const s = tracker?.summary();
      return s && led.method !== 'at' ? { ...led, x: s.x, y: s.y, radius: s.radius } : led;
    },
    get position() {
      return tracker ? tracker.position : null;
    },
    get failedSearches() {
      return failed;
    },
  };
}
