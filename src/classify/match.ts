/**
 * The matcher: explains the measured elements as a sequence of catalog templates. For each
 * element it walks every template from every admissible start, element by element (kind, colour,
 * shape, duration within the catalog's tolerance widened by the frame timing), and a dynamic
 * programme keeps the explanation that accounts for the most time with the fewest states. Codes
 * (SOS, bars, cloud-error counts) need no decoder of their own: each code is its own template, and
 * only the right count walks through a whole cycle.
 */
import { hueSaturation, oneHueStepApart } from '../catalog/colors.js';
import { coolHaloOfWhite } from './halo.js';
import type { Element } from './segment.js';
import { MIN_HOLD_MS, type Template, type TemplateElement } from './templates.js';

export interface MatchContext {
  /** Median frame interval and its jitter (ms). */
  frameMs: number;
  jitterMs: number;
  /** The LED's core clips in most lit frames: a frame that catches any of an ON phase reads fully
   * ON, so ON runs stretch and OFF runs shrink by up to a frame. */
  clipHeavy?: boolean;
}

/** Score a new state must earn before it is worth starting (ms of explained time). */
export const SPAN_PENALTY_MS = 250;
/** Cost per ms of leaving an element unexplained. */
export const SKIP_COST = 0.25;

export interface SpanMatch {
  template: Template;
  /** Template index the span started at. */
  start: number;
  /** Element range [i, j). */
  i: number;
  j: number;
  /** Explained time, weighted by how well each element fit. */
  score: number;
  /** Template elements walked (to judge whether a whole cycle was seen). */
  walked: number;
  /** Mean colour likelihood of the ON elements and mean timing fit. */
  colorFit: number;
  /**
   * Mean probability the namer gave the template's colour over the ON elements: the likelihood
   * above is relative to the best colour, so it stays 1 for a coin-flip between yellow and green.
   */
  colorProb: number;
  timingFit: number;
  /** How many matched ON elements had no shape information (too few frames). */
  shapeUnknown: number;
  /** Highest template element index reached (exclusive). */
  reached: number;
  /** Elements matched in full (not cut short or overlong at a boundary). */
  full: number;
  /** The span starts after its intro, which the lit run just before it showed (see introShownBefore). */
  introBefore: boolean;
}

/** How far frame timing can move a run's measured length: each edge lies somewhere in its gap. */
function slackMs(o: Element, ctx: MatchContext): number {
  return 0.5 * (o.gapStartMs + o.gapEndMs) + 2 * ctx.jitterMs;
}

/** How far a run's length may miss `expMs` and still fit: the template's share of it, its least, or the frames' slack. */
function toleranceMs(t: Template, expMs: number, slack: number, fraction = t.tolerance.fraction): number {
  return Math.max(fraction * expMs, t.tolerance.minMs, slack);
}

/** The probability the namer gave the template element's colour (1 for darkness, 0.5 unnamed). */
export function colorProbability(e: TemplateElement, o: Element): number {
  if (e.kind === 'off') return 1;
  if (e.multi) return o.multi ? 1 : 0.15;
  if (!o.color) return 0.5;
  const main = e.colors.find((c) => c !== null);
  return main ? o.color.scores[main] : 0;
}

/**
 * How well element `o`'s colour fits template element `e`: the namer's probability for the template's
 * colour relative to the best colour's (darkness, many colours and an unnamed run as
 * `colorProbability` has them).
 */
export function colorLikelihood(e: TemplateElement, o: Element): number {
  if (e.kind === 'off' || e.multi || !o.color) return colorProbability(e, o);
  const scores = o.color.scores;
  let maxS = 0;
  for (const k in scores) maxS = Math.max(maxS, scores[k as keyof typeof scores]);
  if (maxS <= 0) return 0.5;
  // the colour held longest is the element's colour (a boot white running into the first green
  // blink reads white)
  let best = colorProbability(e, o) / maxS;
  // a camera's tint (and a clipped core's halo) can make white light read as a pale colour: a pale
  // light stays a weak candidate for white rather than none (the rest of the pattern decides)
  const main = e.colors.find((c) => c !== null);
  if (o.rgb && main === 'white') {
    // a clipped white's colour is read from its halo, which reads cool: a clipped blue-to-cyan light
    // stays a weak white candidate further from grey
    const pale = hueSaturation(o.rgb[0], o.rgb[1], o.rgb[2]).saturation < PALE_SATURATION;
    if (pale || (o.clippedFraction >= CLIPPED_RUN && coolHaloOfWhite(o.rgb))) best = Math.max(best, PALE_WHITE);
  }
  // a camera's hue rotation and a clipped core's halo move a hue by about one step of the contract
  // circle (orange reads red, yellow reads orange): the neighbouring colour stays a weak candidate,
  // so a pattern only that colour shows (two orange blinks) is still found, at the confidence its
  // colour earns
  if (main && oneHueStepApart(main, o.color.name)) best = Math.max(best, NEIGHBOUR_COLOR);
  return o.multi ? best * 0.7 : best;
}

/** The colour likelihood a light keeps for the colour one hue step from the one it reads as (just above MIN_COLOR). */
const NEIGHBOUR_COLOR = 0.3;
/** Below this saturation a light may be white seen through a tint. */
const PALE_SATURATION = 0.6;
/** The colour likelihood such a light keeps for white (just above MIN_COLOR). */
const PALE_WHITE = 0.3;
/** A run whose frames clipped this often was read from its halo. */
const CLIPPED_RUN = 0.9;

/** How much shorter than its template an unclipped breath's dark part may read (a share of it). */
const UNCLIPPED_BREATH_OFF = 0.7;

/** A flat template run this short may read as ramped: a few smeared frames cannot show a shape. */
const SHORT_FLAT_MS = 400;

