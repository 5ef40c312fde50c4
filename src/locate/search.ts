/**
 * Automatic search for the status LED over the first seconds of a clip, on reduced-size frames.
 *
 * Per pixel we accumulate temporal statistics (max/min/mean luma, max saturation while lit, clipped
 * count) and keep each frame's luma; bright compact blobs become candidates, and each candidate is
 * scored on brightness over its surroundings, colour (saturated hue or a clipped core), shape
 * (compact, not a silkscreen line), size, and — most of all — change over time measured on the
 * blob's own brightness series, which hand shake does not fake. A solid LED scores lower than a
 * blinking one but is still found when nothing changes. Lights whose glows touch form one bright
 * region: each clear local maximum of a large region is a candidate of its own. The change series only
 * counts frames that saw the candidate's whole disc (an LED at the frame's edge slides in and out of
 * view). When the first seconds end in a tie between steady lights, the search goes on (up to
 * `maxSpanMs`) for one of them to change. No location at all is the answer when nothing in view is
 * LED-like: a steady orange/blue/grey light (charge LED, D7, glare), a light no brighter than the
 * view's brightest surfaces, a change no bigger than the view's own noise, or an edge that is bright
 * only in the frames shake slides it in. Pure and isomorphic.
 */
import type { Region, RgbFrame } from '../source/types.js';
import { medianBin, quantileCodes, toneLut, TONE_QUANTILES } from './tone.js';
import { estimateShift, pyramid, type Level } from './align.js';
import { boxMean, lumaRow, quantile, toDisplayed, type FrameGeometry } from './frame-ops.js';
import { hueDeg } from '../signal/measure.js';
import { CLIP_CODE, SRGB_TO_LINEAR } from '../signal/measure-pixels.js';
import type { LedLocation } from './types.js';

export interface SearchOptions {
  /** Only pixels inside this displayed-frame region count (`--roi`). */
  roi?: Region;
  /** Earliest clip span (ms) after which clear evidence ends the search. */
  minSpanMs?: number;
  /** Span after which any acceptable candidate ends the search. */
  spanMs?: number;
  /** Longest span searched when nothing convincing has been seen (slow breathing, late start). */
  maxSpanMs?: number;
  /** Luma frames kept for candidate time series; longer searches keep every k-th frame. */
  maxStoredFrames?: number;
}

export interface SearchCandidate {
  /** Displayed full-res coordinates. */
  x: number;
  y: number;
  radius: number;
  score: number;
  peakContrast: number;
  change: number;
  saturation: number;
  clippedFraction: number;
  elongation: number;
  /** Hue (deg) of a steady candidate's light over its surroundings; null when changing or grey. */
  hue: number | null;
  /** Mean luma of its brightest pixel over the frames, above its surroundings' mean (8-bit codes). */
  meanContrast: number;
  /** Brightest luma its core reached (8-bit codes, exposure-normalised). */
  peakLuma: number;
}

export interface SearchResult {
  location: LedLocation | null;
  /** Best first, at most 8. */
  candidates: SearchCandidate[];
  /** How far the whole view moved from its median position during the search (displayed px): hand shake. */
  shakePx: number;
  frames: number;
  spanMs: number;
  /** Displayed px per search pixel. */
  searchScale: number;
  /** Where the view had moved by the last frame searched, displayed px (add to the location to follow it live). */
  lastShiftPx: { dx: number; dy: number };
  /** Peak luma contrast of the chosen LED over its background (8-bit codes, search frames). */
  ledContrast: number;
  /** Median temporal range of the view's pixels (8-bit codes): how much noise and shake move a pixel. */
  noiseCodes: number;
}

export interface LedSearch {
  /** Feed one frame (all frames the same size). Returns true once the evidence suffices. */
  push(frame: RgbFrame): boolean;
  result(): SearchResult;
  readonly frames: number;
}

const MIN_CONTRAST = 18;
const LIT_LUMA = 48;
/** Largest LED radius as a fraction of the view's shorter side (a 40 px macro LED at 1080p is 0.04). */
const MAX_RADIUS_OF_VIEW = 0.15;
/** Shake assumed (search px) when the LED never changed and its motion could not be seen. */
const DEFAULT_SHAKE = 3;
/** Share of a light's height over its surroundings below which a swing does not count as change (changeOfDisc). */
const SURROUNDINGS_SHARE = 0.5;
/** A change this large is clearly a light's own (the acceptable test's bar for a grey light that changes). */
const CLEAR_CHANGE = 0.45;
/** How far (8-bit luma) an unclipped light's peak must stand above the view's brightest surfaces to be an emitter. */
const EMITTER_MARGIN = 30;
/**
 * The same for a steady unclipped light, which no change vouches for. On the dev sets' solid and
 * never-lit clips, the steady unclipped lights the search took that were no lit LED (a dark status
 * LED's package, pads, labels, tinted by the camera) stood 30–47 above the view's brightest surfaces
 * (one at 62); the lit status LEDs stood 54 and more (a dim, defocused red one), most far more.
 */
const STEADY_EMITTER_MARGIN = 50;
/** Share of the frames its most clipped core pixel clips in from which a light clips (nearly) always. */
const ALWAYS_CLIPPED = 0.9;

interface Blob {
  id: number;
  peakIndex: number;
  peak: number;
  /** The region's pixels in flood-fill order (a view on the map's shared pixel list). */
  pixels: Int32Array;
  /** Pixels that belong to this peak (a sub-peak of a merged region), when not all of `pixels`. */
  size?: number;
  /** A dim sub-peak let in for its change: its weight for that change (`changeWeight`). */
  weight?: number;
}

/** Search pixels of a disc (indices into the search buffer), their bounding box, and the ring of its surroundings. */
interface Disc {
  pixels: number[];
  x0: number;
  x1: number;
  y0: number;
  y1: number;
  /** Pixels 2 to 5 px outside the disc: what it would show with its light off. */
  ring: number[];
}

/** A blob's rank among its map's others: brightness and extent (and, for a sub-peak let in for its change, that change). */
function blobRank(b: Blob): number {
  return b.peak * Math.sqrt(b.size ?? b.pixels.length) * (b.weight ?? 1);
}

