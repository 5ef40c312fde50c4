/**
 * Frame-to-frame tracking of a located LED through hand shake and slow drift. Each frame first moves
 * the last position by how far the board around it moved (view-motion.ts), then looks in a small
 * window there: when the LED is lit, its brightness-weighted centroid (over the connected pixels above
 * half its peak contrast) is the new centre; when dark, the moved position holds and the window widens
 * by the shake seen during the search, so the next lit frame re-centres. A lit centre far from the
 * LED's home (where it was last strongly lit, in the view and on the board) is another light, and is
 * refused.
 * Works on any buffer (crop or whole frame) through the frame's origin/scale. The reported radius is
 * the LED's own size (see radius.ts), not the tracking blob's 8-bit half-maximum. Pure and isomorphic.
 */
import type { RgbFrame } from '../source/types.js';
import { quantile, toBuffer, toDisplayed } from './frame-ops.js';
import { diffuserRadius } from './radius.js';
import { createViewMotion, type ViewMotion } from './view-motion.js';

export interface TrackerInit {
  /** Starting centre and radius, displayed full-res px. */
  x: number;
  y: number;
  radius: number;
  /** Hand-shake amplitude seen during the search (displayed px). */
  shakePx: number;
  /** How far from the start point the first lock may be (displayed px); the search's pixel size matters here. */
  lockRadiusPx?: number;
  /** Contrast (8-bit luma over background) the LED showed during the search: below a third of it is "dark". */
  expectedContrast?: number;
}

export interface TrackPoint {
  /** Centre and radius in displayed full-res px. */
  x: number;
  y: number;
  radius: number;
  /** The same in this frame's buffer px (what measurement reads). */
  bx: number;
  by: number;
  bradius: number;
  lit: boolean;
  /** Distance from the centre to the nearest buffer edge, buffer px (a crop pass restarts when small). */
  edgeDistance: number;
}

export interface LedTracker {
  update(frame: RgbFrame): TrackPoint;
  /** Median centre and radius over strongly lit frames (null before any). */
  summary(): { x: number; y: number; radius: number; litFrames: number } | null;
  /** Current estimate (displayed px). */
  readonly position: { x: number; y: number; radius: number };
}

const MIN_LIT_CONTRAST = 10;
/** Frames of spot contrast kept (~10 s at 30 fps: longer than any dark stretch of a blink or breath). */
const CONTRAST_HISTORY = 300;
/** Share of the radius estimate (which includes the glow) within which a dark frame's peak is the LED's own disc. */
const OWN_DISC = 0.5;
/** Range of the largest move between two frames looked for (buffer px): the shake seen in the search, plus a little. */
const MIN_VIEW_STEP = 6;
const MAX_VIEW_STEP = 24;
/** Least half-side (buffer px) of the patch whose motion is followed: enough board texture beside a small LED. */
const MIN_VIEW_HALF = 24;
/**
 * Strongly lit frames whose places make the LED's home (its last place, in the view and on the
 * board): about a second of a blink's lit frames.
 */
const HOME_FRAMES = 31;
/** Strongly lit frames needed before a lit frame may be refused for straying from home. */
const MIN_HOME_FRAMES = 5;
/**
 * How far a lit frame's centre may lie from home (displayed px): a few px, plus the shake seen in the
 * search (the view's motion is measured on the board's texture, which low light and noise leave
 * unreadable), plus a share of the radius (a big LED's centre moves over its own disc).
 */
const STRAY_BASE_PX = 8;
const STRAY_SHAKE = 1.5;
const STRAY_RADIUS = 0.3;


interface DarkView {
  lum: Uint8Array;
  x0: number;
  y0: number;
  ww: number;
  wh: number;
  originX: number;
  originY: number;
  scale: number;
}

/** Whether a dark view was taken from a buffer placed like this one (same crop origin and scale). */
function sameBuffer(view: DarkView | null, at: { originX: number; originY: number; scale: number }): view is DarkView {
  return view !== null && view.originX === at.originX && view.originY === at.originY && view.scale === at.scale;
}