/** Minimum colour likelihood for an ON element to match at all. */
const MIN_COLOR = 0.25;
/** Blinks of an intro's train a walk must have matched in colour before its last, read off it, may pass. */
const INTRO_TRAIN_BLINKS = 4;

/** Index of the intro's last lit element (−1 when the intro shows no light). */
function lastIntroOn(t: Template): number {
  for (let k = t.introElements - 1; k >= 0; k--) if (t.elements[k].kind === 'on') return k;
  return -1;
}

interface Step {
  ok: boolean;
  /** An ON shorter than allowed, pending the period check with the OFF after it. */
  shortOn?: boolean;
  /** Seen whole and then some: the next state began inside it. */
  overlong?: boolean;
  /** Only acceptable as the span's last element (the state changed part-way through it). */
  endOnly: boolean;
  /**
   * An end-only misfit in the middle of a span that the walk may still carry on from when the next
   * element makes up the difference: one edge between the two was misplaced, their sum kept.
   */
  shifted?: boolean;
  quality: number;
  partial: boolean;
}

function fitDuration(t: Template, e: TemplateElement, o: Element, first: boolean, ctx: MatchContext, shiftedShare = MIN_SHIFTED_SHARE): Step {
  const slack = slackMs(o, ctx);
  const partialOk = first || o.truncStart || o.truncEnd;
  if (e.open) {
    const min = MIN_HOLD_MS[e.kind];
    if (o.durMs >= min) return { ok: true, endOnly: false, quality: 1, partial: false };
    if (o.truncEnd || o.truncStart) return { ok: o.durMs >= min / 2, endOnly: false, quality: 0.6, partial: true };
    return { ok: false, endOnly: false, quality: 0, partial: false };
  }
  if (e.irregular) {
    const lo = e.irregular.minMs - slack - t.tolerance.minMs;
    const hi = e.irregular.maxMs + slack + t.tolerance.minMs;
    if (o.durMs >= lo && o.durMs <= hi) return { ok: true, endOnly: false, quality: 0.7, partial: false };
    if (o.durMs < lo) return { ok: true, endOnly: false, quality: 0.5, partial: true };
    if (partialOk && o.durMs <= hi) return { ok: true, endOnly: false, quality: 0.5, partial: true };
    // two lit toggles whose dark toggle between fell between exposures (the shortest is one LED tick,
    // 25 ms: under a frame and a half at 60 fps): an OTA flicker's lit runs of 600–700 ms
    const lostToggle = e.kind === 'on' && lostBetweenFrames(e.irregular.minMs, ctx);
    if (lostToggle && o.durMs <= hi + e.irregular.maxMs + e.irregular.minMs) return { ok: true, endOnly: false, quality: 0.5, partial: false };
    return { ok: false, endOnly: false, quality: 0, partial: false };
  }
  // a breath goes dark once a period however hard it clips: a run lit for longer than a whole period
  // is no breath's lit half, cut short by the clip or not (a Tracker's solid green, its level drifting
  // with shake and defocus, read as breathing from one 5.6 s lit run)
  if (e.ramp && e.kind === 'on' && t.simple && o.durMs > t.loopMs + slack) return { ok: false, endOnly: false, quality: 0, partial: false };
  // a breath's ON/OFF split moves with clipping and exposure; its period is checked in pairs. Only a
  // clipped breath (its top flattened, its lit part widened) squeezes the dark part to a sliver: an
  // unclipped one keeps a good share of it
  let d = o.durMs - e.expMs;
  const squeezed = e.ramp && e.kind === 'off' && d < 0 && !ctx.clipHeavy;
  const frac = e.ramp ? Math.max(squeezed ? UNCLIPPED_BREATH_OFF : 0.9, t.tolerance.fraction) : t.tolerance.fraction;
  const tol = toleranceMs(t, e.expMs, slack, frac);
  // a blink phase shorter than the frames resolve: the frames beat with the blink (a 10 Hz fast cyan
  // at 24 fps reads as lit runs of one to six frames split by one dark frame), so a run stands for
  // its phase if it is no longer than the beat can make it; weakly, as the rest of the pattern decides
  if (!e.ramp && e.expMs < UNRESOLVED_PHASE_FRAMES * ctx.frameMs && d > tol && o.durMs <= BEAT_PHASES * e.expMs + 2 * ctx.frameMs) {
    return { ok: true, endOnly: false, quality: UNRESOLVED_QUALITY, partial: false };
  }
  if (ctx.clipHeavy && !e.ramp) {
    // a clipped LED: forgive up to a frame of ON stretching (and OFF shrinking)
    const stretch = e.kind === 'on' ? Math.min(Math.max(0, d), ctx.frameMs) : -Math.min(Math.max(0, -d), ctx.frameMs);
    d -= stretch;
  }
  if (Math.abs(d) <= tol) {
    // a breath is judged on its period (checked in ON/OFF pairs by the walk), not on its split
    const z = e.ramp ? 0 : d / tol;
    return { ok: true, endOnly: false, quality: 1 - 0.5 * z * z, partial: false };
  }
  if (d < 0) {
    if (partialOk) return { ok: true, endOnly: false, quality: 0.5, partial: true };
    // a lit run cut short inside a span: exposure, compression or a lagging measurement can eat
    // into an ON phase; the walk accepts it when the ON and the OFF after it keep the period
    if (e.kind === 'on' && !e.ramp && !e.open && o.durMs >= 0.25 * e.expMs) return { ok: true, endOnly: false, quality: 0.6, partial: false, shortOn: true };
    return { ok: true, endOnly: true, quality: 0.4, partial: true, shifted: !e.ramp && o.durMs >= shiftedShare * e.expMs };
  }
  // longer than expected: only where a state change falls inside the element (a span's first or
  // last element), never in the middle of a span (unless the next element makes up for it)
  if (first) return { ok: true, endOnly: false, quality: 0.4, partial: true };
  return { ok: true, endOnly: true, quality: 0.4, partial: true, overlong: true, shifted: !e.ramp };
}

