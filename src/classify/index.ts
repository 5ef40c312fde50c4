/**
 * Public entry of the classifier: `LedSeries` (+ device context) → timeline and diagnosis. Pure and
 * isomorphic. The stages are small modules: levels → segment → (templates from the catalog) →
 * match → spans with confidence → diagnosis.
 */
import { decodingCatalogFor, findMode, isCatalogModeId, isFaultCode, type Catalog } from '../catalog/index.js';
import type { ColorName, DeviceId } from '../catalog/types.js';
import type { LedSeries } from '../signal/types.js';
import { defaultColorNamer } from './model/default-namer.js';
import { chooseDiagnosis, FAULT_MIN_CONFIDENCE } from './diagnosis.js';
import { stretchFeatures } from './features.js';
import { computeLevels } from './levels.js';
import { bestScoreWithin, completedCycle, parseElements, type MatchContext, type SpanMatch } from './match.js';
import { clipHueShift, segmentSeries, type Element } from './segment.js';
import { buildTemplates, type Template } from './templates.js';
import type { Alternative, Classification, ColorNamer, StateSpan } from './types.js';

export type * from './types.js';
export { ruleColorNamer, createRuleColorNamer } from './color-namer.js';
export { createStreamingMatcher, DEFAULT_WINDOW_MS, type StreamingMatcher, type StreamingOptions } from './stream.js';

export interface ClassifyOptions {
  device?: DeviceId;
  /** Catalog to match against (default: the device's, with the factory theme). */
  catalog?: Catalog;
  colorNamer?: ColorNamer;
}

/** Shortest series worth classifying. */
const MIN_SERIES_MS = 600;
/** Unexplained stretches shorter than this are glitches, not states. */
const MIN_UNKNOWN_MS = 1000;
/** A clip with no lit LED reads `off`, but never surely: a board out of view looks the same. */
const DARK_CONFIDENCE = 0.5;
/**
 * The ON level (`Levels.top`: linear light over the surroundings, the brightest channel) a lit status
 * LED's light reaches in a clip. The dev sets' lit LEDs, dim, small and defocused ones included,
 * reached 0.077 and more (3,151 clips); the search's faint finds in clips of a dark LED (pads and
 * packages in a dim room, the dark LED itself) stayed under 0.06, most under 0.05.
 */
const FAINT_LEVEL = 0.05;

/**
 * Longest stretch one template span may cover. A looping state seen for longer is parsed as several
 * spans of the same state, which mergeSpans joins: the parse's cost grows with the template's length,
 * and a 10-minute clip must cost ten times a 1-minute one, not a hundred.
 */
const MAX_HORIZON_MS = 60000;

// templates per catalog entry: a catalog object may be new per call (the decoding filter, a theme),
// but catalogFor() hands out the same entries for a device, so caching by entry makes repeated
// classifications (the stream, the eval) cheap
const templateCache = new WeakMap<object, Map<string, Template[]>>();

function templatesFor(catalog: Catalog, device: DeviceId | undefined, durationMs: number): Template[] {
  // horizons in 20 s steps so a stream re-analysing a growing window reuses them
  const horizonMs = Math.min(MAX_HORIZON_MS, Math.max(20000, Math.ceil(durationMs / 20000) * 20000));
  const key = `${device ?? '-'}|${horizonMs}`;
  const out: Template[] = [];
  for (const entry of catalog.modes) {
    let byKey = templateCache.get(entry);
    if (!byKey) {
      byKey = new Map();
      templateCache.set(entry, byKey);
    }
    let t = byKey.get(key);
    if (!t) {
      t = buildTemplates([entry], { device, horizonMs });
      byKey.set(key, t);
    }
    out.push(...t);
  }
  return out;
}

function sameState(a: { mode: string; code: number | null; color: ColorName | null }, b: { mode: string; code: number | null; color: ColorName | null }): boolean {
  return a.mode === b.mode && a.code === b.code && a.color === b.color;
}

function unknownSpan(elements: readonly Element[], i: number, j: number, fps: number, frames: number): StateSpan {
  const f = stretchFeatures(elements, i, j);
  return {
    mode: 'unknown',
    code: null,
    color: null,
    startS: elements[i].startMs / 1000,
    endS: elements[j - 1].endMs / 1000,
    confidence: 0,
    evidence: { ...f, frames, fps, variant: null, explained: 0, notes: ['no catalog pattern fits this stretch'], sufficient: false },
  };
}

