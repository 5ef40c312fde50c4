/**
 * Catalog → what the matcher expects to see. Each (mode, variant, code, colour) becomes a list of
 * ON/OFF elements, cut from the catalog pattern drawn by the synth drive (src/synth/drive.ts) with
 * the same hysteresis that cuts the measured series (segment.ts). Nothing here knows any mode: the
 * timings, colours and shapes all come from the catalog entries.
 */
import { FIRMWARE_HEX } from '../catalog/colors.js';
import { expandPattern, stepDurationMs, type ConcreteStep } from '../catalog/expand.js';
import type { CatalogModeId, ColorName, ColorSpec, DeviceId, ModeEntry, PatternVariant, Step } from '../catalog/types.js';
import { hexToRgb, levelAt, placePattern, type PlacedStep, type Rgb } from '../synth/drive.js';
import { Prng } from '../synth/prng.js';
import { OFF_THRESHOLD, ON_THRESHOLD } from './segment.js';

/**
 * Where a template is cut into ON and OFF: the top of the measured hysteresis band, and its bottom
 * as a second reading when that changes the structure (a dim step — the rainbow's indigo, the docs'
 * dim green — may read lit or dark depending on the camera).
 */
const TEMPLATE_THRESHOLDS = [ON_THRESHOLD, OFF_THRESHOLD] as const;

/** Template sampling grid. */
const GRID_MS = 5;
/** A hold (solid/off for ever) must be seen at least this long to count. */
export const MIN_HOLD_MS = { on: 1200, off: 1500 } as const;

export interface TemplateElement {
  kind: 'on' | 'off';
  expMs: number;
  /** Colours shown in this element (by time held, longest first); null entries are unnamed colours. */
  colors: (ColorName | null)[];
  /** Three or more colours (rainbow). */
  multi: boolean;
  ramp: boolean;
  /** Runs until something else happens (a hold, or the end of the drawn horizon). */
  open: boolean;
  /** OTA-style toggles: any duration in [minMs, maxMs]. */
  irregular: { minMs: number; maxMs: number } | null;
  /** Placed step (intro, then loop × repeat) that draws the element's first sample. */
  step: number;
}

export interface Template {
  mode: CatalogModeId;
  code: number | null;
  /** The contract colour to report (colour parameter, the mode's main colour, or the colour the firmware drives). */
  color: ColorName | null;
  /** The colour the light shows when the variant is a look of another driven colour (`color`). */
  seenAs?: ColorName;
  variant: string;
  entry: ModeEntry;
  elements: TemplateElement[];
  /** Indexes where a span may start matching (the whole intro and the first loop). */
  starts: number[];
  /** Elements of one loop, and its duration. */
  loopElements: number;
  loopMs: number;
  introElements: number;
  /** The intro's first lit element (the cyan before a cloud error); null when the intro is dark or absent. */
  introOn: TemplateElement | null;
  /** Longest dark element of fixed length (ms): how long the pattern's own gaps last. */
  longestGapMs: number;
  /** Longest lit half of a breath (ms); 0 when the pattern does not breathe. */
  longestBreathOnMs: number;
  /** Shortest element of the pattern (what the frame rate must resolve). */
  minElementMs: number;
  tolerance: { fraction: number; minMs: number };
  /** A template whose loop is one blink or one breath (the common case), vs composite. */
  simple: boolean;
  /** Time a span must cover before the evidence suffices (1.5 breaths or blinks; one SOS cycle). */
  requiredMs: number;
  /**
   * First element drawn by the step whose count is the code (SOS code blinks, signal bars), in the
   * first loop; −1 when the pattern has no code. Everything before it proves the mode, not the code.
   */
  codedFrom: number;
  /** The loop repeats for ever (no intro-less composite is proven until its loop starts again). */
  loopsForever: boolean;
  /** Tie-break rank: lower wins (the device's own scheme first; the generic `solid` last). */
  priority: number;
  /** Score multiplier: the generic `solid` must fit clearly better before it is believed. */
  weight: number;
}

function hasCodeCount(steps: readonly Step[] | undefined): boolean {
  return (steps ?? []).some((s) => (s.kind === 'blink' || s.kind === 'breathe') && s.count === 'code');
}