/**
 * A blink phase shorter than this many frame intervals is not resolved by the frames: at one and a
 * half (the fast cyan's 50 ms at 30 fps, "barely resolved") a blink that straddles two exposures can
 * read dark in both, and its dark phases and the lost blink read as one dark run of three phases.
 */
const UNRESOLVED_PHASE_FRAMES = 1.6;
/** The longest run such a phase can read as, in phases (plus two frames): the frames' beat with it. */
const BEAT_PHASES = 5;
/** How well a run that the beat stretched fits its phase. */
const UNRESOLVED_QUALITY = 0.5;

/**
 * Share of a breath's dark run its light takes, at least, to climb from the dark to near its peak
 * (and to fall). Cut at the OFF threshold (0.35), a linear breath climbs to 0.8 in 0.64 of its dark
 * run's length, whatever the gain (a brighter LED shortens both alike); a convex reading of the light
 * (the level a power p of it) lengthens the dark against the climb: 0.26 at p = 2, 0.12 at p = 4 (a
 * breathing green read through the other camera's curve climbs in 0.14 of its 2.7 s dark). A step is
 * a frame or two, far below any of these.
 */
const BREATH_EDGE_SHARE = 0.08;

/**
 * Whether dark run `obs[j]` stepped in and out: the light before it fell, and the light after it
 * climbed, each within a frame or two, far faster than a breath that stays dark this long can (a
 * steady LED the track lost for 1.4 s, between two flat lit runs, read as breathing at 0.92).
 */
function steppedDark(obs: readonly Element[], j: number, ctx: MatchContext): boolean {
  const before = obs[j - 1];
  const after = obs[j + 1];
  if (before?.fallMs === undefined || after?.riseMs === undefined) return false;
  return Math.max(before.fallMs, after.riseMs) < BREATH_EDGE_SHARE * obs[j].durMs - ctx.frameMs - 2 * ctx.jitterMs;
}

/** A blink's dark phase up to this many frames long can fall wholly between exposures. */
const LOST_GAP_FRAMES = 1.5;

/** Whether a dark phase `expMs` long can fall wholly between exposures (or be smeared over). */
function lostBetweenFrames(expMs: number, ctx: MatchContext): boolean {
  return expMs <= LOST_GAP_FRAMES * ctx.frameMs + 2 * ctx.jitterMs;
}

/**
 * Share of its expected length an element must keep when an edge next to it moved: a sliver could
 * be a flash inside a dark that adds a code blink. Before a pattern's code no count hangs on it, so
 * any remnant will do (an SOS long blink read as 67 ms after a 440 ms gap: the two still keep time).
 */
const MIN_SHIFTED_SHARE = 0.25;

/** Where template element `k` falls in the pattern's loop (intro elements stand for themselves). */
function loopPos(t: Template, k: number): number {
  return k < t.introElements ? k : t.introElements + ((k - t.introElements) % Math.max(1, t.loopElements));
}

/** Whether template element `k` comes before its loop's code (no count depends on it). */
function beforeCode(t: Template, k: number): boolean {
  return t.codedFrom >= 0 && loopPos(t, k) < t.codedFrom;
}

/** The share of template element `k` a run must keep when an edge next to it moved (see MIN_SHIFTED_SHARE). */
function shiftedShareAt(t: Template, k: number): number {
  return beforeCode(t, k) ? 0 : MIN_SHIFTED_SHARE;
}

/** Whether template element `e` has a fixed length a repair may reason about. */
function rigid(e: TemplateElement | undefined): e is TemplateElement {
  return e !== undefined && !e.ramp && !e.open && !e.irregular && !e.multi;
}

/** Whether two measured elements together last as long as the template's elements they stand for. */
function pairKeepsTime(t: Template, expMs: number, o: Element, prevO: Element, ctx: MatchContext): boolean {
  const tol = toleranceMs(t, expMs, slackMs(o, ctx) + slackMs(prevO, ctx));
  return Math.abs(o.durMs + prevO.durMs - expMs) <= tol;
}

/**
 * Whether a walk may carry on from a misfit at template element `k` (see Step.shifted): both it and
 * the next element of fixed length, in a composite pattern (a plain blink's runs are all alike, and
 * one fits or it does not), the run seen whole.
 */
function canCarryOn(t: Template, k: number, o: Element): boolean {
  return !t.simple && !o.truncEnd && rigid(t.elements[k]) && rigid(t.elements[k + 1]);
}

/** Whether the run after `obs[j]` makes up its misfit: the two last as long as template elements `k` and `k + 1`. */
function nextMakesUp(t: Template, k: number, obs: readonly Element[], j: number, ctx: MatchContext): boolean {
  const next = obs[j + 1];
  const e = t.elements[k + 1];
  if (!next || next.kind !== e.kind) return false;
  return pairKeepsTime(t, t.elements[k].expMs + e.expMs, next, obs[j], ctx) && next.durMs >= shiftedShareAt(t, k + 1) * e.expMs;
}

export type WalkVisitor = (j: number, score: number, m: Omit<SpanMatch, 'template' | 'start' | 'i' | 'j' | 'score' | 'introBefore'>) => void;

/**
 * Walks template `t` from its element `s` against elements from `i`, calling `visit` for every
 * element end the span could stop at. `limit` caps the elements walked (exclusive end index).
 */