function framesIn(elements: readonly Element[], i: number, j: number): number {
  return elements[j - 1].i1 - elements[i].i0;
}

/** Confidence, alternatives and evidence of one matched span. */
function describeSpan(m: SpanMatch, elements: readonly Element[], templates: readonly Template[], ctx: MatchContext, fps: number): StateSpan {
  const t = m.template;
  let durMs = 0;
  for (let k = m.i; k < m.j; k++) durMs += elements[k].durMs;
  const explained = durMs > 0 ? Math.min(1, m.score / durMs) : 0;
  // a composite is proven by one whole cycle; a blink or breath by how long it was seen
  const cycle = completedCycle(t, m.start, m.reached, m.full, elements[m.j], m.introBefore);
  const notes: string[] = [];
  // a coded pattern seen from its start up into its code, but not through it (frames lost, the
  // clip cut): the mode is proven, its code is not
  // (the part before the code must say something: three lit runs at least, as SOS's groups do)
  const prefixOn = t.codedFrom > 0 ? t.elements.slice(0, t.codedFrom).filter((e) => e.kind === 'on').length : 0;
  const codeUnproven = !cycle && prefixOn >= 3 && m.start <= 1 && m.reached >= t.codedFrom - 1 && m.full >= t.codedFrom - 2;
  // ...and only once the clip went on past it: at the end of what was seen (a live stream's
  // "now") the code may still be coming
  const followed = m.j < elements.length && !elements[m.j].truncEnd;
  if (codeUnproven) notes.push('the code blinks were not seen in full: the code is unknown');
  // (a look the page names for the driven colour: the mode's meaning says what it points to)
  if (t.seenAs) notes.push(`its ${t.color} light read ${t.seenAs}`);
  const sufficiency = t.simple || !Number.isFinite(t.loopMs) ? Math.min(cycle ? 1 : 0.6, durMs / t.requiredMs) : cycle || (codeUnproven && followed) ? 1 : 0.6;
  // alternatives: other states that explain the same stretch nearly as well
  const alts = new Map<string, Alternative>();
  const outranked = new Set<string>();
  for (const other of templates) {
    if (sameState(other, t)) continue;
    const key = stateKey(other);
    if ((alts.get(key)?.score ?? 0) >= 0.99) continue;
    const s = bestScoreWithin(elements, m.i, m.j, other, ctx);
    const ratio = m.score > 0 ? Math.min(1, s / m.score) : 0;
    if (ratio >= 0.75 && ratio > (alts.get(key)?.score ?? 0)) alts.set(key, { mode: other.mode, code: other.code, color: other.color, score: ratio });
    // ranked below by device context or as the generic fallback: listed, but no doubt cast
    if (other.priority > t.priority) outranked.add(key);
  }
  // frame-rate limits: a pattern faster than a frame cannot be ruled out by what the frames show
  let fpsCap = 1;
  const shows = new Set(t.elements.flatMap((e) => e.colors));
  if (t.minElementMs < ctx.frameMs) {
    fpsCap = Math.min(fpsCap, 0.6);
    notes.push(`its ${Math.round(t.minElementMs)} ms steps are shorter than one frame at ${fps.toFixed(0)} fps`);
  } else if (t.minElementMs < 2 * ctx.frameMs && t.code !== null) {
    // a counted flash under two frames long can fall between exposures: the count may be short
    fpsCap = Math.min(fpsCap, 0.7);
    notes.push(`its ${Math.round(t.minElementMs)} ms flashes last under two frames at ${fps.toFixed(0)} fps: one may have been missed`);
  }
  if (t.simple) {
    for (const other of templates) {
      // a toggle under 1.5 frames per phase lands one frame or two at random: it reads as a slower
      // blink as easily as its own
      if (other.mode === t.mode || !other.simple || other.minElementMs >= ALIAS_FRAMES * ctx.frameMs) continue;
      if (!other.elements.some((e) => e.kind === 'on' && e.colors.some((c) => shows.has(c)))) continue;
      const key = stateKey(other);
      if ((alts.get(key)?.score ?? 0) < 0.7) alts.set(key, { mode: other.mode, code: other.code, color: other.color, score: 0.7 });
      fpsCap = Math.min(fpsCap, 0.55);
      notes.push(`at ${fps.toFixed(0)} fps a ${Math.round(other.minElementMs)} ms toggle (${other.mode}) would alias: cannot rule it out`);
    }
  }
  const alternatives = [...alts.values()].sort((a, b) => b.score - a.score).slice(0, 3);
  const top = alternatives.find((a) => !outranked.has(stateKey(a)))?.score ?? 0;
  const margin = 1 - 0.5 * Math.max(0, (top - 0.75) / 0.25);
  if (top >= 0.9) notes.push(`${alternatives.find((a) => a.score === top)?.mode} fits almost as well`);
  if (sufficiency < 1) notes.push(`${SEEN_FOR}${(durMs / 1000).toFixed(1)} s of the ${(t.requiredMs / 1000).toFixed(1)} s needed`);
  const shapeFactor = m.shapeUnknown > 0 && t.elements.some((e) => e.ramp) ? 0.85 : 1;
  let confidence = (0.4 + 0.6 * explained) * (0.6 + 0.4 * m.colorFit) * (0.5 + 0.5 * sufficiency) * margin * shapeFactor * (codeUnproven ? 0.7 : 1);
  confidence = Math.min(confidence, fpsCap);
  if (t.elements.some((e) => e.irregular) && keepsRhythm(elements, m.i, m.j) && confidence > RHYTHMIC_FLICKER_CAP) {
    notes.push('its toggles keep a steady rhythm, which a flicker paced by data arriving does not: another pattern in another colour may fit');
    confidence = RHYTHMIC_FLICKER_CAP;
  }
  // a doubtful colour caps the confidence: the pattern may fit perfectly and the state still be
  // another (solid yellow or green, breathing cyan or white)
  const colorCap = 0.25 + 0.85 * m.colorProb;
  if (colorCap < confidence) {
    notes.push(`its colour is uncertain (${t.color ?? 'the expected colour'} ${Math.round(100 * m.colorProb)} %)`);
    confidence = colorCap;
  }
  const f = stretchFeatures(elements, m.i, m.j);
  return {
    mode: t.mode,
    code: codeUnproven ? null : t.code,
    color: t.color,
    startS: elements[m.i].startMs / 1000,
    endS: elements[m.j - 1].endMs / 1000,
    confidence: round3(confidence),
    ...(alternatives.length > 0 ? { alternatives } : {}),
    evidence: {
      ...f,
      frames: framesIn(elements, m.i, m.j),
      fps,
      variant: t.variant,
      explained: round3(explained),
      notes,
      sufficient: sufficiency >= 1,
    },
  };
}