function substituteColor(steps: readonly Step[] | undefined, from: readonly ColorName[], to: ColorSpec): Step[] | undefined {
  if (!steps) return undefined;
  const swap = (c: ColorSpec): ColorSpec => (c.name !== null && from.includes(c.name) ? to : c);
  return steps.map((s) => {
    switch (s.kind) {
      case 'off':
        return s;
      case 'blink':
        return { ...s, color: swap(s.color), ...(s.offColor ? { offColor: swap(s.offColor) } : {}) };
      default:
        return { ...s, color: swap(s.color) };
    }
  });
}

function specsOf(step: ConcreteStep): ColorSpec[] {
  switch (step.kind) {
    case 'off':
      return [];
    case 'blink':
      return step.offColor ? [step.color, step.offColor] : [step.color];
    default:
      return [step.color];
  }
}

/** Which of a step's colours an rgb level is (the drive only scales them). */
function specOfLevel(step: ConcreteStep, rgb: Rgb): ColorSpec | null {
  const specs = specsOf(step);
  const m = Math.max(rgb.r, rgb.g, rgb.b);
  if (m <= 0 || specs.length === 0) return null;
  let best: ColorSpec | null = null;
  let bestD = Infinity;
  for (const s of specs) {
    const c = hexToRgb(s.hex);
    const cm = Math.max(c.r, c.g, c.b) || 1;
    const d = Math.abs(c.r / cm - rgb.r / m) + Math.abs(c.g / cm - rgb.g / m) + Math.abs(c.b / cm - rgb.b / m);
    if (d < bestD) {
      bestD = d;
      best = s;
    }
  }
  return best;
}

interface Sampled {
  level: Float32Array;
  /** Sample drawn by a breathe step (the template's shape is known, not measured). */
  breath: Uint8Array;
  spec: (ColorSpec | null)[];
  irregular: (PlacedStep | null)[];
  /** Index of the placed step drawing each sample (−1 outside any). */
  stepIndex: Int32Array;
  infinite: Uint8Array;
}

/**
 * Whether placed step `s` repeats placed step `s - loopSteps` exactly, `shift` grid samples later:
 * the same step drawn from the same phase over the same length, on integer times (so every sample
 * of it computes the very same level). The loop of a pattern drawn for a minute repeats hundreds of
 * times; copying its samples instead of drawing them again is most of what building templates costs.
 */
function repeatShift(steps: readonly PlacedStep[], s: number, loopSteps: number): number {
  if (loopSteps <= 0 || s < loopSteps) return 0;
  const a = steps[s - loopSteps];
  const b = steps[s];
  if (a.step !== b.step || a.scale !== b.scale || a.phaseMs !== b.phaseMs) return 0;
  if (!Number.isInteger(a.startMs) || !Number.isInteger(b.startMs) || b.endMs - b.startMs > a.endMs - a.startMs) return 0;
  const d = b.startMs - a.startMs;
  if (d <= 0 || d % GRID_MS !== 0) return 0;
  // the earlier step must own its samples (no gap before it, so the walk assigned them to it)
  if (s - loopSteps > 0 && steps[s - loopSteps - 1].endMs !== a.startMs) return 0;
  if (steps[s - 1].endMs !== b.startMs) return 0;
  return d / GRID_MS;
}

/**
 * Samples the placed steps on the template grid. `loopSteps` (placed steps per loop) is a hint: a
 * step that repeats one a loop earlier (checked by `repeatShift`) copies that step's samples.
 * `everySample` draws every sample afresh (the reference the shortcuts are tested against).
 */