export function walk(
  obs: readonly Element[],
  i: number,
  t: Template,
  s: number,
  ctx: MatchContext,
  visit: WalkVisitor,
  limit = obs.length,
): void {
  let score = 0;
  let colorSum = 0;
  let colorProbSum = 0;
  let colorN = 0;
  let timingSum = 0;
  let shapeUnknown = 0;
  let j = i;
  let k = s;
  let prevFull = false; // previous element matched in full (for breath period checks)
  let onMatched = 0;
  let firstLit = -1; // the first lit run matched
  let full = 0;
  let pendingShortOn = false;
  // a misfit the walk carried on from (see Step.shifted): the next element must make up its time;
  // if it does, the misfit earns back the credit of a fitting element
  let pending: { expMs: number; bonus: number; full: number } | null = null;
  let merges = 0;
  let resyncs = 0;
  // the rest of a dark lead's credit, paid when the first bar after it fits (see leadRun)
  let leadOwed = 0;
  // a span must show the LED lit (its colour) unless the template is darkness itself; a breath's
  // span, more than one lone transient
  const needsOn = t.elements.some((x) => x.kind === 'on');
  const showsState = (): boolean => !needsOn || (onMatched > 0 && !(onMatched === 1 && t.longestBreathOnMs > 0 && isLoneTransient(obs[firstLit], t.longestBreathOnMs)));
  /** Offers the span walked so far (through template element `reached`) to the visitor, once it shows its state. */
  const report = (reached: number): void => {
    if (!showsState()) return;
    const colorFit = colorN > 0 ? colorSum / colorN : 1;
    const colorProb = colorN > 0 ? colorProbSum / colorN : 1;
    visit(j, score, { reached, walked: k - s, full, colorFit, colorProb, timingFit: timingSum / (k - s), shapeUnknown });
  };
  while (j < limit && k < t.elements.length) {
    const o = obs[j];
    let e = t.elements[k];
    if (o.kind !== e.kind) {
      // a dark gap of about a frame between two lit runs of different colours (the last cyan blink
      // and the error colour) can fall between exposures or be smeared over: the colours then meet
      if (e.kind === 'off' && j > i && obs[j - 1].kind === 'on' && lostBetweenFrames(e.expMs, ctx) && t.elements[k + 1]?.kind === 'on' && !e.open && !e.irregular) {
        k++;
        continue;
      }
      break;
    }
    let col = colorLikelihood(e, o);
    if (col < MIN_COLOR) {
      // the last blink of an intro's train read off its colour (a hue drifting under a tint: the
      // last of twenty fast cyan blinks read green) is still a blink of the train the blinks before it
      // showed. Only the last: a walk broken earlier in the train starts again after the break, but
      // one broken there loses the error after it (the blink before it must show the intro's colour)
      const lastOfTrain = onMatched >= INTRO_TRAIN_BLINKS && k < t.introElements && rigid(e) && k === lastIntroOn(t);
      if (!lastOfTrain) break;
      col = MIN_COLOR;
    }
    let shape = 1;
    const boundary = j === i && o.durMs > e.expMs && !e.open;
    if (boundary) {
      // shared with the state before: its shape belongs to that state
    } else if (e.multi) {
      // a rainbow's level steps with its colours (blue reads brighter than yellow): no shape to check
    } else if (!e.irregular && !e.open) {
      if (o.ramp === null) {
        shape = 0.85;
        if (e.kind === 'on') shapeUnknown++;
      } else if (o.ramp !== e.ramp) {
        // a clipped breath: its top is flat at full scale, the ramps show below threshold
        if (e.ramp && o.kind === 'on' && o.peak >= 0.9) shape = 0.9;
        // a short flat blink smeared over a few frames (defocus, motion, compression, a slow
        // exposure) shows slopes: its timing still tells, with less weight than a clean edge
        else if (!e.ramp && e.expMs <= SHORT_FLAT_MS) shape = 0.6;
        // a long dark run whose floor wanders (drift, shake, a small LED in noise) reads as ramped:
        // the lit runs around it show whether the pattern breathes
        else if (!e.ramp && e.kind === 'off') shape = 0.6;
        else break;
      }
    } else if (e.open && o.ramp === true && !e.ramp) {
      // a steady LED under drifting exposure can look ramped; a hold still fits, less well
      shape = 0.7;
    }
    const share = shiftedShareAt(t, k);
    let fit = fitDuration(t, e, o, j === i, ctx, share);
    // a dark lead (the signal bars' dim green) runs together with whatever dark came before it (a
    // breath's dark part): once the first bar after it fits, all of that dark is the lead's. Credited
    // in part, the dark went to an `off` state of its own, and the pattern began a bar late
    const leadRun = j === i && k === 0 && darkLead(t) && o.durMs > e.expMs;
    if (!fit.ok || (e.ramp && e.kind === 'off' && steppedDark(obs, j, ctx))) break;
    // the time the element before asks this one to make up (a short ON's period, a shifted edge)
    const owed = pendingShortOn && e.kind === 'off' ? t.elements[k - 1].expMs : pending ? pending.expMs : null;
    const keepsTime = (expMs: number): boolean => owed !== null && pairKeepsTime(t, owed + expMs, o, obs[j - 1], ctx) && o.durMs >= share * expMs;
    let stands = 1; // template elements this measured element stands for
    const clean = owed !== null ? keepsTime(e.expMs) : !fit.endOnly;
    // a misfit whose time the next run makes up is one moved edge, not three elements merged (a
    // 440 ms gap and a 67 ms long blink keep the 500 ms of the gap and the blink they stand for)
    const shiftKept = owed === null && fit.shifted === true && j > i && canCarryOn(t, k, o) && nextMakesUp(t, k, obs, j, ctx);
    // one repair of each kind per loop walked
    const repairs = 1 + Math.floor((k - s) / Math.max(1, t.loopElements));
    let lostFlash = false;
    if (!clean && !shiftKept && j > i && !o.truncStart && !o.truncEnd) {
      // a blink (or the gap inside one) lost between exposures: this element stands for three of
      // the template's, its time theirs together. Before a pattern's code it is a repair (one per
      // loop); in the code only a brief flash lost between two seen ones, whose flashes keep the
      // count and pin the dark's edges, so it is judged on its time like any run
      const m = mergedElement(t, k, obs, j, ctx);
      if (m && (m.lostFlash ? owed === null : merges < repairs)) {
        const fitM = fitDuration(t, m.element, o, false, ctx);
        if (owed !== null ? keepsTime(m.element.expMs) : fitM.ok && !fitM.endOnly) {
          e = m.element;
          fit = { ok: true, endOnly: false, quality: m.lostFlash ? fitM.quality : 0.5, partial: false };
          stands = 3;
          if (m.lostFlash) lostFlash = true;
          else merges++;
        }
      }
    }
    if (!clean && !shiftKept && stands === 1 && owed === null && j > i && !o.truncStart && resyncs < repairs) {
      const r = resyncAt(t, k, obs, j, ctx);
      if (r) {
        // the runs stand for the template's elements as a whole, at half credit: their time is
        // kept, their edges are not
        let creditMs = 0;
        for (let x = j; x < j + r.runs; x++) {
          creditMs += obs[x].durMs;
          if (obs[x].kind !== 'on') continue;
          if (onMatched === 0) firstLit = x;
          onMatched++;
          colorSum += r.colorFit;
          colorProbSum += colorProbability(r.lit, obs[x]);
          colorN++;
        }
        score += RESYNC_QUALITY * creditMs * r.colorFit * t.weight;
        timingSum += RESYNC_QUALITY * r.elements;
        full += r.elements;
        resyncs++;
        j += r.runs;
        k += r.elements;
        pendingShortOn = false;
        prevFull = false;
        report(k);
        continue;
      }
    }
    let pairQuality = 1;
    if (stands === 1 && owed !== null) {
      if (keepsTime(e.expMs)) {
        fit = { ok: true, endOnly: false, quality: 0.8, partial: false };
        if (pending) {
          score += pending.bonus;
          full += pending.full;
        }
      } else if (pending || !fit.endOnly || fit.overlong !== true) {
        // (a short ON's OFF may still end the span when it is overlong: the state changed in it)
        break;
      }
    }
    pendingShortOn = fit.shortOn === true;
    pending = null;
    if (e.ramp && !fit.partial && prevFull && k > s && t.elements[k - 1].ramp) {
      // a breath's period: an ON and its OFF together must add up to the template's
      const prevE = t.elements[k - 1];
      const prevO = obs[j - 1];
      const sumExp = e.expMs + prevE.expMs;
      const tol = toleranceMs(t, sumExp, slackMs(o, ctx) + slackMs(prevO, ctx));
      const dz = (o.durMs + prevO.durMs - sumExp) / tol;
      if (Math.abs(dz) > 1) break;
      pairQuality = 1 - 0.5 * dz * dz;
    }
    const weight = fit.partial ? 0.5 : 1;
    const creditMs = e.open ? o.durMs : Math.min(o.durMs, e.irregular ? e.irregular.maxMs : 1.5 * e.expMs + 50);
    const earned = creditMs * col * pairQuality * shape * t.weight;
    score += earned * fit.quality * weight;
    if (leadRun) leadOwed = o.durMs * t.weight - earned * fit.quality * weight;
    else if (leadOwed > 0) {
      if (!fit.partial && !fit.endOnly) score += leadOwed;
      leadOwed = 0;
    }
    if (e.kind === 'on') {
      if (onMatched === 0) firstLit = j;
      onMatched++;
      colorSum += col;
      colorProbSum += colorProbability(e, o);
      colorN++;
    }
    timingSum += fit.quality;
    if (!fit.partial || fit.overlong) full += stands;
    j++;
    k += stands;
    // a misfit mid-span that the next element may make up for (both of fixed length, this one seen
    // whole) in a composite pattern: a plain blink's runs are all alike, and one fits or it does not
    const carryOn = fit.endOnly && fit.shifted === true && j > i + 1 && canCarryOn(t, k - stands, o);
    if (carryOn) pending = { expMs: e.expMs, bonus: earned * (0.8 - fit.quality * weight), full: fit.overlong ? 0 : 1 };
    // a cut-short element does not prove the pattern went on; a lost flash's dark only stands with
    // the flash after it
    if (!lostFlash) report(fit.partial && !fit.overlong && !o.truncStart && !o.truncEnd && j - 1 !== i ? k - 1 : k);
    if (fit.endOnly && !carryOn) break;
    prevFull = !fit.partial;
  }
}