export function createLedSearch(options: SearchOptions = {}): LedSearch {
  const minSpanMs = options.minSpanMs ?? 1500;
  const spanMs = options.spanMs ?? 4000;
  const maxSpanMs = options.maxSpanMs ?? 12000;
  const maxStored = options.maxStoredFrames ?? 120;

  let w = 0, h = 0, n = 0;
  // where the search frames sit in the displayed frame (not the first frame's pixels)
  let geometry: FrameGeometry | null = null;
  let maxL: Uint8Array, minL: Uint8Array, maxC: Uint8Array, minC: Uint8Array, maxSat: Uint8Array, clipCount: Uint16Array;
  let seen: Uint16Array;
  /** Sum of each pixel's luma over the frames that saw it: a steady light is bright on average, not only at its peak. */
  let sumL: Uint32Array;
  /** Each pixel's colour in its brightest frame (the hue of a steady candidate). */
  let maxRgb: Uint8Array;
  let refLevels: Level[] | null = null;
  let shift = { dx: 0, dy: 0 };
  const shifts: { dx: number; dy: number }[] = [];
  let mask: Uint8Array | null = null;
  let count = 0;
  let t0 = 0, tLast = 0;
  /** Kept frames' luma + chroma per pixel (exposure-normalised, aligned to the first frame). */
  const stored: { lc: Uint16Array; tMs: number; dx: number; dy: number }[] = [];
  let storeStride = 1;
  let lastCheckCount = 0;
  let lastCheckMs = 0;
  let done = false;
  /** The decision at the usual span, kept while the search goes on past it. */
  let atSpan: { best: Scored; ranked: Scored[] } | null = null;

  function init(frame: RgbFrame): void {
    geometry = { originX: frame.originX, originY: frame.originY, scale: frame.scale };
    w = frame.width;
    h = frame.height;
    n = w * h;
    maxL = new Uint8Array(n);
    minL = new Uint8Array(n).fill(255);
    maxC = new Uint8Array(n);
    minC = new Uint8Array(n).fill(255);
    seen = new Uint16Array(n);
    sumL = new Uint32Array(n);
    maxRgb = new Uint8Array(3 * n);
    maxSat = new Uint8Array(n);
    clipCount = new Uint16Array(n);
    if (options.roi) {
      mask = new Uint8Array(n);
      const { roi } = options;
      for (let y = 0; y < h; y++) {
        for (let x = 0; x < w; x++) {
          const d = toDisplayed(frame, x, y);
          if (d.x >= roi.x && d.x < roi.x + roi.width && d.y >= roi.y && d.y < roi.y + roi.height) mask[y * w + x] = 1;
        }
      }
    }
    t0 = frame.timestampMs;
  }

  // per-frame scratch, reused: the search runs on every frame of its first seconds
  let lumaRaw = new Uint8Array(0);
  let scratchLevels: Level[] | undefined;
  const hist = new Uint32Array(256);
  const gainLut = new Uint8Array(256);
  const lumaLut = new Uint8Array(256);
  const curTone = new Float64Array(TONE_QUANTILES.length);
  let refTone: Float64Array | null = null;
  /** Stored frames dropped by thinning, reused for later ones (they are large and come every frame). */
  const spareStored: Uint16Array[] = [];
  let unkept = new Uint16Array(0);

  /**
   * Adds one frame to the statistics. This runs on every searched frame, so it reads the frame's pixels
   * once after its luma: the shift and the exposure gain need the whole luma first, then one fused pass
   * updates every per-pixel statistic and the stored frame.
   */
  function accumulate(frame: RgbFrame): void {
    const { data, channels } = frame;
    if (lumaRaw.length !== n) lumaRaw = new Uint8Array(n);
    // luma of this frame, then its shift against the first frame
    for (let y = 0; y < h; y++) lumaRow(data, channels, y * w, lumaRaw, y * w, w);
    if (!refLevels) refLevels = pyramid(lumaRaw, w, h);
    else {
      scratchLevels = pyramid(lumaRaw, w, h, scratchLevels);
      shift = estimateShift(refLevels, scratchLevels, shift, Math.max(4, Math.round(Math.max(w, h) / 60)));
    }
    shifts.push(shift);
    // (whole numbers as small integers: a -0 would throw the optimised loops below back to the interpreter)
    const dx = shift.dx | 0, dy = shift.dy | 0;
    // auto exposure follows the LED: chroma is scaled so the scene's median luma stays the first
    // frame's, luma is mapped through the tone curve so the scene's whole distribution stays the first
    // frame's (a median gain alone leaves bright surfaces pumping with a big LED)
    hist.fill(0);
    let sampled = 0;
    for (let p = 0; p < n; p += 3, sampled++) hist[lumaRaw[p]]++;
    quantileCodes(hist, sampled, curTone);
    if (!refTone) refTone = Float64Array.from(curTone);
    const med = medianBin(curTone), refMedian = medianBin(refTone);
    const k = med >= 8 && refMedian >= 8 ? Math.min(2, Math.max(0.5, refMedian / med)) : 1;
    for (let v = 0; v < 256; v++) gainLut[v] = Math.min(255, Math.round(v * k));
    toneLut(curTone, refTone, k, lumaLut);

    // statistics in the first frame's coordinates: pixel p reads this frame at p + shift; the stored
    // frame keeps luma + chroma (all the change series reads), its pixels outside this frame repeating
    // the frame's edge
    const keep = count % storeStride === 0;
    // (a frame not kept is written to a scratch buffer all the same: one loop, no test per pixel)
    let st: Uint16Array;
    if (keep) {
      st = spareStored.pop() ?? new Uint16Array(n);
      stored.push({ lc: st, tMs: frame.timestampMs, dx, dy });
      if (stored.length > maxStored) {
        // thin to every other frame; the time series stays evenly spread over the span
        for (let i = 1; i < stored.length; i += 2) spareStored.push(stored[i].lc);
        for (let i = 0; i * 2 < stored.length; i++) stored[i] = stored[i * 2];
        stored.length = Math.ceil(stored.length / 2);
        storeStride *= 2;
      }
    } else {
      if (unkept.length !== n) unkept = new Uint16Array(n);
      st = unkept;
    }
    // only pixels whose shifted position is inside this frame count as seen
    const xa = dx < 0 ? 0 - dx : 0, xb = Math.min(w, w - dx);
    const ya = dy < 0 ? 0 - dy : 0, yb = Math.min(h, h - dy);
    const stats: PixelStats = { seen, sumL, maxL, minL, maxC, minC, clipCount, maxSat, maxRgb };
    for (let y = ya; y < yb; y++) statsRow(stats, data, channels, lumaRaw, lumaLut, gainLut, st, y * w + xa, (y + dy) * w + xa + dx, xb - xa);
    if (keep && (xa > 0 || xb < w || ya > 0 || yb < h)) {
      // the stored frame's pixels that this frame did not see: its nearest edge pixel
      for (let y = 0; y < h; y++) {
        const yy = Math.min(h - 1, Math.max(0, y + dy));
        for (let x = 0; x < w; x++) {
          if (y >= ya && y < yb && x === xa && xb > xa) x = xb;
          if (x >= w) break;
          const q = yy * w + Math.min(w - 1, Math.max(0, x + dx));
          const i = q * channels;
          const r = data[i], g = data[i + 1], b = data[i + 2];
          const mx = r > g ? (r > b ? r : b) : g > b ? g : b;
          const mn = r < g ? (r < b ? r : b) : g < b ? g : b;
          st[y * w + x] = lumaLut[lumaRaw[q]] + gainLut[mx - mn];
        }
      }
    }
  }

  let label = new Int32Array(0);
  /** Each labelled pixel's place in its region's pixel list (that list's order, without a search in it). */
  let order = new Int32Array(0);
  /** Scratch marks for a flood fill inside a candidate (cleared after use). */
  let mark = new Uint8Array(0);
  /** The blob search's scratch: pixels still to be filled, its stack, and every region's pixel list. */
  let open = new Uint8Array(0);
  let stack = new Int32Array(0);
  let pixelList = new Int32Array(0);
  /** Median temporal range of the view's pixels at the last evaluation (8-bit codes). */
  let noiseCodes = 0;
  /** Mean luma of the view's brightest surfaces at the last evaluation (8-bit codes). */
  let brightSurface = 255;

  /**
   * Blobs of one map; `peakAll` is the map's highest value inside the mask (0 at least). `byChange`:
   * a large region's dimmer local maxima that clearly change are candidates too, in a quota of their
   * own (the brightness map's: in the temporal range map every maximum is a change already, and the
   * disc of one beside a steady light that shake slides back and forth changes as an LED's does).
   */
  function findBlobs(contrast: Float32Array, peakAll: number, byChange: boolean): Blob[] {
    const threshold = Math.max(MIN_CONTRAST, 0.12 * peakAll);
    // (the labels of one map's blobs, read by scoreBlob until the next map's)
    if (label.length !== n) {
      label = new Int32Array(n);
      order = new Int32Array(n);
      mark = new Uint8Array(n);
      open = new Uint8Array(n);
      stack = new Int32Array(n);
      pixelList = new Int32Array(n);
    }
    label.fill(-1);
    // open[p]: above the threshold, inside the mask and not yet in a region
    for (let p = 0; p < n; p++) open[p] = contrast[p] >= threshold && (!mask || mask[p]) ? 1 : 0;
    const blobs: Blob[] = [];
    const extra: Blob[] = [];
    const changing: Blob[] = [];
    // every region's pixels go to one list, region after region; the fill's stack beside it
    let listed = 0;
    for (let p = 0; p < n; p++) {
      if (!open[p]) continue;
      const id = blobs.length, start = listed;
      let peak = contrast[p], peakIndex = p;
      label[p] = id;
      open[p] = 0;
      let sp = 0;
      stack[sp++] = p;
      while (sp > 0) {
        const q = stack[--sp];
        order[q] = listed - start;
        pixelList[listed++] = q;
        if (contrast[q] > peak) {
          peak = contrast[q];
          peakIndex = q;
        }
        // the 8 neighbours, row by row (the order the fill has always taken)
        const qx = q % w;
        const left = qx > 0, right = qx < w - 1;
        if (q >= w) {
          const u = q - w;
          if (left && open[u - 1]) (open[u - 1] = 0), (label[u - 1] = id), (stack[sp++] = u - 1);
          if (open[u]) (open[u] = 0), (label[u] = id), (stack[sp++] = u);
          if (right && open[u + 1]) (open[u + 1] = 0), (label[u + 1] = id), (stack[sp++] = u + 1);
        }
        if (left && open[q - 1]) (open[q - 1] = 0), (label[q - 1] = id), (stack[sp++] = q - 1);
        if (right && open[q + 1]) (open[q + 1] = 0), (label[q + 1] = id), (stack[sp++] = q + 1);
        if (q < n - w) {
          const d = q + w;
          if (left && open[d - 1]) (open[d - 1] = 0), (label[d - 1] = id), (stack[sp++] = d - 1);
          if (open[d]) (open[d] = 0), (label[d] = id), (stack[sp++] = d);
          if (right && open[d + 1]) (open[d + 1] = 0), (label[d + 1] = id), (stack[sp++] = d + 1);
        }
      }
      const blob: Blob = { id, peakIndex, peak, pixels: pixelList.subarray(start, listed) };
      blobs.push(blob);
      // lights that touch merge into one region (a big glow running into the shield, the charge LED
      // beside it): each clear local maximum of a large region is scored as a candidate of its own
      if (blob.pixels.length >= 24) subPeaks(blob, contrast, threshold, extra, byChange ? changing : undefined);
    }
    for (const list of [blobs, extra, changing]) list.sort((a, b) => blobRank(b) - blobRank(a));
    // the extra peaks have their own, smaller quota so a row of pads cannot crowd out whole blobs
    return [...blobs.slice(0, 24), ...extra.slice(0, 8), ...changing.slice(0, 4)];
  }

  /**
   * Adds candidates for a region's other local maxima (7×7 neighbourhood, kept ≥ 6 px apart): its 6
   * brightest to `out` and, when `changing` is given, any dimmer one whose disc clearly changes over
   * the frames to `changing`. A whole board can be one region (its texture, pads and lights all above
   * the threshold) with dozens of pads brighter than a breathing LED in a white package (another
   * camera's tone curve lifts the package to nearly the LED's peak): only its change tells it apart.
   */
  function subPeaks(blob: Blob, contrast: Float32Array, threshold: number, out: Blob[], changing?: Blob[]): void {
    const R = 3, apart2 = 36;
    const peaks: number[] = [];
    for (const p of blob.pixels) {
      const v = contrast[p];
      if (v < 1.5 * threshold || p === blob.peakIndex) continue;
      const x = p % w, y = (p - x) / w;
      // most pixels of a region have a brighter neighbour: that rules them out before the 7×7 look
      if (
        (x > 0 && contrast[p - 1] > v) ||
        (x < w - 1 && contrast[p + 1] > v) ||
        (y > 0 && (contrast[p - w] > v || (x > 0 && contrast[p - w - 1] > v) || (x < w - 1 && contrast[p - w + 1] > v))) ||
        (y < h - 1 && (contrast[p + w] > v || (x > 0 && contrast[p + w - 1] > v) || (x < w - 1 && contrast[p + w + 1] > v)))
      ) {
        continue;
      }
      let isMax = true;
      for (let yy = Math.max(0, y - R); yy <= Math.min(h - 1, y + R) && isMax; yy++) {
        for (let xx = Math.max(0, x - R); xx <= Math.min(w - 1, x + R); xx++) {
          if (contrast[yy * w + xx] > v) {
            isMax = false;
            break;
          }
        }
      }
      if (isMax) peaks.push(p);
    }
    peaks.sort((a, b) => contrast[b] - contrast[a]);
    const kept = [blob.peakIndex];
    for (const p of peaks) {
      if (!changing && kept.length > 6) break;
      const x = p % w, y = (p - x) / w;
      if (kept.some((q) => ((q % w) - x) ** 2 + (Math.floor(q / w) - y) ** 2 < apart2)) continue;
      const brightest = kept.length <= 6;
      // its own extent: the region's pixels above half its value within a few px
      const v = contrast[p] * 0.5;
      let size = 0;
      // (the region's pixels are its labelled ones: a 31-px box holds all those within 15 px)
      for (let yy = Math.max(0, y - 15); yy <= Math.min(h - 1, y + 15); yy++) {
        for (let xx = Math.max(0, x - 15), q = yy * w + xx; xx <= Math.min(w - 1, x + 15); xx++, q++) {
          if (label[q] === blob.id && contrast[q] >= v && (xx - x) ** 2 + (yy - y) ** 2 <= 225) size++;
        }
      }
      kept.push(p);
      if (brightest) {
        out.push({ id: blob.id, peakIndex: p, peak: contrast[p], pixels: blob.pixels, size });
        continue;
      }
      // a dimmer one that clearly changes, on a disc as scoreBlob would take it (a little larger than
      // the peak; at most 6 px here, where every maximum of a large region is measured)
      const change = changeOfDisc(discAround(x, y, Math.min(6, Math.max(1.5, Math.sqrt(size / Math.PI)) + 2)));
      if (change >= CLEAR_CHANGE) changing!.push({ id: blob.id, peakIndex: p, peak: contrast[p], pixels: blob.pixels, size, weight: changeWeight(change) });
    }
  }

  interface Scored extends SearchCandidate {
    bx: number;
    by: number;
    bradius: number;
  }

  /** Hue (deg) of the light a candidate adds over its surroundings in its brightest frames; null if grey. */
  function steadyHue({ pixels: discPix, ring }: Disc): number | null {
    const lut = SRGB_TO_LINEAR;
    // background colour: per-channel medians of the brightest-frame colours on the ring outside the disc
    const bg: number[][] = [[], [], []];
    for (const p of ring) for (let k = 0; k < 3; k++) bg[k].push(lut[maxRgb[3 * p + k]]);
    const bgc = bg.map((v) => (v.length ? quantile(v, 0.5) : 0));
    const sum = [0, 0, 0];
    for (const p of discPix) {
      const R = maxRgb[3 * p], G = maxRgb[3 * p + 1], B = maxRgb[3 * p + 2];
      if (R >= CLIP_CODE || G >= CLIP_CODE || B >= CLIP_CODE) continue;
      for (let k = 0; k < 3; k++) sum[k] += Math.max(0, lut[maxRgb[3 * p + k]] - bgc[k]);
    }
    return hueDeg(sum[0], sum[1], sum[2]);
  }

  /**
   * How far a light's brightest pixel stands above its surroundings on average over the frames: a
   * steady LED is as bright in its mean as at its peak, while a peak of sensor noise or of a moving
   * edge is not there in the mean.
   */
  function meanContrastOf(core: number[], ring: number[]): number {
    let top = 0;
    for (const p of core) if (seen[p]) top = Math.max(top, sumL[p] / seen[p]);
    const means: number[] = [];
    for (const p of ring) if (seen[p]) means.push(sumL[p] / seen[p]);
    return means.length ? top - quantile(means, 0.5) : 0;
  }

  /** The search pixels within `rc` of (cx, cy), with their bounding box and surrounding ring. */
  function discAround(cx: number, cy: number, rc: number): Disc {
    const x0 = Math.max(0, Math.floor(cx - rc)), x1 = Math.min(w - 1, Math.ceil(cx + rc));
    const y0 = Math.max(0, Math.floor(cy - rc)), y1 = Math.min(h - 1, Math.ceil(cy + rc));
    const pixels: number[] = [];
    for (let y = y0; y <= y1; y++) for (let x = x0; x <= x1; x++) if ((x - cx) ** 2 + (y - cy) ** 2 <= rc * rc) pixels.push(y * w + x);
    const ring: number[] = [];
    const r0 = rc + 2, r1 = rc + 5;
    for (let y = Math.max(0, Math.floor(cy - r1)); y <= Math.min(h - 1, Math.ceil(cy + r1)); y++) {
      for (let x = Math.max(0, Math.floor(cx - r1)); x <= Math.min(w - 1, Math.ceil(cx + r1)); x++) {
        const d2 = (x - cx) ** 2 + (y - cy) ** 2;
        if (d2 >= r0 * r0 && d2 <= r1 * r1) ring.push(y * w + x);
      }
    }
    return { pixels, x0, x1, y0, y1, ring };
  }

  /**
   * How far a disc's light swings over the stored frames, 0 (steady) to 1: against how far it rises
   * above its darkest level (a blinking LED in a white package goes dark to the package, not to the
   * board), but never against less than half its height above its surroundings — a steady light that
   * wanders by a tenth of its brightness (a small one drifting across pixels, the codec's chroma of
   * it) has not changed, however close its own darkest level sits under its brightest.
   * Only frames that saw the whole disc count: an LED sliding out of view at the frame's edge (stored
   * pixels there repeat the edge) would otherwise look like one that blinks.
   */
  function changeOfDisc({ pixels: discPix, x0, x1, y0, y1, ring }: Disc): number {
    const inView: number[] = [];
    for (let f = 0; f < stored.length; f++) {
      const { dx, dy } = stored[f];
      if (x0 + dx - 1 >= 0 && x1 + dx + 1 < w && y0 + dy - 1 >= 0 && y1 + dy + 1 < h) inView.push(f);
    }
    const series = new Float32Array(inView.length);
    const ringSeries = new Float32Array(inView.length);
    for (let k = 0; k < inView.length; k++) {
      const lc = stored[inView[k]].lc;
      series[k] = meanAt(lc, discPix);
      ringSeries[k] = meanAt(lc, ring);
    }
    let floor = 0;
    for (let j = 0; j < discPix.length; j++) floor += minL[discPix[j]] + minC[discPix[j]];
    floor /= Math.max(1, discPix.length);
    // too few whole views to judge: treated as steady
    if (series.length < Math.max(4, 0.3 * stored.length)) return 0;
    const hi = quantile(series, 0.9), lo = quantile(series, 0.1);
    const height = hi - quantile(ringSeries, 0.5);
    return Math.min(1, (hi - lo) / Math.max(hi - floor, SURROUNDINGS_SHARE * height, 25));
  }

  function scoreBlob(blob: Blob, contrast: Float32Array): Scored | null {
    // centre of the flat top (a clipped core is a plateau; its first raster pixel is not its centre)
    const top = blob.peak * 0.9;
    let tx = 0, ty = 0, tn = 0;
    {
      const marked = [blob.peakIndex];
      mark[blob.peakIndex] = 1;
      const stack = [blob.peakIndex];
      const visit = (r: number, qx: number): void => {
        if (r < 0 || r >= n || mark[r] || label[r] !== blob.id || contrast[r] < top) return;
        if (Math.abs((r % w) - qx) > 1) return;
        mark[r] = 1;
        marked.push(r);
        stack.push(r);
      };
      while (stack.length && tn < 20000) {
        const q = stack.pop()!;
        const qx = q % w, qy = (q - qx) / w;
        tx += qx;
        ty += qy;
        tn++;
        visit(q - 1, qx);
        visit(q + 1, qx);
        visit(q - w, qx);
        visit(q + w, qx);
      }
      for (const r of marked) mark[r] = 0;
    }
    const px0 = tx / tn, py0 = ty / tn;
    // radial profile from there: the half-contrast radius, which keeps a touching silkscreen line out
    const half = blob.peak * 0.5;
    const rMaxProfile = Math.min(80, Math.max(w, h));
    const ringSum = new Float64Array(rMaxProfile + 2), ringN = new Uint32Array(rMaxProfile + 2);
    let rHalf = rMaxProfile;
    for (let r = 0; r <= rMaxProfile; r += 8) {
      // grow the profile window in steps, stopping as soon as the half radius is known
      const r1 = Math.min(rMaxProfile, r + 8);
      const xa = Math.max(0, Math.floor(px0 - r1)), xb = Math.min(w - 1, Math.ceil(px0 + r1));
      const ya = Math.max(0, Math.floor(py0 - r1)), yb = Math.min(h - 1, Math.ceil(py0 + r1));
      // the pixels of earlier steps' rings are skipped unread: on each row, the run well inside radius r
      const inner = r - 1.5;
      for (let y = ya; y <= yb; y++) {
        const ey = y - py0;
        const skip = inner > 0 && inner * inner > ey * ey ? Math.sqrt(inner * inner - ey * ey) : -1;
        const sa = Math.max(xa, Math.ceil(px0 - skip)), sb = Math.floor(px0 + skip);
        for (let x = xa; x <= xb; x++) {
          if (x === sa && sb >= sa) {
            x = sb;
            continue;
          }
          const ex = x - px0;
          const d = Math.round(Math.sqrt(ex * ex + ey * ey));
          if (d < r || d >= r1 || (r1 === rMaxProfile && d > r1)) continue;
          ringSum[d] += contrast[y * w + x];
          ringN[d]++;
        }
      }
      let found = false;
      for (let d = r; d < r1; d++) {
        if (ringN[d] && ringSum[d] / ringN[d] < half) {
          rHalf = d;
          found = true;
          break;
        }
      }
      if (found) break;
    }
    const reach = 2 * rHalf + 1.5;
    let sw = 0, sx = 0, sy = 0;
    const core: number[] = [];
    // the region's pixels within reach: from a box around the centre when that is the smaller look
    // (a merged region can be most of the view), put back in the region's order
    let within: ArrayLike<number> & Iterable<number> = blob.pixels;
    const bxa = Math.max(0, Math.floor(px0 - reach)), bxb = Math.min(w - 1, Math.ceil(px0 + reach));
    const bya = Math.max(0, Math.floor(py0 - reach)), byb = Math.min(h - 1, Math.ceil(py0 + reach));
    if ((bxb - bxa + 1) * (byb - bya + 1) < blob.pixels.length) {
      const inBox: number[] = [];
      for (let y = bya; y <= byb; y++) for (let x = bxa, q = y * w + x; x <= bxb; x++, q++) if (label[q] === blob.id) inBox.push(q);
      within = inBox.sort((a, b) => order[a] - order[b]);
    }
    for (const p of within) {
      const c = contrast[p];
      // (above the peak: a brighter light in the same merged region)
      if (c < half || c > blob.peak * 1.05) continue;
      const x = p % w, y = (p - x) / w;
      const ex = x - px0, ey = y - py0;
      if (Math.sqrt(ex * ex + ey * ey) > reach) continue;
      core.push(p);
      const wgt = c - half + 1;
      sw += wgt;
      sx += wgt * x;
      sy += wgt * y;
    }
    const cx = sx / sw, cy = sy / sw;
    let cxx = 1 / 12, cyy = 1 / 12, cxy = 0;
    for (const p of core) {
      const dx = (p % w) - cx, dy = Math.floor(p / w) - cy;
      cxx += dx * dx;
      cyy += dy * dy;
      cxy += dx * dy;
    }
    cxx /= core.length;
    cyy /= core.length;
    cxy /= core.length;
    const tr = cxx + cyy, det = cxx * cyy - cxy * cxy;
    const disc = Math.sqrt(Math.max(0, (tr * tr) / 4 - det));
    const l1 = tr / 2 + disc, l2 = Math.max(1e-6, tr / 2 - disc);
    const elongation = Math.sqrt(l1 / l2);
    const rEq = Math.sqrt(core.length / Math.PI);

    let clipped = 0;
    for (const p of core) clipped = Math.max(clipped, clipCount[p] / Math.max(1, seen[p]));
    // hue lives in the halo around a clipped core: look a little beyond the core
    const ring = Math.max(2, Math.ceil(rEq));
    const ix = Math.round(cx), iy = Math.round(cy);
    let sat = 0;
    for (let y = Math.max(0, iy - ring - Math.ceil(rEq)); y <= Math.min(h - 1, iy + ring + Math.ceil(rEq)); y++) {
      for (let x = Math.max(0, ix - ring - Math.ceil(rEq)); x <= Math.min(w - 1, ix + ring + Math.ceil(rEq)); x++) {
        const p = y * w + x;
        if (contrast[p] >= MIN_CONTRAST * 0.5) sat = Math.max(sat, maxSat[p] / 255);
      }
    }

    // the blob's own change over time: how far its pixels rise above their darkest level (frames
    // aligned to the first, so shake and drift do not count); an LED's rise follows the LED.
    // a disc a little larger than the blob: a residual misalignment moves light around inside it
    // but keeps its total, while the LED changes the total
    const rc = Math.max(1.5, rEq) + 2;
    const around = discAround(cx, cy, rc);
    const change = changeOfDisc(around);

    // brighter is more LED-like without a cap: the status LED outshines the board's other lights
    const lit = blob.peak / 160;
    const colourful = Math.max(sat, clipped > 0.02 ? 0.5 : 0);
    const shape = elongation <= 2.2 ? 1 : elongation <= 3.5 ? 0.35 : 0.08;
    const changeFactor = changeWeight(change);
    // a steady orange or blue light is most likely the charge LED or the D7 LED (DESIGN.md §2)
    // and a steady grey one is glare, a specular highlight or silkscreen (a white status LED breathes)
    const steady = change < CLEAR_CHANGE;
    const hue = steady ? steadyHue(around) : null;
    const distractorHue = steady && isDistractorHue(hue);
    const meanContrast = meanContrastOf(core, around.ring);
    let peakLuma = 0;
    for (const p of core) if (maxL[p] > peakLuma) peakLuma = maxL[p];
    const score =
      lit * (0.2 + 0.8 * colourful) * shape * changeFactor * clipFactor(clipped, steady) * (distractorHue ? 0.4 : 1);
    const d = toDisplayed(geometry!, cx, cy);
    return {
      x: d.x,
      y: d.y,
      radius: Math.max(0.5, rEq) * geometry!.scale,
      score,
      peakContrast: blob.peak,
      change,
      saturation: sat,
      clippedFraction: clipped,
      elongation,
      hue,
      meanContrast,
      peakLuma,
      bx: cx,
      by: cy,
      bradius: rEq,
    };
  }

  /** The last evaluation and the frame count it saw: result() right after a decisive push reuses it. */
  let evaluated: { count: number; best: Scored | null; ranked: Scored[] } | null = null;

  function evaluate(): { best: Scored | null; ranked: Scored[] } {
    if (!geometry || count === 0) return { best: null, ranked: [] };
    if (evaluated?.count === count) return evaluated;
    evaluated = { count, ...evaluateNow() };
    return evaluated;
  }

  function evaluateNow(): { best: Scored | null; ranked: Scored[] } {
    // background: a wide mean of each pixel's darkest level (an LED's OFF frames barely lift it)
    const bgRadius = Math.max(6, Math.round(Math.max(w, h) / 24));
    const bg = boxMean(minL, w, h, bgRadius);
    // a steady LED that clips blooms over much of that box and lifts its mean: where a pixel clips in
    // nearly every frame (steady, not a blink's ON half), its surroundings are read over a box three
    // times as wide as well
    const bgWide = boxMean(minL, w, h, 3 * bgRadius);
    const contrast = new Float32Array(n);
    // candidates from brightness over the surroundings (a steady LED) and from the temporal range
    // (a changing LED, even one dimmer than a white button beside it)
    const range = new Float32Array(n);
    // the view's own flicker (sensor noise, compression and residual shake move a typical pixel this
    // far): the median range of every 7th pixel; and the view's brightest surfaces: the 99.5th
    // percentile of every 3rd pixel's mean luma. Both read off histograms (the ranges are whole codes;
    // the means are sorted only within the one-code bin the percentile falls in), not full sorts
    const rangeHist = new Uint32Array(256), meanHist = new Uint32Array(256);
    let nRange = 0, nMeans = 0, peakContrast = 0, peakRange = 0;
    for (let p = 0, p7 = 0, p3 = 0; p < n; p++, p7 = p7 === 6 ? 0 : p7 + 1, p3 = p3 === 2 ? 0 : p3 + 1) {
      if (!seen[p]) continue;
      const ct = Math.fround(maxL[p] - (clipCount[p] * 5 >= seen[p] * 4 && bgWide[p] < bg[p] ? bgWide[p] : bg[p]));
      contrast[p] = ct;
      const dl = maxL[p] - minL[p], dc = maxC[p] - minC[p];
      const rg = dl > dc ? dl : dc;
      range[p] = rg;
      if (!mask || mask[p]) {
        if (ct > peakContrast) peakContrast = ct;
        if (rg > peakRange) peakRange = rg;
      }
      if (p7 === 0) {
        rangeHist[rg]++;
        nRange++;
      }
      if (p3 === 0) {
        meanHist[(sumL[p] / seen[p]) | 0]++;
        nMeans++;
      }
    }
    noiseCodes = nRange ? quantileOfHistogram(rangeHist, nRange, 0.5, (v) => v) : 0;
    brightSurface = nMeans
      ? quantileOfHistogram(meanHist, nMeans, 0.995, (v, k) => {
          const bin: number[] = [];
          for (let p = 0; p < n; p += 3) {
            if (!seen[p]) continue;
            const m = sumL[p] / seen[p];
            if ((m | 0) === v) bin.push(m);
          }
          return Float64Array.from(bin).sort()[k];
        })
      : 0;
    const all: Scored[] = [];
    for (const [map, peak] of [[contrast, peakContrast], [range, peakRange]] as const) {
      for (const b of findBlobs(map, peak, map === contrast)) {
        const c = scoreBlob(b, map);
        // (a dim maximum let in for its change stays only if its whole view changes as clearly)
        if (c && (b.weight === undefined || c.change >= CLEAR_CHANGE)) all.push(c);
      }
    }
    all.sort((a, b) => b.score - a.score);
    const ranked: Scored[] = [];
    /** The best score among each ranked light's views (the first, best-scored one's). */
    const bestOfLight: number[] = [];
    for (const c of all) {
      // one light seen twice (its core in one map, its wider glow or shake trail in the other): the
      // better-scored view stands for it, whichever of the two is the larger — unless the larger one
      // is the light's centre and the better-scored one a piece of its ring
      const same = (r: Scored) => Math.hypot(r.bx - c.bx, r.by - c.by) <= Math.max(3, r.bradius, c.bradius);
      const i = ranked.findIndex(same);
      if (i < 0) {
        ranked.push(c);
        bestOfLight.push(c.score);
      } else if (c.score >= 0.75 * bestOfLight[i] && enclosesCore(c, ranked[i])) {
        ranked[i] = c;
        // (other pieces of the same ring, taken for lights of their own, are this light too)
        for (let j = ranked.length - 1; j > i; j--) {
          if (same(ranked[j])) {
            ranked.splice(j, 1);
            bestOfLight.splice(j, 1);
          }
        }
      }
    }
    // the status LED is the largest of the board's LEDs (charge and D7 LEDs are smaller)
    const compact = ranked.filter((c) => c.elongation <= 2.2);
    const rMax = Math.max(0.5, ...compact.map((c) => c.bradius));
    // (it decides between steady candidates, most of all between lights of the charge and D7 LEDs'
    // hues; a changing one only needs to be LED-sized)
    for (const c of ranked) {
      const size = Math.min(1, c.bradius / rMax);
      c.score *= c.change >= 0.3 ? Math.sqrt(size) : isDistractorHue(c.hue) ? size * size : size;
    }
    ranked.sort((a, b) => b.score - a.score);
    const best = ranked.find(acceptable) ?? null;
    return { best, ranked };
  }

  /**
   * Whether `wide`, a larger view of the light `part` was taken for, is that light's true centre: a
   * blinking LED in a white package (seen by some cameras' colour and tone processing) is no brighter
   * lit than its package is when off, so its temporal range has a hole at the centre and the best
   * views are pieces of the glow or silkscreen ring around it. The wider view that encloses such a
   * piece off its own centre, blinks as clearly, is itself an acceptable LED, and is at least as
   * bright at its centre as the piece is at its own (the enclosed core, not a gap between two lights)
   * stands for the light when it scores nearly as well (the caller's test).
   */
  function enclosesCore(wide: Scored, part: Scored): boolean {
    if (wide.bradius < 1.5 * part.bradius || wide.elongation > 2.2 || !acceptable(wide)) return false;
    if (wide.change < 0.5 || part.change < 0.5) return false;
    const d = Math.hypot(wide.bx - part.bx, wide.by - part.by);
    if (d < 0.4 * wide.bradius) return false;
    return peakLumaAround(wide.bx, wide.by) >= peakLumaAround(part.bx, part.by);
  }

  /** Mean brightest luma over the frames of the 3×3 pixels around a point (search px). */
  function peakLumaAround(x: number, y: number): number {
    const ix = Math.round(x), iy = Math.round(y);
    let sum = 0, k = 0;
    for (let yy = Math.max(0, iy - 1); yy <= Math.min(h - 1, iy + 1); yy++) {
      for (let xx = Math.max(0, ix - 1); xx <= Math.min(w - 1, ix + 1); xx++, k++) sum += maxL[yy * w + xx];
    }
    return k ? sum / k : 0;
  }

  /**
   * Changing, or steadily lit with a colour or a clipped core and a compact shape — and, left to
   * itself, something only an LED looks like: a board whose status LED is dark must be "no LED", not
   * its charge LED, a gold pad, a flickering highlight or sensor noise. Inside the user's `--roi` any
   * lit compact light is taken: the user has said where the LED is.
   */
  function acceptable(c: Scored): boolean {
    if (c.peakContrast < MIN_CONTRAST || c.elongation > 3.5) return false;
    // an LED is a spot, even in a macro shot: a light filling the view is glare or exposure
    if (c.bradius > MAX_RADIUS_OF_VIEW * Math.min(w, h)) return false;
    if (options.roi) {
      if (c.change >= 0.3) return true;
      return (c.saturation >= 0.35 || c.clippedFraction >= 0.5) && c.elongation <= 2.2 && c.peakContrast >= 40;
    }
    // an emitter outshines what the room lights: it clips, or its peak stands above the view's
    // brightest surfaces (a gold pad or green solder mask in good light does not); a steady light
    // that does not clip by far, as only a change can vouch for a light just above them (a dark status
    // LED's white package, a pad or a label catching the room's light, tinted by the camera)
    const margin = c.change >= 0.3 ? EMITTER_MARGIN : STEADY_EMITTER_MARGIN;
    const emitter = c.clippedFraction >= 0.5 || c.peakLuma >= brightSurface + margin;
    const coloured = c.saturation >= 0.35 || c.clippedFraction >= 0.5;
    if (c.change >= 0.3) {
      // a change must stand out of the view's own noise (a patch of sensor noise changes too), and a
      // blinking LED is lit a fair part of the time: an edge that shake slides into a disc is bright
      // in a few frames only (real LEDs measured on the dev set: mean ≥ 0.42 of the peak); a marginal
      // change must come from a coloured emitter (a grey highlight flickers with the exposure); a grey
      // light that changes is a white LED only if it clips somewhere (all the dev set's white ones do)
      return (
        c.peakContrast >= noiseCodes + MIN_CONTRAST &&
        c.meanContrast >= 0.25 * c.peakContrast &&
        // (or one that goes nearly dark and back, as the network-off breath does; glare flickers shallowly)
        (c.saturation >= 0.35 || c.clippedFraction >= 0.3 || c.change >= 0.7) &&
        (c.change >= CLEAR_CHANGE || (emitter && coloured))
      );
    }
    // (a steady LED of an LED's own colour that clips in every frame blooms: its disc is wide and its
    // mean stands lower under its clipped peak than a lit pad's does, as a blinking LED's may)
    const bloom = c.clippedFraction >= 0.9 && c.saturation >= 0.35 && !isDistractorHue(c.hue);
    const lit = c.peakContrast >= 40 && c.meanContrast >= Math.max(MIN_CONTRAST, (bloom ? 0.25 : 0.4) * c.peakContrast);
    // a steady light of a distractor's hue may still be the status LED (solid orange, blue or white is
    // a frozen LED, seed § Solid colors) when it saturates the sensor as the status LED does; the
    // score's distractor factor still lets any other LED-like light win over it
    // (and when it is where the person filming put their subject: a steady orange, blue or grey light
    // out in the view's outer quarters is the board's other LEDs' or a reflection's far more often
    // than a frozen status LED the camera was not pointed at)
    return lit && coloured && emitter && c.elongation <= 2.2 && (!isDistractorHue(c.hue) || (c.clippedFraction >= 0.5 && inMiddleOfView(c)));
  }

  /** Whether a candidate lies in the middle half of the view, across and down. */
  function inMiddleOfView(c: Scored): boolean {
    return Math.abs(c.bx / w - 0.5) <= MIDDLE_OF_VIEW / 2 && Math.abs(c.by / h - 0.5) <= MIDDLE_OF_VIEW / 2;
  }

  /** How far the view wandered from its median position during the search (search px, ≥ 1). */
  function shakeOfView(): number {
    if (shifts.length < 2) return DEFAULT_SHAKE;
    const mx = quantile(shifts.map((s) => s.dx), 0.5), my = quantile(shifts.map((s) => s.dy), 0.5);
    return Math.max(1, quantile(shifts.map((s) => Math.hypot(s.dx - mx, s.dy - my)), 0.95) + 1);
  }

  /** A changing best well ahead of the rest. */
  function isClear(best: Scored, ranked: Scored[]): boolean {
    const second = ranked.find((c) => c !== best);
    return best.change >= 0.5 && (!second || best.score >= 2 * second.score);
  }

  function span(): number {
    return tLast - t0;
  }

  return {
    push(frame) {
      if (done) return true;
      if (!geometry) init(frame);
      else if (frame.width !== w || frame.height !== h) throw new RangeError('search frames must all have the same size');
      accumulate(frame);
      count++;
      tLast = frame.timestampMs;
      const s = span();
      if (s >= maxSpanMs) return (done = true);
      // re-evaluating costs tens of ms: do it about once a second once past the minimum span
      const crossedSpan = s >= spanMs && lastCheckMs - t0 < spanMs;
      if (s >= minSpanMs && (lastCheckCount === 0 || tLast - lastCheckMs >= 1000 || crossedSpan)) {
        lastCheckMs = tLast;
        lastCheckCount = count;
        const { best, ranked } = evaluate();
        if (best) {
          const second = ranked.find((c) => c !== best);
          const clear = isClear(best, ranked);
          // past the usual span, a steady best that is not clearly ahead keeps the search going (up to
          // maxSpanMs): slow breathing (8 s) or a late change needs more than the first seconds to show
          const settled = best.change >= 0.3 || !second || best.score >= 2 * second.score;
          if (clear || (s >= spanMs && settled)) done = true;
          else if (s >= spanMs && !atSpan) atSpan = { best, ranked };
        }
      }
      return done;
    },
    result() {
      let { best, ranked } = evaluate();
      // an extended search that saw no clear change falls back on the decision at the usual span: more
      // frames of steady lights only re-draw the noise in their change measures
      if (atSpan && best && !isClear(best, ranked)) ({ best, ranked } = atSpan);
      const strip = ({ bx: _bx, by: _by, bradius: _br, ...c }: Scored): SearchCandidate => c;
      const scale = geometry?.scale ?? 1;
      return {
        location: best
          ? { x: best.x, y: best.y, radius: best.radius, score: best.score, method: options.roi ? 'roi' : 'search' }
          : null,
        candidates: ranked.slice(0, 8).map(strip),
        shakePx: shakeOfView() * scale,
        frames: count,
        spanMs: span(),
        searchScale: scale,
        ledContrast: best ? best.peakContrast : 0,
        noiseCodes,
        lastShiftPx: { dx: shift.dx * scale, dy: shift.dy * scale },
      };
    },
    get frames() {
      return count;
    },
  };
}