function sampleTemplate(steps: readonly PlacedStep[], untilMs: number, loopSteps = 0, everySample = false): Sampled {
  const n = Math.max(1, Math.ceil(untilMs / GRID_MS));
  const level = new Float32Array(n);
  const spec: (ColorSpec | null)[] = new Array(n).fill(null);
  const irregular: (PlacedStep | null)[] = new Array(n).fill(null);
  const stepIndex = new Int32Array(n).fill(-1);
  const infinite = new Uint8Array(n);
  const breath = new Uint8Array(n);
  const rgb: Rgb = { r: 0, g: 0, b: 0 };
  let s = 0;
  for (let k = 0; k < n; k++) {
    const t = k * GRID_MS;
    while (s < steps.length && steps[s].endMs <= t) s++;
    if (s >= steps.length || steps[s].startMs > t) continue;
    const placed = steps[s];
    // the samples step s owns: from here to its end
    const kEnd = Math.min(n, Math.ceil(placed.endMs / GRID_MS));
    const shift = repeatShift(steps, s, loopSteps);
    if (shift > 0) {
      // a loop's repeat: its samples are the ones a loop earlier (which end before k: no overlap)
      level.copyWithin(k, k - shift, kEnd - shift);
      infinite.copyWithin(k, k - shift, kEnd - shift);
      breath.copyWithin(k, k - shift, kEnd - shift);
      for (let q = k; q < kEnd; q++) {
        spec[q] = spec[q - shift];
        irregular[q] = irregular[q - shift] === null ? null : placed;
        stepIndex[q] = stepIndex[q - shift] + loopSteps;
      }
      k = kEnd - 1;
      continue;
    }
    const kind = placed.step.kind;
    if (kind === 'irregular-blink') {
      for (let q = k; q < kEnd; q++) {
        stepIndex[q] = s;
        irregular[q] = placed;
        spec[q] = placed.step.color;
        level[q] = 1;
      }
      k = kEnd - 1;
      continue;
    }
    // a steady step (solid, off) draws one level throughout; blinks and breaths are drawn per sample
    const steady = !everySample && (kind === 'solid' || kind === 'off');
    const last = steady ? kEnd : k + 1;
    levelAt(placed, t, rgb);
    const lv = Math.max(rgb.r, rgb.g, rgb.b);
    const sp = specOfLevel(placed.step, rgb);
    const d = kind === 'blink' || kind === 'breathe' ? 0 : placed.step.durationMs;
    for (let q = k; q < last; q++) {
      stepIndex[q] = s;
      breath[q] = kind === 'breathe' ? 1 : 0;
      level[q] = lv;
      spec[q] = sp;
      infinite[q] = d === Infinity ? 1 : 0;
    }
    k = last - 1;
  }
  let peak = 0;
  for (let k = 0; k < n; k++) if (level[k] > peak) peak = level[k];
  if (peak > 0) for (let k = 0; k < n; k++) level[k] /= peak;
  return { level, spec, irregular, infinite, breath, stepIndex };
}

function breathShare(breath: Uint8Array, i0: number, i1: number): number {
  let c = 0;
  for (let k = i0; k < i1; k++) c += breath[k];
  return i1 > i0 ? c / (i1 - i0) : 0;
}