/** How well runs that a resync took as a whole fit (see resyncAt). */
const RESYNC_QUALITY = 0.5;
/** The most measured runs, and template elements, one resync may take together. */
const RESYNC_MAX_RUNS = 3;
const RESYNC_MAX_ELEMENTS = 7;

/**
 * A stretch of a pattern's opening mangled past repair element by element (a 24 fps clip that lost
 * most of an SOS's last short group: a 712 ms dark, a 69 ms remnant, the 1000 ms pause): runs from
 * `obs[j]` on that, taken together, last as long as template elements from `k` on, after which the
 * next run fits its element cleanly again. Only before the code (no count hangs on the elements
 * given up) and within one loop. The fewest runs, then the fewest elements, win. Null if none.
 */
function resyncAt(
  t: Template,
  k: number,
  obs: readonly Element[],
  j: number,
  ctx: MatchContext,
): { runs: number; elements: number; colorFit: number; lit: TemplateElement } | null {
  for (let runs = 1; runs <= RESYNC_MAX_RUNS && j + runs < obs.length; runs++) {
    const lastRun = obs[j + runs - 1];
    if (lastRun.truncEnd) return null;
    let runMs = 0;
    for (let x = j; x < j + runs; x++) runMs += obs[x].durMs;
    const slack = slackMs(obs[j], ctx) + (runs > 1 ? slackMs(lastRun, ctx) : 0);
    const litRuns = obs.slice(j, j + runs).filter((x) => x.kind === 'on');
    let expMs = 0;
    let longestMs = 0;
    for (let q = 1; q <= RESYNC_MAX_ELEMENTS && k + q < t.elements.length; q++) {
      const e = t.elements[k + q - 1];
      if (!rigid(e) || !beforeCode(t, k + q - 1) || (q > 1 && loopPos(t, k + q - 1) < loopPos(t, k))) break;
      expMs += e.expMs;
      longestMs = Math.max(longestMs, e.expMs);
      // only the stretch's outer edges move its length: it may miss by what its longest element may
      // (not by a share of the whole, which grows with every element given up)
      if (e.kind !== lastRun.kind || Math.abs(runMs - expMs) > toleranceMs(t, longestMs, slack)) continue;
      const lit = t.elements.slice(k, k + q).find((x) => x.kind === 'on');
      const colorFit = lit && litRuns.length > 0 ? Math.min(...litRuns.map((x) => colorLikelihood(lit, x))) : 1;
      if (colorFit < MIN_COLOR || (litRuns.length > 0 && !lit)) continue;
      // the run after the stretch must fit its element cleanly: the walk is back in step
      const next = t.elements[k + q];
      const anchor = obs[j + runs];
      if (anchor.kind !== next.kind || colorLikelihood(next, anchor) < MIN_COLOR) continue;
      const fit = fitDuration(t, next, anchor, false, ctx);
      if (!fit.ok || fit.endOnly) continue;
      return { runs, elements: q, colorFit, lit: lit ?? e };
    }
  }
  return null;
}