/** The per-pixel statistics of a search (first frame's coordinates). */
interface PixelStats {
  seen: Uint16Array;
  sumL: Uint32Array;
  maxL: Uint8Array;
  minL: Uint8Array;
  maxC: Uint8Array;
  minC: Uint8Array;
  clipCount: Uint16Array;
  maxSat: Uint8Array;
  maxRgb: Uint8Array;
}

/*
 * The per-pixel loops of `accumulate` are module-level functions run once per row: called hundreds of
 * times a frame they are compiled to fast code within the first frame or two of a search, and that
 * code serves every later search (a live page searches once or twice, so loops that only get fast
 * after many frames would run slow for most of it).
 */

/**
 * Adds `count` pixels of one frame, read from pixel q on, to the statistics of pixels p on (the row
 * shifted into the first frame's coordinates), and writes their luma + chroma to the stored frame `st`.
 */
function statsRow(s: PixelStats, data: ArrayLike<number>, channels: number, lumaRaw: Uint8Array, lumaLut: Uint8Array, gainLut: Uint8Array, st: Uint16Array, p: number, q: number, count: number): void {
  const { seen, sumL, maxL, minL, maxC, minC, clipCount, maxSat, maxRgb } = s;
  for (let i = q * channels, end = p + count; p < end; p++, q++, i += channels) {
    const r = data[i], g = data[i + 1], b = data[i + 2];
    const mx = r > g ? (r > b ? r : b) : g > b ? g : b;
    const mn = r < g ? (r < b ? r : b) : g < b ? g : b;
    const l = lumaLut[lumaRaw[q]];
    const c = gainLut[mx - mn];
    seen[p]++;
    sumL[p] += l;
    st[p] = l + c;
    if (l > maxL[p]) {
      maxL[p] = l;
      maxRgb[3 * p] = r;
      maxRgb[3 * p + 1] = g;
      maxRgb[3 * p + 2] = b;
    }
    if (l < minL[p]) minL[p] = l;
    if (c > maxC[p]) maxC[p] = c;
    if (c < minC[p]) minC[p] = c;
    if (mx >= CLIP_CODE) clipCount[p]++;
    // (saturation c / mx in 1/255ths, rounded down; compared without dividing)
    else if (l >= LIT_LUMA && c * 255 >= (maxSat[p] + 1) * mx) maxSat[p] = ((c * 255) / mx) | 0;
  }
}