/** The same cut as segment.ts, over the noise-free template. */
function cutTemplate(sampled: Sampled, loopsForever: boolean, threshold: number): TemplateElement[] {
  const TEMPLATE_THRESHOLD = threshold;
  const { level, spec } = sampled;
  const n = level.length;
  const out: (TemplateElement & { rampFraction: number; i0: number; i1: number; ramp: boolean | null })[] = [];
  let state = level[0] >= TEMPLATE_THRESHOLD;
  let i0 = 0;
  const flush = (i1: number): void => {
    const kind = state ? 'on' : 'off';
    // colours by samples held (first seen first among equals); a handful at most, so plain arrays
    const heldNames: (ColorName | null)[] = [];
    const heldCounts: number[] = [];
    if (kind === 'on') {
      let peak = 0;
      for (let k = i0; k < i1; k++) if (level[k] > peak) peak = level[k];
      const floor = 0.6 * peak;
      for (let k = i0; k < i1; k++) {
        const sp = spec[k];
        if (!sp || level[k] < floor) continue;
        const at = heldNames.indexOf(sp.name);
        if (at >= 0) heldCounts[at]++;
        else {
          heldNames.push(sp.name);
          heldCounts.push(1);
        }
      }
    }
    const colors = heldNames.map((c, at) => ({ c, n: heldCounts[at] })).sort((a, b) => b.n - a.n).map((x) => x.c);
    const irr = sampled.irregular[i0];
    const open = sampled.infinite[i1 - 1] === 1 || (loopsForever && i1 >= n);
    out.push({
      kind,
      expMs: (i1 - i0) * GRID_MS,
      colors,
      multi: colors.length >= 3,
      ramp: false,
      open,
      irregular: irr && irr.step.kind === 'irregular-blink' ? { minMs: irr.step.minToggleMs, maxMs: irr.step.maxToggleMs } : null,
      rampFraction: breathShare(sampled.breath, i0, i1),
      step: sampled.stepIndex[i0],
      i0,
      i1,
    });
  };
  for (let k = 0; k < n; k++) {
    const irr = sampled.irregular[k];
    if (irr) {
      // irregular toggles are not drawn (they are random): emit alternating ranged elements
      if (k > i0) flush(k);
      let e = k;
      while (e < n && sampled.irregular[e] === irr) e++;
      const st = irr.step as Extract<ConcreteStep, { kind: 'irregular-blink' }>;
      const count = Math.max(2, Math.round(((e - k) * GRID_MS) / ((st.minToggleMs + st.maxToggleMs) / 2)));
      for (let j = 0; j < count; j++) {
        out.push({
          kind: j % 2 === 0 ? 'on' : 'off',
          expMs: (st.minToggleMs + st.maxToggleMs) / 2,
          colors: j % 2 === 0 ? [st.color.name] : [],
          multi: false,
          ramp: false,
          open: false,
          irregular: { minMs: st.minToggleMs, maxMs: st.maxToggleMs },
          rampFraction: 0,
          step: sampled.stepIndex[k],
          i0: k,
          i1: e,
        });
      }
      k = e - 1;
      i0 = e;
      state = e < n ? level[e] >= TEMPLATE_THRESHOLD : state;
      continue;
    }
    // noise-free: one threshold (the top of the measured hysteresis band), so a dim background
    // colour (signal bars' dim green, the rainbow's indigo) falls on the dark side whatever came
    // before it
    const next = level[k] >= TEMPLATE_THRESHOLD;
    if (next !== state) {
      if (k > i0) flush(k);
      state = next;
      i0 = k;
    }
  }
  if (i0 < n) flush(n);
  // an ON run that changes from one named colour to another is two runs (segment.ts cuts the
  // measured ones the same way); three or more colours (rainbow) stay one
  const split: typeof out = [];
  for (const e of out) {
    split.push(e);
    if (e.kind !== 'on' || e.irregular || e.multi) continue;
    let named = 0;
    for (const c of e.colors) if (c !== null) named++;
    if (named !== 2) continue;
    let cut = -1;
    const firstName = spec[e.i0]?.name ?? null;
    for (let i = e.i0 + 1; i < e.i1; i++) {
      const n = spec[i]?.name ?? null;
      if (n !== null && n !== firstName && level[i] >= 0.6) {
        cut = i;
        break;
      }
    }
    if (cut < 0 || firstName === null) continue;
    const leftMs = (cut - e.i0) * GRID_MS;
    const second = spec[cut]!.name;
    split.pop();
    split.push({ ...e, expMs: leftMs, colors: [firstName], i1: cut }, { ...e, expMs: e.expMs - leftMs, colors: [second], i0: cut });
  }
  // merge neighbours of the same kind (irregular segments abutting across a loop boundary); the
  // runs are this function's own, so merging may change them in place
  const merged: typeof out = [];
  for (const e of split) {
    const last = merged[merged.length - 1];
    if (last && last.kind === e.kind && (last.irregular || e.irregular)) {
      if (last.irregular && e.irregular) continue;
      last.expMs += e.expMs;
      continue;
    }
    merged.push(e);
  }
  return merged.map((e) => ({ kind: e.kind, expMs: e.expMs, colors: e.colors, multi: e.multi, open: e.open, irregular: e.irregular, step: e.step, ramp: e.rampFraction > 0.5 }));
}

export interface TemplateOptions {
  device?: DeviceId;
  /** Length of clip the templates must cover. */
  horizonMs: number;
  /**
   * Draw every grid sample of every pattern instead of copying a loop's repeats and a steady step's
   * level (slower, same templates: the reference tests hold the fast path to).
   */
  drawEverySample?: boolean;
}


function minStepElementMs(steps: readonly ConcreteStep[]): number {
  let m = Infinity;
  for (const s of steps) {
    if (s.kind === 'blink') m = Math.min(m, s.onMs, s.offMs);
    else if (s.kind === 'irregular-blink') m = Math.min(m, s.minToggleMs);
    else if (s.kind === 'breathe') m = Math.min(m, s.periodMs / 2);
    else m = Math.min(m, s.durationMs);
  }
  return m;
}

/** The colour the loop shows longest (the error colour after a cyan intro); none past two colours. */
function colorLitLongest(loop: readonly ConcreteStep[]): ColorName | null {
  const lit = new Map<ColorName, number>();
  for (const s of loop) {
    if (s.kind === 'off' || !s.color.name) continue;
    const ms = s.kind === 'blink' ? s.onMs * (s.count ?? 1) : stepDurationMs(s);
    lit.set(s.color.name, (lit.get(s.color.name) ?? 0) + ms);
  }
  if (lit.size === 0 || lit.size > 2) return null;
  return [...lit.entries()].sort((a, b) => b[1] - a[1])[0][0];
}