/** A pattern whose phases last under this many frames cannot be told from slower ones. */
const ALIAS_FRAMES = 1.5;

/**
 * An OTA flicker toggles as chunks of the download are saved, at the pace the data arrives (25–500 ms,
 * catalog/timing.ts): its lit runs and its dark runs vary. A stretch read as that flicker whose runs
 * keep one length each (an SOS's 300/300 ms code blinks, their red read magenta through a clipped
 * halo) is another pattern in a colour read wrong as often as it is a download.
 */
const RHYTHMIC_FLICKER_CAP = 0.6;
/** Lit runs (and as many dark ones) it takes to call a stretch's rhythm steady. */
const RHYTHM_RUNS = 6;
/** Spread (standard deviation over mean) of run lengths under which a rhythm is steady. */
const RHYTHM_SPREAD = 0.12;

/** Whether the whole lit and dark runs in elements [i, j) each keep one length. */
function keepsRhythm(elements: readonly Element[], i: number, j: number): boolean {
  const spread = (ms: number[]): number => {
    const mean = ms.reduce((a, b) => a + b, 0) / ms.length;
    return Math.sqrt(ms.reduce((a, b) => a + (b - mean) ** 2, 0) / ms.length) / mean;
  };
  const whole = elements.slice(i, j).filter((e) => !e.truncStart && !e.truncEnd);
  const lit = whole.filter((e) => e.kind === 'on').map((e) => e.durMs);
  // (the dark after the last blink runs into whatever follows)
  const dark = whole.slice(0, -1).filter((e) => e.kind === 'off').map((e) => e.durMs);
  return lit.length >= RHYTHM_RUNS && dark.length >= RHYTHM_RUNS - 1 && spread(lit) < RHYTHM_SPREAD && spread(dark) < RHYTHM_SPREAD;
}