/**
 * Template elements k, k+1, k+2 as one (a lit, a dark and a lit run read as one lit run, or the
 * other way round), when all three have fixed lengths, the outer two show the same colours, and
 * they come before the pattern's code in its loop; or, in a plain blink, when the dark phase between
 * two lit ones is short enough to fall between exposures (a 51 ms toggle at 24 fps: a frame that
 * catches any of either lit phase reads lit); or, in the code, when a brief flash was lost between
 * two seen ones (`lostFlash`, see lostFlashElement). Null otherwise.
 */
function mergedElement(t: Template, k: number, obs: readonly Element[], j: number, ctx: MatchContext): { element: TemplateElement; lostFlash: boolean } | null {
  const lost = lostFlashElement(t, k, obs, j, ctx);
  if (lost) return { element: lost, lostFlash: true };
  const a = t.elements[k];
  const b = t.elements[k + 1];
  const c = t.elements[k + 2];
  if (!rigid(a) || !rigid(b) || !rigid(c) || a.kind === b.kind || a.kind !== c.kind) return null;
  if (a.colors.join() !== c.colors.join()) return null;
  const element = { ...a, expMs: a.expMs + b.expMs + c.expMs };
  if (t.simple) return a.kind === 'on' && lostBetweenFrames(b.expMs, ctx) ? { element, lostFlash: false } : null;
  if (t.codedFrom < 0) return null;
  if (loopPos(t, k + 2) >= t.codedFrom || loopPos(t, k + 2) < loopPos(t, k)) return null;
  return { element, lostFlash: false };
}

/**
 * The longest code flash a camera can lose whole: a signal bar's 50 ms (SIGNAL_BAR_ON_MS) is three
 * frames at 60 fps, and a small LED under a CRF 32–34 codec, defocused or shaken, smears it into its
 * dim background, or it falls between exposures at 24 fps. An SOS code blink (300 ms) is many
 * frames long: when one is missing whole, the track lost the LED, which leaves no time to trust.
 */
const LOST_FLASH_MS = 100;

/**
 * Template elements k, k+1, k+2 (a dark, a brief code flash, a dark) as one dark run, when the flash
 * was lost between two seen ones: the dark at `k` follows a code flash, the element after the three
 * is a code flash too, and `obs[j + 1]` shows it (its colour, its length). Only there does the time
 * tell a lost flash: a dark at the code's start or end runs into the state around the pattern (a
 * breath's dark part), whose length no template knows. Null otherwise.
 */
function lostFlashElement(t: Template, k: number, obs: readonly Element[], j: number, ctx: MatchContext): TemplateElement | null {
  if (t.codedFrom < 0) return null;
  const [a, b, c, d] = [t.elements[k], t.elements[k + 1], t.elements[k + 2], t.elements[k + 3]];
  if (!rigid(a) || !rigid(b) || !rigid(c) || !rigid(d)) return null;
  if (a.kind !== 'off' || b.kind !== 'on' || c.kind !== 'off' || d.kind !== 'on' || b.expMs > LOST_FLASH_MS) return null;
  // all four in one pass of the loop, from the code on
  const at = loopPos(t, k);
  if (at < t.codedFrom || loopPos(t, k + 3) !== at + 3) return null;
  const next = obs[j + 1];
  if (next?.kind !== 'on' || colorLikelihood(d, next) < MIN_COLOR) return null;
  const fit = fitDuration(t, d, next, false, ctx);
  return fit.ok && !fit.endOnly && !fit.shortOn ? { ...a, expMs: a.expMs + b.expMs + c.expMs } : null;
}

/**
 * Whether a breath's one lit run, seen from edge to edge, is a transient (the 0.5 s white flash at
 * boot, a decryption error's 250 ms orange hold): far shorter than the breath's lit half, it is no
 * breathing state. Refused by the walk, so the parse's next-best explanation takes its place (refused
 * after the parse, the span it had won left its time unknown: the orange hold and the dark after it,
 * read as one white breath, had beaten the error and the dark LED), and no such breath is named as
 * an alternative to the state that took it.
 */