/**
 * How much of a pattern must be seen: a simple blink or breath 1.5 periods (and at least 0.8 s); a
 * composite one whole loop plus up to a second of its intro (the cyan before a cloud error); a hold
 * its minimum length.
 */
function requiredEvidenceMs(simple: boolean, introMs: number, loopMs: number, elements: readonly TemplateElement[], repeat: number): number {
  if (!Number.isFinite(loopMs)) {
    const first = elements[0];
    return first ? MIN_HOLD_MS[first.kind] : 1000;
  }
  if (simple) return Math.max(1.5 * loopMs, 800);
  // a loop that repeats for ever (power-issue) is only told apart once it starts again
  const loop = Number.isFinite(repeat) ? loopMs : 1.2 * loopMs;
  return loop + Math.min(Number.isFinite(introMs) ? introMs : 0, 1000);
}

function codedFromElement(steps: { intro?: Step[]; loop: Step[] }, elements: readonly TemplateElement[]): number {
  const intro = steps.intro ?? [];
  const isCoded = (st: Step) => (st.kind === 'blink' || st.kind === 'breathe') && st.count === 'code';
  let placedIndex = intro.findIndex(isCoded);
  if (placedIndex < 0) {
    const inLoop = steps.loop.findIndex(isCoded);
    if (inLoop < 0) return -1;
    placedIndex = intro.length + inLoop;
  }
  return elements.findIndex((e) => e.step === placedIndex);
}

type PatternSteps = { intro?: Step[]; loop: Step[]; repeat: number; then?: 'reboot' | 'hold' };

/** A pattern drawn on the template grid (what every threshold's cut reads). */
interface Drawn {
  expanded: ReturnType<typeof expandPattern>;
  introMs: number;
  loopMs: number;
  sampled: Sampled;
}

function drawPattern(steps: PatternSteps, code: number | null, horizonMs: number, everySample = false): Drawn {
  const expanded = expandPattern({ intro: steps.intro, loop: steps.loop, repeat: steps.repeat, then: steps.then }, code ?? undefined);
  const introMs = expanded.intro.reduce((a, s) => a + stepDurationMs(s), 0);
  const loopMs = expanded.loop.reduce((a, s) => a + stepDurationMs(s), 0);
  const loops = Number.isFinite(loopMs) && loopMs > 0 ? Math.ceil(horizonMs / loopMs) + 2 : 1;
  const repeat = Math.min(expanded.repeat, loops);
  const finiteIntro = Number.isFinite(introMs) ? introMs : horizonMs;
  const totalMs = Math.min(finiteIntro + (Number.isFinite(loopMs) ? loopMs * repeat : horizonMs), finiteIntro + horizonMs + 2 * (Number.isFinite(loopMs) ? loopMs : 0));
  const untilMs = Math.max(GRID_MS * 2, Math.min(totalMs, horizonMs * 3 + 20000));
  const placed = placePattern({ ...expanded, repeat }, 0, untilMs, 255, new Prng(1));
  // placePattern skips empty steps: a loop lays down its steps that take time
  const loopSteps = expanded.loop.filter((s) => stepDurationMs(s) > 0).length;
  return { expanded, introMs, loopMs, sampled: sampleTemplate(placed.steps, untilMs, everySample ? 0 : loopSteps, everySample) };
}