/** Confidences and shares are reported to three decimals. */
function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/** Lowers a span's confidence to at most `cap`; whether it did. */
function capConfidence(s: StateSpan, cap: number): boolean {
  const lowered = s.confidence > cap;
  s.confidence = round3(Math.min(s.confidence, cap));
  return lowered;
}

/** Adds a line to what a span's evidence says. */
function addNote(s: StateSpan, note: string): void {
  s.evidence = { ...s.evidence, notes: [...s.evidence.notes, note] };
}

/** How an unproven span's note starts ("seen for 3.2 s of the 6.0 s needed"). */
const SEEN_FOR = 'seen for ';

/** A proven span's notes, without the "not seen long enough" one. */
function provenNotes(notes: readonly string[]): string[] {
  return notes.filter((n) => !n.startsWith(SEEN_FOR));
}

/** What a simple state (a blink, a breath) needs to be seen for, by state; null for composites. */
type RequiredMsOf = (s: StateSpan) => number | null;
/** The catalog family of a span's mode (breathe, blink, solid, …), null for unknown. */
type FamilyOf = (s: StateSpan) => string | null;

/** Share of a span's time a well-fitting match explains (its score carries each element's fit). */
const WELL_EXPLAINED = 0.6;

/** A state seen for its full required time counts as proven, however many pieces it was parsed in. */
function seenLongEnough(s: StateSpan, requiredMsOf: RequiredMsOf): boolean {
  const requiredMs = requiredMsOf(s);
  // the time the pattern explained, not the time between the first and last piece: fragments that
  // each fit only a stretched first element (a drifting steady light read as a long slow breath) add
  // up to nothing seen
  return requiredMs !== null && (s.endS - s.startS) * Math.min(1, s.evidence.explained / WELL_EXPLAINED) * 1000 >= requiredMs;
}

/** Joins `b` onto `a` (same state, adjacent), keeping what each one's evidence proved. */
function joinSpan(a: StateSpan, b: StateSpan, requiredMsOf: RequiredMsOf, extraNotes: string[] = []): void {
  const aS = a.endS - a.startS;
  const bS = b.endS - b.startS;
  a.confidence = round3((a.confidence * aS + b.confidence * bS) / Math.max(1e-9, aS + bS));
  const explained = (a.evidence.explained * aS + b.evidence.explained * bS) / Math.max(1e-9, aS + bS + Math.max(0, b.startS - a.endS));
  a.evidence = { ...a.evidence, explained: round3(explained) };
  a.endS = b.endS;
  let sufficient = a.evidence.sufficient || b.evidence.sufficient;
  if (!sufficient && seenLongEnough(a, requiredMsOf)) {
    sufficient = true;
    // describeSpan scaled an unproven span's confidence by (0.5 + 0.5 × sufficiency) ≤ 0.8: undo it
    a.confidence = round3(Math.min(1, a.confidence / 0.8));
  }
  let notes = [...new Set([...a.evidence.notes, ...b.evidence.notes, ...extraNotes])];
  // the pieces together were watched long enough: "not seen long enough" no longer holds
  if (sufficient) notes = provenNotes(notes);
  a.evidence = {
    ...a.evidence,
    frames: a.evidence.frames + b.evidence.frames,
    onCount: a.evidence.onCount + b.evidence.onCount,
    notes,
    sufficient,
  };
  if (b.evidence.sufficient) a.confidence = Math.max(a.confidence, b.confidence);
}

/** Longest stretch read in another colour that still counts as part of the state around it. */
const MAX_INTERLUDE_S = 0.8;

/**
 * Consecutive spans of the same state become one (e.g. normal then fast blinking cyan). A short,
 * unproven stretch of the same pattern in another colour between two pieces of one state is that
 * state too: a breath whose core clips reads whiter for a moment, but no firmware state lasts a
 * fraction of one breath and then gives way to the very state it interrupted.
 */