function isLoneTransient(on: Element, breathOnMs: number): boolean {
  // seen whole, it cannot be a breath, smeared edges or not (a blurred flash reads as ramps)
  if (on.truncStart || on.truncEnd) return false;
  return on.durMs < 0.5 * breathOnMs;
}

export interface ParseResult {
  spans: SpanMatch[];
  /** Elements no template explained, as index ranges. */
  unexplained: Array<{ i: number; j: number }>;
}

/** The best explanation of all elements as consecutive template spans. */
export function parseElements(obs: readonly Element[], templates: readonly Template[], ctx: MatchContext): ParseResult {
  const n = obs.length;
  const best = new Float64Array(n + 1).fill(-Infinity);
  const back: Array<SpanMatch | null> = new Array(n + 1).fill(null);
  best[0] = 0;
  for (let i = 0; i < n; i++) {
    if (best[i] === -Infinity) continue;
    // leave this element unexplained (at a small cost, so explanations that cover it win)
    const skipped = best[i] - SKIP_COST * obs[i].durMs;
    if (skipped > best[i + 1]) {
      best[i + 1] = skipped;
      back[i + 1] = null;
    }
    const base = best[i] - SPAN_PENALTY_MS;
    for (const t of templates) {
      for (const s of t.starts) {
        const from = startFrom(t, s, obs, i, ctx);
        if (!from) continue;
        const { introBefore } = from;
        walk(obs, i, t, s, ctx, (j, score, m) => {
          // an intro alone (the cyan before a cloud error) is the plainer state, not the composite
          const whole = completedCycle(t, s, m.reached, m.full, obs[j], introBefore);
          const total = base + (whole ? score : stoppedShort(t, m.reached, obs[j - 1], obs[j]) ? STOPPED_SHORT * score : 0.9 * score);
          if (total > best[j] + 1e-9 || (back[j] !== null && Math.abs(total - best[j]) <= 1e-9 && preferOver(t, back[j]!.template))) {
            best[j] = total;
            back[j] = { template: t, start: s, i, j, score, ...m, introBefore };
          }
        });
      }
    }
  }
  const spans: SpanMatch[] = [];
  const unexplained: Array<{ i: number; j: number }> = [];
  let j = n;
  while (j > 0) {
    const b = back[j];
    if (b) {
      spans.push(b);
      j = b.i;
    } else {
      const last = unexplained[unexplained.length - 1];
      if (last && last.i === j) last.i = j - 1;
      else unexplained.push({ i: j - 1, j });
      j--;
    }
  }
  spans.reverse();
  unexplained.reverse();
  return { spans, unexplained };
}

/**
 * A pattern that plays once and counts nothing but itself (a cloud error's blinks) whose span ends,
 * before the pattern's last lit element, in darkness far longer than any of the pattern's gaps: the
 * LED stopped there, so it did not show what the template shows (two blinks are not three).
 */
function stoppedShort(t: Template, reached: number, last: Element, next: Element | undefined): boolean {
  if (t.loopsForever || t.codedFrom >= 0) return false;
  // the dark the LED stopped in: the span's own last run, or the run right after it
  const dark = last.kind === 'off' ? last : next?.kind === 'off' ? next : null;
  if (!dark) return false;
  return dark.durMs > STOPPED_GAPS * t.longestGapMs && t.elements.slice(reached).some((e) => e.kind === 'on');
}

/** Darkness this many times a pattern's longest gap means the pattern stopped. */
const STOPPED_GAPS = 3;

/** What a span keeps of its score when its pattern visibly stopped short (see stoppedShort). */
const STOPPED_SHORT = 0.6;

/**
 * Whether template `t` may begin at its element `s` on element `i` (null: it may not), and whether it
 * does so after an intro the run before it showed (see introShownBefore).
 */
function startFrom(t: Template, s: number, obs: readonly Element[], i: number, ctx: MatchContext): { introBefore: boolean } | null {
  if (t.elements[s].kind !== obs[i].kind) return null;
  if (introShownBefore(t, s, obs, i, ctx)) return { introBefore: true };
  return startAllowed(t, s, obs, i, ctx) ? { introBefore: false } : null;
}

/**
 * Where a state may begin in its pattern. A device starts a composite pattern (SOS, a cloud error,
 * the bars) from its beginning, so mid-clip it is caught at its first element, or its second when
 * the first ran into the previous state's last run; only at the clip's start (or for a plain blink
 * or breath, whose phase carries over) can it be caught anywhere.
 */
function startAllowed(t: Template, s: number, obs: readonly Element[], i: number, ctx: MatchContext): boolean {
  if (t.simple) return true;
  if (i === 0 || obs[i].truncStart) return true;
  // a dark lead (the signal bars' dim green) is seen whole: run together with darkness before it,
  // it only reads longer
  if (s <= 1 && !holdsDarkLead(t, obs[s === 0 ? i : i - 1], ctx)) return false;
  if (s <= 1) return true;
  // an intro (the blinking cyan before a cloud error) is the previous state's pattern: it may be
  // caught part-way like that state, if it shows there. A dark run shows it only as one of its gaps,
  // after one of its blinks: a long dark standing in for its last gap shows none of it (a lone
  // magenta flash a second after blinking cyan is no authentication error), nor does the gap after
  // a blink of another colour (an SOS's red blinks read as a cloud error's)
  if (s < t.introElements) return obs[i].kind === 'on' || introGap(t, s, obs, i, ctx);
  return i === 1 && obs[0].durMs < 1500;
}

/** Whether the dark run `obs[i]` can be the intro's gap at template element `s`: as short as that gap, after a blink of the intro's colour. */
function introGap(t: Template, s: number, obs: readonly Element[], i: number, ctx: MatchContext): boolean {
  return fitsIntroGap(t, t.elements[s], obs[i], ctx) && (!t.introOn || blinkOfIntro(t.introOn, obs[i - 1]));
}