/** Folds this dark frame's window into the darkest view so far (a new buffer geometry starts over). */
function darkView(prev: DarkView | null, lum: Uint8Array, at: Omit<DarkView, 'lum'>): DarkView {
  const out = Uint8Array.from(lum);
  if (sameBuffer(prev, at)) {
    for (let yy = 0; yy < at.wh; yy++) {
      const py = at.y0 + yy - prev.y0;
      if (py < 0 || py >= prev.wh) continue;
      for (let xx = 0; xx < at.ww; xx++) {
        const px = at.x0 + xx - prev.x0;
        if (px < 0 || px >= prev.ww) continue;
        const q = yy * at.ww + xx;
        out[q] = Math.min(out[q], prev.lum[py * prev.ww + px]);
      }
    }
  }
  return { lum: out, ...at };
}

export function createLedTracker(init: TrackerInit): LedTracker {
  let x = init.x, y = init.y, radius = Math.max(0.8, init.radius);
  let locked = false;
  let lastLit = false;
  let darkFrames = 0;
  let maxPeak = init.expectedContrast ?? 0;
  const xs: number[] = [], ys: number[] = [], rs: number[] = [];
  /** Diffuser radius from unclipped lit frames, and the clipped plateau's radius from clipped ones. */
  const diffuserR: number[] = [], plateauR: number[] = [];
  const recentR: number[] = [];
  const lockRadius = init.lockRadiusPx ?? Math.max(4, init.radius + 2);
  /**
   * The window's darkest view since the LED went dark (per-pixel minimum, in this buffer's pixels).
   * Coming back, the LED is what brightened: a white button or a reflection beside it was as bright
   * while the LED was dark, and must not capture the track just because the window widened onto it.
   */
  let darkRef: DarkView | null = null;
  /** Contrast at the LED's own spot, lit or not, over the last frames: its low end is the OFF look. */
  const spotContrast: number[] = [];
  /** The board's motion between frames: the prediction moves with it (made at the first frame's scale). */
  let motion: ViewMotion | null = null;
  /** The board's motion summed since the first frame (displayed px): the LED's place on the board is its position less this. */
  let boardX = 0, boardY = 0;
  /** The LED's places over the last strongly lit frames: in the view, and on the board (displayed px). */
  const home = { x: [] as number[], y: [] as number[], boardX: [] as number[], boardY: [] as number[] };
  const strayPx = STRAY_BASE_PX + STRAY_SHAKE * init.shakePx + STRAY_RADIUS * init.radius;

  /**
   * The LED's home in the view (displayed px) when a lit centre there lies beyond `strayPx` of it in the
   * view and on the board alike; null while the centre is near home, or home is not yet known.
   */
  function homeStrayedFrom(cx: number, cy: number): { x: number; y: number } | null {
    if (home.x.length < MIN_HOME_FRAMES) return null;
    const at = { x: quantile(home.x, 0.5), y: quantile(home.y, 0.5) };
    const inView = Math.hypot(cx - at.x, cy - at.y);
    const onBoard = Math.hypot(cx - boardX - quantile(home.boardX, 0.5), cy - boardY - quantile(home.boardY, 0.5));
    return Math.min(inView, onBoard) > strayPx ? at : null;
  }

  function update(frame: RgbFrame): TrackPoint {
    const { width, height, channels, data, scale } = frame;
    if (!motion) {
      const maxStep = Math.min(MAX_VIEW_STEP, Math.max(MIN_VIEW_STEP, Math.round(init.shakePx / scale) + 4));
      motion = createViewMotion(Math.max(MIN_VIEW_HALF, Math.ceil((4 * radius) / scale)) + maxStep, maxStep);
    }
    const moved = motion.step(frame);
    x += moved.dx * scale;
    y += moved.dy * scale;
    boardX += moved.dx * scale;
    boardY += moved.dy * scale;
    if (!locked) {
      // before the first lock nothing confirms the view's motion: a blinking glow in the patch can
      // make its match random-walk, which once carried the track 100 px from an LED that never moved
      const off = Math.hypot(x - init.x, y - init.y);
      const most = lockRadius + init.shakePx;
      if (off > most) {
        x = init.x + ((x - init.x) * most) / off;
        y = init.y + ((y - init.y) * most) / off;
      }
    }
    // the darkest view moves with the board too, or a pad beside the dark LED looks newly lit
    if (darkRef) darkRef = { ...darkRef, x0: darkRef.x0 + moved.dx, y0: darkRef.y0 + moved.dy };
    const b = toBuffer(frame, x, y);
    const rb = radius / scale;
    let margin: number;
    if (!locked) margin = lockRadius / scale + 2;
    else if (lastLit) margin = Math.max(3, 0.5 * rb) + 2;
    // while dark the camera keeps moving: widen by a plausible hand speed per frame, up to the shake seen
    else margin = Math.min(Math.max(3, rb) + init.shakePx / scale + 4, Math.max(3, 0.5 * rb) + 2 + (1.5 * darkFrames) / scale);
    const half = Math.ceil(rb * 1.5 + margin);
    const x0 = Math.max(0, Math.floor(b.x - half)), x1 = Math.min(width - 1, Math.ceil(b.x + half));
    const y0 = Math.max(0, Math.floor(b.y - half)), y1 = Math.min(height - 1, Math.ceil(b.y + half));
    const ww = x1 - x0 + 1, wh = y1 - y0 + 1;

    let bx = b.x, by = b.y, lit = false;
    let lum: Uint8Array | null = null;
    if (ww > 0 && wh > 0) {
      const reach2 = (rb + margin) ** 2;
      lum = new Uint8Array(ww * wh);
      /** Brightest channel per pixel: a saturated LED clips in one channel long before its luma does. */
      const top = new Uint8Array(ww * wh);
      const topBorder: number[] = [];
      let peak = -1, peakAt = 0;
      // the LED's own peak is near the prediction; a brighter light farther out must not win when it is lit
      const inner2 = Math.max(2, 0.6 * rb + 0.5 * margin) ** 2;
      let innerPeak = -1, innerAt = 0;
      const border: number[] = [];
      for (let yy = 0; yy < wh; yy++) {
        let i = ((y0 + yy) * width + x0) * channels;
        for (let xx = 0; xx < ww; xx++, i += channels) {
          const l = (77 * data[i] + 150 * data[i + 1] + 29 * data[i + 2]) >> 8;
          const p = yy * ww + xx;
          lum[p] = l;
          const m = data[i] > data[i + 1] ? (data[i] > data[i + 2] ? data[i] : data[i + 2]) : data[i + 1] > data[i + 2] ? data[i + 1] : data[i + 2];
          top[p] = m;
          // the peak is looked for near the predicted centre only: a bright neighbour in the
          // window's corner must not capture the track while the LED is dark
          const d2 = (x0 + xx - b.x) ** 2 + (y0 + yy - b.y) ** 2;
          if (l > peak && d2 <= reach2) {
            peak = l;
            peakAt = p;
          }
          if (l > innerPeak && d2 <= inner2) {
            innerPeak = l;
            innerAt = p;
          }
          if (yy === 0 || yy === wh - 1 || xx === 0 || xx === ww - 1) {
            border.push(l);
            topBorder.push(m);
          }
        }
      }
      const bg = quantile(border, 0.5);
      const litBar = Math.max(MIN_LIT_CONTRAST, 0.3 * maxPeak);
      // The LED's own OFF look: a white package, or a diffuser catching room light, stands well above
      // the board while the LED is off. Its centre still follows the camera, but its bright region
      // runs into whatever white lies near (a button, silkscreen), and a centroid over all of that
      // creeps away a little every frame. Such frames (and the dim part of a breath) are centred on
      // the LED's own disc only. (Matching the OFF look as a template was tried: in noisy, shaky
      // clips it random-walks off the LED.)
      if (innerPeak >= 0) {
        spotContrast.push(innerPeak - bg);
        if (spotContrast.length > CONTRAST_HISTORY) spotContrast.shift();
      }
      const offLook = spotContrast.length >= 8 ? quantile(spotContrast, 0.05) : 0;
      const swing = maxPeak - offLook;
      const brightOff = offLook >= litBar && swing >= Math.max(20, 0.15 * maxPeak);
      let atPrediction = false;
      if (innerPeak >= 0 && innerPeak - bg >= litBar) {
        peak = innerPeak;
        peakAt = innerAt;
        atPrediction = true;
      }
      const contrast = peak - bg;
      const ref = sameBuffer(darkRef, { originX: frame.originX, originY: frame.originY, scale }) ? darkRef : null;
      /** How much pixel p of this window brightened over the darkest view since the LED went dark (null: not seen). */
      const rise = (p: number): number | null => {
        if (!ref) return null;
        const ax = x0 + (p % ww) - ref.x0, ay = y0 + Math.floor(p / ww) - ref.y0;
        if (ax < 0 || ay < 0 || ax >= ref.ww || ay >= ref.wh) return null;
        return lum![p] - ref.lum[ay * ref.ww + ax];
      };
      // (only a light away from where the LED should be is suspect: the LED's own spot is taken as it
      // is. But the inner zone grows with a radius that a bright package or a sharpened halo inflates:
      // once the LED is known to blink, a peak in the zone but off the LED's own disc is a neighbour
      // too — a white patch beside a dark SOS LED took the track 10 px away in a still clip. A steady
      // LED the search placed a little off is still taken there)
      const blinks = spotContrast.length >= 8 && swing >= Math.max(20, 0.15 * maxPeak);
      const peakOffPx = Math.hypot(x0 + (peakAt % ww) - b.x, y0 + Math.floor(peakAt / ww) - b.y);
      const ownSpot = atPrediction && (!blinks || peakOffPx <= Math.max(2, OWN_DISC * rb));
      const steadyThing = locked && !lastLit && !ownSpot && (rise(peakAt) ?? contrast) < 0.5 * contrast;
      // the LED's own spot fell below the lit bar right after a lit frame: it went dark. A lit LED moves
      // a few px a frame, inside the inner zone; the light found beyond it is a white pad or silkscreen
      // beside the package, and centring on it walked the track off the LED (there is no dark view yet
      // to tell it by, as steadyThing does on the frames after)
      const justWentDark = locked && lastLit && !atPrediction;
      if (contrast >= litBar && !steadyThing && !justWentDark) {
        lit = true;
        // an OFF-looking frame is centred on the LED's own disc only
        const offLike = brightOff && contrast < offLook + 0.4 * swing;
        const regionReach2 = offLike ? (rb + 1.5) ** 2 : reach2;
        const th = bg + 0.5 * contrast;
        // connected pixels above half contrast from the peak: a neighbour blob in the window stays out
        const seen = new Uint8Array(ww * wh);
        const stack = [peakAt];
        seen[peakAt] = 1;
        let sw = 0, sx = 0, sy = 0, cnt = 0;
        const region: number[] = [];
        // only near the predicted centre: a brighter light whose glow touches the LED's stays out
        const near = (q: number) => {
          const qx = q % ww, qy = (q - qx) / ww;
          return (x0 + qx - b.x) ** 2 + (y0 + qy - b.y) ** 2 <= regionReach2;
        };
        while (stack.length) {
          const p = stack.pop()!;
          region.push(p);
          const px = p % ww, py = (p - px) / ww;
          const wgt = lum[p] - th + 1;
          sw += wgt;
          sx += wgt * px;
          sy += wgt * py;
          cnt++;
          if (px > 0 && !seen[p - 1] && lum[p - 1] >= th && near(p - 1)) { seen[p - 1] = 1; stack.push(p - 1); }
          if (px < ww - 1 && !seen[p + 1] && lum[p + 1] >= th && near(p + 1)) { seen[p + 1] = 1; stack.push(p + 1); }
          if (py > 0 && !seen[p - ww] && lum[p - ww] >= th && near(p - ww)) { seen[p - ww] = 1; stack.push(p - ww); }
          if (py < wh - 1 && !seen[p + ww] && lum[p + ww] >= th && near(p + ww)) { seen[p + ww] = 1; stack.push(p + ww); }
        }
        // a region far larger than the LED is something else lit (a white button beside a dark LED)
        const tooBig = locked && cnt > Math.max(16, 6 * Math.PI * rb * rb);
        const jump = Math.hypot(x0 + sx / sw - b.x, y0 + sy / sw - b.y);
        // the first lock must look like the LED the search saw (not a sliver of silkscreen at the
        // window's edge)
        const tooSmall = !locked && cnt < 0.1 * Math.PI * rb * rb;
        // once locked, the LED moves from its last lit place by the hand's shake and speed, and never by
        // more than the window's margin; the margin alone grows with the radius estimate, which a bright
        // package inflates, and a centroid that leaps that far is the package's OFF look running into
        // silkscreen beside it
        const maxJump = Math.min(0.5 * rb + margin, Math.max(2, 0.25 * rb) + (2 * init.shakePx + 1.5 * darkFrames) / scale);
        const found = toDisplayed(frame, x0 + sx / sw, y0 + sy / sw);
        // a light well away from where the LED has been lit, in the view and on the board alike, is
        // something else: step by step along a lit pad, or in one leap to a flickering neighbour during
        // a long dark pause, the track went over to it and read it from then on (fresh other-2080011:
        // an SOS 12 read as SOS 5 at 0.97). The LED is looked for at home again
        const strayedFrom = locked ? homeStrayedFrom(found.x, found.y) : null;
        if (strayedFrom) {
          x = strayedFrom.x;
          y = strayedFrom.y;
          const h = toBuffer(frame, x, y);
          bx = h.x;
          by = h.y;
        }
        if (tooBig || tooSmall || (locked && jump > maxJump) || strayedFrom) lit = false;
        else {
          bx = x0 + sx / sw;
          by = y0 + sy / sw;
          const rEst = Math.max(0.8, Math.sqrt(cnt / Math.PI)) * scale;
          const strong = contrast >= 0.5 * Math.max(maxPeak, contrast);
          maxPeak = Math.max(maxPeak, contrast);
          x = found.x;
          y = found.y;
          // the linear half-maximum does not depend on the drive level: dimmer unclipped views (breathing,
          // a frame exposed across a blink's edge) serve as well as bright ones
          if (contrast >= Math.max(20, 0.15 * maxPeak)) {
            const vals = new Uint8Array(region.length);
            let topPeak = 0;
            for (let k = 0; k < region.length; k++) {
              vals[k] = top[region[k]];
              if (vals[k] > topPeak) topPeak = vals[k];
            }
            const dr = diffuserRadius(vals, topPeak, quantile(topBorder, 0.5));
            if (!dr.clipped) diffuserR.push(dr.radius * scale);
            else if (strong) plateauR.push(dr.radius * scale);
          }
          if (strong) {
            home.x.push(x);
            home.y.push(y);
            home.boardX.push(x - boardX);
            home.boardY.push(y - boardY);
            if (home.x.length > HOME_FRAMES) for (const v of Object.values(home)) v.shift();
            xs.push(x);
            ys.push(y);
            rs.push(rEst);
            recentR.push(rEst);
            if (recentR.length > 15) recentR.shift();
            radius = quantile(recentR, 0.5);
          }
          locked = true;
        }
      }
    }
    if (lit || !locked || !lum) darkRef = null;
    else darkRef = darkView(darkRef, lum, { x0, y0, ww, wh, originX: frame.originX, originY: frame.originY, scale });
    lastLit = lit;
    darkFrames = lit ? 0 : darkFrames + 1;
    motion.keep(frame, x, y);
    const rNow = radius / scale;
    return {
      x,
      y,
      radius,
      bx,
      by,
      bradius: rNow,
      lit,
      edgeDistance: Math.min(bx, by, width - 1 - bx, height - 1 - by),
    };
  }

  return {
    update,
    summary() {
      if (!xs.length) return null;
      // the half-maximum of the codes (what tracking uses) lies well outside the diffuser, more so when
      // the core clips: report the clipped plateau when the LED clips (a camera's tone curve and the glow
      // push even a linear half-maximum outwards), else the linear half-maximum of unclipped views
      const r = plateauR.length >= 3 ? quantile(plateauR, 0.5) : diffuserR.length ? quantile(diffuserR, 0.5) : quantile(rs, 0.5);
      return { x: quantile(xs, 0.5), y: quantile(ys, 0.5), radius: r, litFrames: xs.length };
    },
    get position() {
      return { x, y, radius };
    },
  };
}