function mergeSpans(spans: StateSpan[], requiredMsOf: RequiredMsOf, familyOf: FamilyOf): StateSpan[] {
  const out: StateSpan[] = [];
  // time inside a joined state that nothing explained (the gaps its pieces were joined across)
  const gapS = new Map<StateSpan, number>();
  for (let k = 0; k < spans.length; k++) {
    const s = spans[k];
    const prev = out[out.length - 1];
    if (prev && sameState(prev, s) && s.mode !== 'unknown' && s.startS - prev.endS < 0.6) {
      gapS.set(prev, (gapS.get(prev) ?? 0) + Math.max(0, s.startS - prev.endS));
      joinSpan(prev, s, requiredMsOf);
      continue;
    }
    const next = spans[k + 1];
    if (
      prev &&
      next &&
      s.mode !== 'unknown' &&
      prev.mode !== 'unknown' &&
      sameState(prev, next) &&
      !s.evidence.sufficient &&
      s.endS - s.startS <= MAX_INTERLUDE_S &&
      requiredMsOf(s) !== null &&
      requiredMsOf(prev) !== null &&
      familyOf(s) === familyOf(prev) &&
      s.startS - prev.endS < 0.6 &&
      next.startS - s.endS < 0.6
    ) {
      const note = `${(s.endS - s.startS).toFixed(1)} s of it read as ${s.color ?? 'another colour'}`;
      joinSpan(prev, { ...s, mode: prev.mode, code: prev.code, color: prev.color, confidence: prev.confidence }, requiredMsOf, [note]);
      joinSpan(prev, next, requiredMsOf);
      k++;
      continue;
    }
    out.push({ ...s });
  }
  for (const [s, gap] of gapS) {
    // pieces of one state joined across stretches nothing explained (a 0.5 s white flash between
    // green blinks, again and again, is another pattern's part): what was not explained counts
    // against the whole as it does inside one span
    const lengthS = s.endS - s.startS;
    if (gap <= 0.05 || lengthS <= 0) continue;
    const explained = 1 - gap / lengthS;
    s.confidence = round3(s.confidence * (0.4 + 0.6 * explained));
    addNote(s, `${gap.toFixed(1)} s inside it fit no pattern`);
  }
  return out;
}

function abstain(series: LedSeries, note: string): Classification {
  const n = series.tMs.length;
  const startS = n > 0 ? series.tMs[0] / 1000 : 0;
  const endS = n > 0 ? series.tMs[n - 1] / 1000 : 0;
  return {
    timeline: [],
    diagnosis: { mode: 'unknown', code: null, color: null, confidence: 0, startS, endS, spanIndex: -1, reason: 'abstain', notes: [note] },
  };
}

/**
 * What a clip says when no lit LED was found in it: the status LED is dark (no power, or asleep) or
 * out of view, and the two look the same. Stated as `off` over the whole clip at a confidence that
 * never counts as sure, so a script reading the JSON of an exit-3 run still learns what was seen.
 */
export function darkClassification(durationS: number, fps: number, note = 'no lit LED found: the status LED is dark or not in view'): Classification {
  const endS = Math.max(0, durationS);
  const span: StateSpan = {
    mode: 'off',
    code: null,
    color: null,
    startS: 0,
    endS,
    confidence: DARK_CONFIDENCE,
    evidence: {
      periodMs: null,
      duty: null,
      rampFraction: 0,
      onCount: 0,
      colors: [],
      frames: Math.round(endS * fps),
      fps,
      variant: null,
      explained: 1,
      notes: [note],
      sufficient: true,
    },
  };
  return {
    timeline: [span],
    diagnosis: { mode: 'off', code: null, color: null, confidence: DARK_CONFIDENCE, startS: 0, endS, spanIndex: 0, reason: 'last-stable', notes: [note] },
  };
}

/** What names one state (mode, code, colour), e.g. among alternatives. */
function stateKey(s: { mode: string; code: number | null; color: string | null }): string {
  return `${s.mode}|${s.code}|${s.color}`;
}