/**
 * `quantile` of values counted into one-code bins (`hist[v]` values in [v, v + 1), `total` in all),
 * exactly as over the sorted values: `valueAt(v, k)` is the k-th smallest value of bin v.
 */
function quantileOfHistogram(hist: Uint32Array, total: number, q: number, valueAt: (v: number, k: number) => number): number {
  const pos = Math.min(total - 1, Math.max(0, q * (total - 1)));
  const lo = Math.floor(pos);
  const hi = Math.min(total - 1, lo + 1);
  const at = (rank: number): number => {
    let below = 0;
    for (let v = 0; v < hist.length; v++) {
      if (rank < below + hist[v]) return valueAt(v, rank - below);
      below += hist[v];
    }
    return NaN;
  };
  const a = at(lo), b = hi === lo ? a : at(hi);
  return a + (b - a) * (pos - lo);
}

/** The share of the view's width and height, about its centre, that a person filming the LED keeps it in. */
const MIDDLE_OF_VIEW = 0.5;

/**
 * Weight of a light by how much of its core clips: the status LED is the brightest emitter on the
 * board, and a steady one saturates the sensor in every frame; a pad or a distractor that changes a
 * little (shake, compression) stays under it. (A steady status LED lost to such a moderately changing
 * unclipped light, or to the smaller, less clipped charge LED.) Only a steady light earns the full
 * weight: a blink cannot clip in every frame, and pieces of a breathing LED's blooming ring do, more
 * often than the view of the whole light, whose centre dims with each breath.
 */
function clipFactor(clipped: number, steady: boolean): number {
  return steady && clipped >= ALWAYS_CLIPPED ? 2 : clipped >= 0.5 ? 1.3 : 1;
}

/** Mean of a stored frame's values at the given pixels (0 for none). */
function meanAt(values: ArrayLike<number>, pixels: number[]): number {
  let sum = 0;
  for (let j = 0; j < pixels.length; j++) sum += values[pixels[j]];
  return pixels.length ? sum / pixels.length : 0;
}

/** A candidate's weight for its change over time; squared: a marginal change (noise on a tiny blob, a residual of alignment) earns little. */
function changeWeight(change: number): number {
  const c2 = Math.max(0, (change - 0.2) / 0.8);
  return 0.2 + 2.8 * c2 * c2;
}

/**
 * A steady light of this hue is more likely a distractor than the status LED (DESIGN.md §2): orange
 * is the charge LED, blue the D7 LED, and grey (null) glare, a specular highlight or silkscreen.
 */
function isDistractorHue(hue: number | null): boolean {
  return hue === null || (hue >= 12 && hue <= 42) || (hue >= 200 && hue <= 255);
}