/** Whether a dark run is no longer than the intro's gap `gap` (a longer dark is a pause, not the intro). */
function fitsIntroGap(t: Template, gap: TemplateElement, run: Element, ctx: MatchContext): boolean {
  return run.durMs <= gap.expMs + slackMs(run, ctx) + t.tolerance.minMs;
}

/**
 * Whether a lit run is a blink of the intro: in the intro's own colour, or as likely as half the
 * colour read (a neighbouring one, which the walk still lets through, would let any state before an
 * error stand in for its intro).
 */
function blinkOfIntro(introOn: TemplateElement, run: Element): boolean {
  return run.kind === 'on' && colorLikelihood(introOn, run) >= INTRO_COLOR;
}

/** Whether a pattern opens with an intro of darkness alone (the signal bars' 750 ms dim lead). */
function darkLead(t: Template): boolean {
  return t.introElements > 0 && t.introOn === null && rigid(t.elements[0]) && t.elements[0].kind === 'off';
}

/**
 * Whether `run` can hold a composite's dark lead, when the pattern has one. The signal bars' 750 ms
 * dim lead reads as darkness: a bar after 90 ms of dark is the last of several, not one bar after its
 * lead (fresh other-1980047: three bars read as one at 0.997).
 */
function holdsDarkLead(t: Template, run: Element, ctx: MatchContext): boolean {
  const lead = t.elements[0];
  if (!rigid(lead) || lead.kind !== 'off' || run.kind !== 'off' || run.truncStart) return true;
  return run.durMs >= lead.expMs - toleranceMs(t, lead.expMs, slackMs(run, ctx));
}

/**
 * Whether a composite may start at its first element after its intro (the error after the cyan)
 * because the lit run just before showed that intro: a blink of the intro's colour, or the intro's
 * blinking smeared into one lit run by frames that do not resolve it (a 10 Hz cyan locked in phase
 * with 30 fps reads as one flickering light), with no more dark between the two than the intro's own
 * closing gap. The walk through the intro blink by blink then need not succeed for the error to be
 * seen in its place: the intro is the previous state's pattern, already matched as that state.
 */
function introShownBefore(t: Template, s: number, obs: readonly Element[], i: number, ctx: MatchContext): boolean {
  const introOn = t.introOn;
  if (!introOn || s !== t.introElements || i === 0) return false;
  const lastIntro = t.elements[t.introElements - 1];
  let p = i - 1;
  if (obs[p].kind === 'off') {
    if (lastIntro.kind !== 'off' || !fitsIntroGap(t, lastIntro, obs[p], ctx)) return false;
    p--;
  }
  return p >= 0 && obs[p].durMs >= introOn.expMs && blinkOfIntro(introOn, obs[p]);
}

/** Colour likelihood the lit run before a composite must give its intro's colour to stand for the intro. */
const INTRO_COLOR = 0.5;

/** Equal scores: the device's own scheme first, the generic `solid` last, firmware before docs. */
function preferOver(a: Template, b: Template): boolean {
  if (a.priority !== b.priority) return a.priority < b.priority;
  return a.variant === 'firmware' && b.variant !== 'firmware';
}

/**
 * Whether a walk from template element `start` to `reached` saw a whole cycle of the pattern: for a
 * pattern with an intro, through the end of its first loop; otherwise one loop's worth of elements.
 */
export function completedCycle(t: Template, start: number, reached: number, full: number, next?: Element, introBefore = false): boolean {
  // a finite pattern's closing dark run merges with whatever dark follows it (the LED off, the
  // reboot): when the span is followed by a dark run that long, the closing run was seen
  const end = Math.min(t.elements.length, t.introElements + t.loopElements);
  const last = t.elements[end - 1];
  const absorbed = !t.loopsForever && last?.kind === 'off' && next?.kind === 'off' && next.durMs >= 0.5 * last.expMs ? 1 : 0;
  if (t.introElements > 0) {
    // the intro must have been seen too (a blink of it), not just the error at its end; an intro
    // that is only darkness (the signal bars' lead-in) merges with whatever dark came before it and
    // proves nothing either way
    const introLit = t.introOn !== null && !introBefore;
    if (reached - start < t.loopElements - absorbed + (introLit ? Math.min(t.introElements, 2) : 0)) return false;
    return reached >= end - absorbed && full >= Math.min(t.loopElements, t.elements.length - 1) - absorbed;
  }
  // a looping composite is proven by its loop seen to start again; a walk that began in the dark
  // before its first light only saw that light once (a boot's white flash and green blinks, after
  // the dark of a device powered on, are one power-issue loop's elements, not the loop repeating)
  const darkBefore = !t.simple && t.loopsForever && t.elements[start]?.kind === 'off' ? 1 : 0;
  const need = t.simple ? 3 : t.loopsForever ? t.loopElements + 1 + darkBefore : t.loopElements - absorbed;
  return full >= Math.min(t.elements.length - 1, need);
}

/**
 * The best walk of one template over the same stretch [i, j) (for alternatives): it must start at
 * the stretch's first element and reach (nearly) its end, or it does not explain that stretch.
 */
export function bestScoreWithin(obs: readonly Element[], i: number, j: number, t: Template, ctx: MatchContext): number {
  let best = 0;
  for (let a = i; a < Math.min(j, i + 1); a++) {
    for (const s of t.starts) {
      const from = startFrom(t, s, obs, a, ctx);
      if (!from) continue;
      const { introBefore } = from;
      walk(
        obs,
        a,
        t,
        s,
        ctx,
        (end, score, m) => {
          // a counted pattern cut off before its count was complete is a weak rival
          const s2 = completedCycle(t, s, m.reached, m.full, obs[end], introBefore) ? score : 0.6 * score;
          if (end >= j - 1 && s2 > best) best = s2;
        },
        j,
      );
    }
  }
  return best;
}