/** The list with each state once (its first mention kept). */
function uniqueStates(list: Alternative[]): Alternative[] {
  const seen = new Set<string>();
  return list.filter((a) => {
    const key = stateKey(a);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * One coded fault seen with two different codes (an SOS read as 2 in one place and 7 in another,
 * usually because frames were lost) cannot both be right: both lose confidence and name each other.
 */
export function flagConflictingCodes(timeline: StateSpan[], catalog: Catalog): void {
  const byMode = new Map<string, StateSpan[]>();
  // a reading (signal bars) may change between showings; a fault code may not
  for (const s of timeline) if (s.code !== null && isFaultCode(s.mode, catalog)) byMode.set(s.mode, [...(byMode.get(s.mode) ?? []), s]);
  for (const spans of byMode.values()) {
    const codes = new Set(spans.map((s) => s.code));
    if (codes.size < 2) continue;
    for (const s of spans) {
      s.confidence = round3(s.confidence * 0.6);
      const others: Alternative[] = spans.filter((o) => o.code !== s.code).map((o) => ({ mode: o.mode as Alternative['mode'], code: o.code, color: o.color, score: 0.8 }));
      // each other code once, however many spans read it
      s.alternatives = uniqueStates([...others, ...(s.alternatives ?? [])]).slice(0, 3);
      addNote(s, `the clip also shows code ${[...codes].filter((c) => c !== s.code).join(', ')}`);
    }
  }
}

/** Confidence a counted code keeps when lit runs of its colour beside it went to another state. */
const SPLIT_CODE_CAP = 0.75;
/** How close (s) such a neighbouring state must begin or end. */
const SPLIT_CODE_GAP_S = 0.5;

/**
 * A counted code (an SOS code, signal bars) whose colour's blinks run on into a neighbouring state
 * another pattern or another count took: the blinks may have been split between the two (an SOS 11
 * whose blinks after the first read as red three-blink groups, leaving an SOS 1 at 0.85; four signal
 * bars read as three bars and one), so the count is a guess.
 */
function doubtSplitCodes(timeline: StateSpan[]): void {
  for (let k = 0; k < timeline.length; k++) {
    const s = timeline[k];
    const color = s.color;
    if (s.code === null || !color) continue;
    // (the gap between two spans that do not overlap: one of the two differences is negative)
    const runsOn = (o: StateSpan | undefined): o is StateSpan =>
      o !== undefined && (o.mode !== s.mode || o.code !== s.code) && o.evidence.onCount > 0 && o.evidence.colors.includes(color) && Math.max(o.startS - s.endS, s.startS - o.endS) < SPLIT_CODE_GAP_S;
    const beside = [timeline[k - 1], timeline[k + 1]].filter(runsOn);
    if (beside.length > 0 && capConfidence(s, SPLIT_CODE_CAP)) addNote(s, `${color} blinks beside it were read as ${beside[0].mode}: the count may be off`);
  }
}

/**
 * States a camera fault can fake are reported with less confidence: darkness (a pause, lost
 * frames) and a steady light (a distractor).
 */
function discountTrailingDark(timeline: StateSpan[], catalog: Catalog): void {
  const familyOf = (s: StateSpan) => (s.mode === 'unknown' ? null : findMode(s.mode, catalog)?.family ?? null);
  const lit = timeline.some((s) => s.mode !== 'unknown' && familyOf(s) !== 'off');
  for (const s of timeline) {
    // dark after light: a pause or lost frames as often as a device switched off; dark throughout
    // contradicts the LED having been found at all
    if (familyOf(s) === 'off') capConfidence(s, lit ? 0.6 : 0.7);
    // a steady light is also what a tracked distractor (the charge LED, a reflection) looks like
    if (familyOf(s) === 'solid') capConfidence(s, 0.75);
  }
  // a clip that shows nothing but one steady light of a distractor's colour may be a dark status LED
  // beside it (DESIGN.md §2): said as a doubt and an alternative, not guessed away
  const lights = timeline.filter((s) => s.mode !== 'unknown' && familyOf(s) !== 'off');
  const only = lights.length === 1 ? lights[0] : null;
  const lookalike = only && familyOf(only) === 'solid' && only.color ? DISTRACTOR_LOOKALIKE[only.color] : undefined;
  if (only && lookalike) {
    capConfidence(only, 0.5);
    only.alternatives = [{ mode: 'off' as const, code: null, color: null, score: 0.8 }, ...(only.alternatives ?? [])].slice(0, 3);
    addNote(only, `a steady ${only.color} light is also what ${lookalike} looks like beside a dark status LED`);
  }
}

/** The board's other lights that a steady status LED of this colour looks like (DESIGN.md §2). */
const DISTRACTOR_LOOKALIKE: Partial<Record<ColorName, string>> = { orange: 'the charge LED', blue: 'the D7 LED', white: 'a reflection' };

/** A state shorter than this is a fragment (no firmware state but a transient lasts so little). */
const FRAGMENT_S = 1;
/** Fragments (with unexplained stretches) over this share of the clip make its reading unsteady. */
const UNSTEADY_SHARE = 0.25;
/** What an unsteady reading may be believed at. */
const UNSTEADY_CONFIDENCE = 0.7;

/**
 * A device shows one state for seconds at a time; a timeline that breaks into many short pieces and
 * stretches nothing explains is a measurement in trouble (a flickering small LED, a lost lock), and
 * whatever state it settles on for a moment is no stronger than the rest of it.
 */
function discountUnsteadyReading(timeline: StateSpan[]): void {
  if (timeline.length < 4) return;
  const totalS = timeline[timeline.length - 1].endS - timeline[0].startS;
  let pieces = 0;
  let piecesS = 0;
  for (const s of timeline) {
    const lengthS = s.endS - s.startS;
    if (s.mode !== 'unknown' && lengthS >= FRAGMENT_S) continue;
    pieces++;
    piecesS += lengthS;
  }
  // and the time between spans: stretches too short to be listed as unknown
  for (let k = 1; k < timeline.length; k++) piecesS += Math.max(0, timeline[k].startS - timeline[k - 1].endS);
  if (pieces < 3 || totalS <= 0 || piecesS / totalS < UNSTEADY_SHARE) return;
  for (const s of timeline) if (capConfidence(s, UNSTEADY_CONFIDENCE)) addNote(s, 'the reading breaks into many short pieces: the light may be misread');
}

/** What a state not seen for as long as its pattern needs may be believed at. */
const UNPROVEN_CONFIDENCE = 0.75;

/**
 * A state not seen long enough to prove it (part of a breath, a pattern cut off by the clip) may fit
 * what was seen perfectly and still be another: a steady light or a misread stretch fits the part of a
 * breath it resembles just as well. Its confidence stays below what a proven state earns.
 */
function capUnproven(timeline: StateSpan[]): void {
  for (const s of timeline) if (!s.evidence.sufficient) capConfidence(s, UNPROVEN_CONFIDENCE);
}

/** This many pieces of a looping fault show it recurring however short each one is (three reboots are no reset pressed once). */
const RECURRING_PIECES = 3;

/**
 * A fault that loops until the device is fixed (the power-issue loop) may be read in pieces, each
 * broken off where a misread stretch took another state's place (a green blink read as a signal
 * bar): no piece alone shows a whole loop, yet together they were watched as long as one loop needs.
 * Such pieces prove the fault, and so do three pieces however short, each a start of the loop seen
 * again (a pattern the device plays once, as a boot plays its white flash and green blinks, shows one
 * piece; a reset pressed once, two).
 */
function provePiecedLoops(timeline: StateSpan[], templates: readonly Template[]): void {
  // (not a coded one: pieces of an SOS prove no count)
  const loops = templates.filter((t) => t.loopsForever && t.code === null && t.entry.severity === 'fault');
  for (const t of loops) {
    // (a state proven somewhere already, or proven here for another variant of the mode, is done)
    if (timeline.some((s) => sameState(s, t) && s.evidence.sufficient)) continue;
    const pieces = timeline.filter((s) => sameState(s, t) && s.confidence >= FAULT_MIN_CONFIDENCE);
    if (pieces.length < 2) continue;
    const seenS = pieces.reduce((sum, s) => sum + (s.endS - s.startS), 0);
    if (seenS * 1000 < t.requiredMs && pieces.length < RECURRING_PIECES) continue;
    for (const s of pieces) {
      s.evidence = { ...s.evidence, sufficient: true, notes: provenNotes(s.evidence.notes) };
      addNote(s, `seen in ${pieces.length} pieces, ${seenS.toFixed(1)} s together`);
    }
  }
}

/** Finds the white reference a white ON run gives (its chromaticity is the camera's tint). */
function whiteReference(elements: readonly Element[]): { r: number; g: number; b: number } | null {
  let best: Element | null = null;
  for (const e of elements) {
    if (e.kind !== 'on' || !e.color || !e.rgb || e.multi) continue;
    if (e.color.name === 'white' && e.color.confidence >= 0.8 && (!best || e.durMs > best.durMs)) best = e;
  }
  return best?.rgb ? { r: best.rgb[0], g: best.rgb[1], b: best.rgb[2] } : null;
}

export function classifySeries(series: LedSeries, options: ClassifyOptions = {}): Classification {
  const n = series.tMs.length;
  if (n < 8 || series.tMs[n - 1] - series.tMs[0] < MIN_SERIES_MS) return abstain(series, 'too short to classify');
  const levels = computeLevels(series);
  if (levels.top < FAINT_LEVEL) {
    return darkClassification(series.tMs[n - 1] / 1000, series.fps > 0 ? series.fps : 30, 'the light followed never stood out of its surroundings as a lit status LED does: a dark LED or a surface catching the room light');
  }
  const catalog = options.catalog ?? decodingCatalogFor(options.device);
  const namer = options.colorNamer ?? defaultColorNamer();
  let elements = segmentSeries(series, levels, { namer });
  const white = whiteReference(elements);
  if (white) elements = segmentSeries(series, levels, { namer, whiteRef: white });
  // a run that showed how clipping moves the LED's hue reads the runs seen clipped only
  const clipHue = clipHueShift(elements);
  if (clipHue) elements = segmentSeries(series, levels, { namer, whiteRef: white, clipHue });
  const fps = series.fps > 0 ? series.fps : 30;
  const lit = elements.filter((e) => e.kind === 'on' && e.i1 - e.i0 >= 1);
  const clipHeavy = lit.length > 0 && lit.filter((e) => e.clippedFraction >= 0.5).length >= 0.5 * lit.length;
  const ctx: MatchContext = { frameMs: 1000 / fps, jitterMs: series.frameIntervalJitterMs, clipHeavy };
  const templates = templatesFor(catalog, options.device, series.tMs[n - 1] - series.tMs[0]);
  const parsed = parseElements(elements, templates, ctx);
  const raw: StateSpan[] = parsed.spans.map((m) => describeSpan(m, elements, templates, ctx, fps));
  for (const u of parsed.unexplained) {
    let ms = 0;
    for (let k = u.i; k < u.j; k++) ms += elements[k].durMs;
    if (ms >= MIN_UNKNOWN_MS) raw.push(unknownSpan(elements, u.i, u.j, fps, framesIn(elements, u.i, u.j)));
  }
  raw.sort((a, b) => a.startS - b.startS);
  // the states proven by how long they were seen, as describeSpan judges them (a blink, a breath, a steady light)
  const requiredMsOf: RequiredMsOf = (s) => templates.find((t) => (t.simple || !Number.isFinite(t.loopMs)) && sameState(t, s))?.requiredMs ?? null;
  const familyOf: FamilyOf = (s) => (isCatalogModeId(s.mode) ? findMode(s.mode, catalog)?.family ?? null : null);
  const timeline = mergeSpans(raw, requiredMsOf, familyOf);
  provePiecedLoops(timeline, templates);
  flagConflictingCodes(timeline, catalog);
  doubtSplitCodes(timeline);
  discountUnsteadyReading(timeline);
  discountTrailingDark(timeline, catalog);
  capUnproven(timeline);
  const severityOf = (mode: string) => (isCatalogModeId(mode) ? findMode(mode, catalog)?.severity ?? null : null);
  return { timeline, diagnosis: chooseDiagnosis(timeline, severityOf) };
}

/** Internal stages, exported for tests and the eval's diagnostics. */
export { computeLevels, segmentSeries, buildTemplates, parseElements, doubtSplitCodes, provePiecedLoops };