/** Builds one template. */
function buildTemplate(
  entry: ModeEntry,
  variant: Pick<PatternVariant, 'id' | 'drivenColor'>,
  steps: PatternSteps,
  code: number | null,
  color: ColorName | null,
  horizonMs: number,
  threshold: number = TEMPLATE_THRESHOLDS[0],
  drawn: Drawn = drawPattern(steps, code, horizonMs),
): Template | null {
  const { expanded, introMs, loopMs, sampled } = drawn;
  const elements = cutTemplate(sampled, !Number.isFinite(expanded.repeat), threshold);
  // nothing visible to match (bars = 0 is only dim green), or an ON the namer cannot name (grey)
  if (!elements.some((e) => e.kind === 'on') && !elements.every((e) => e.open)) return null;
  if (elements.some((e) => e.kind === 'on' && !e.multi && e.colors.every((c) => c === null))) return null;
  // where one loop ends, in elements: cut the intro alone and intro + one loop
  const countUntil = (ms: number): number => {
    let acc = 0;
    let k = 0;
    while (k < elements.length && acc + elements[k].expMs <= ms + GRID_MS / 2) {
      acc += elements[k].expMs;
      k++;
    }
    return k;
  };
  const introElements = countUntil(Number.isFinite(introMs) ? introMs : 0);
  const afterOneLoop = Number.isFinite(loopMs) ? countUntil(introMs + loopMs) : elements.length;
  const loopElements = Math.max(1, afterOneLoop - introElements);
  const starts: number[] = [];
  // a finite pattern may be caught anywhere; a looping one anywhere in its intro or first loop
  const lastStart = Number.isFinite(expanded.repeat) ? elements.length : Math.min(elements.length, afterOneLoop + 1);
  for (let k = 0; k < lastStart; k++) starts.push(k);
  const mainColor = color ?? (entry.colors.length === 1 ? entry.colors[0] : colorLitLongest(expanded.loop));
  const allSteps = [...expanded.intro, ...expanded.loop];
  const simple = expanded.intro.length === 0 && expanded.loop.length === 1 && (expanded.loop[0].kind === 'blink' || expanded.loop[0].kind === 'breathe' || expanded.loop[0].kind === 'irregular-blink');
  const shown = entry.colorParam ? color : (mainColor as ColorName | null);
  return {
    mode: entry.id,
    code,
    color: variant.drivenColor ?? shown,
    ...(variant.drivenColor && shown && shown !== variant.drivenColor ? { seenAs: shown } : {}),
    variant: variant.id,
    entry,
    elements,
    starts,
    loopElements,
    loopMs: Number.isFinite(loopMs) ? loopMs : Infinity,
    introElements,
    introOn: elements.slice(0, introElements).find((e) => e.kind === 'on') ?? null,
    longestGapMs: elements.reduce((ms, e) => (e.kind === 'off' && !e.open ? Math.max(ms, e.expMs) : ms), 0),
    longestBreathOnMs: elements.reduce((ms, e) => (e.kind === 'on' && e.ramp ? Math.max(ms, e.expMs) : ms), 0),
    minElementMs: minStepElementMs(allSteps),
    tolerance: entry.tolerance,
    simple,
    requiredMs: requiredEvidenceMs(simple, introMs, loopMs, elements, expanded.repeat),
    priority: 1,
    weight: 1,
    loopsForever: !Number.isFinite(expanded.repeat),
    codedFrom: codedFromElement(steps, elements),
  };
}

function sameStructure(a: Template, b: Template): boolean {
  if (a.elements.length !== b.elements.length) return false;
  return a.elements.every((e, k) => e.kind === b.elements[k].kind && Math.abs(e.expMs - b.elements[k].expMs) <= 60);
}

/** Every template the catalog describes for this device: one per variant × code × colour. */
export function buildTemplates(entries: readonly ModeEntry[], options: TemplateOptions): Template[] {
  const out: Template[] = [];
  for (const entry of entries) {
    // "the LED stopped animating" (the standard scheme's solid colour) is the explanation of last resort
    const lastResort = entry.family === 'solid' && entry.group !== 'tracker';
    if (options.device && !entry.devices.includes(options.device)) continue;
    for (const variant of entry.variants) {
      const vDevices = variant.devices;
      if (options.device && vDevices && !vDevices.includes(options.device)) continue;
      const p = variant.pattern;
      const coded = hasCodeCount(p.intro) || hasCodeCount(p.loop);
      const codes: (number | null)[] = [];
      if (coded && entry.codes) for (let c = entry.codes.min; c <= entry.codes.max; c++) codes.push(c);
      else codes.push(null);
      const colors: (ColorName | null)[] = entry.colorParam ? [...entry.colorParam] : [null];
      for (const code of codes) {
        for (const color of colors) {
          const steps = color
            ? { ...p, intro: substituteColor(p.intro, entry.colorParam ?? [], { name: color, hex: FIRMWARE_HEX[color] }), loop: substituteColor(p.loop, entry.colorParam ?? [], { name: color, hex: FIRMWARE_HEX[color] }) ?? p.loop }
            : p;
          const cuts: Template[] = [];
          const drawn = drawPattern(steps, code, options.horizonMs, options.drawEverySample === true);
          for (const threshold of TEMPLATE_THRESHOLDS) {
            const t = buildTemplate(entry, variant, steps, code, color, options.horizonMs, threshold, drawn);
            if (!t || cuts.some((c) => sameStructure(c, t))) continue;
            t.priority = lastResort ? 2 : options.device === 'tracker-som' && entry.group === 'tracker' ? 0 : 1;
            t.weight = lastResort ? 0.8 : 1;
            cuts.push(t);
          }
          out.push(...cuts);
        }
      }
    }
  }
  return out;
}

