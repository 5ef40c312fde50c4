/**
 * The LED drive waveform exactly as Device OS produces it: what the PWM is told, per 25 ms service
 * tick, before any optics or camera. Pure and isomorphic.
 *
 * Firmware facts (DESIGN.md §1): the LED service runs every 25 ms (`LED_UPDATE_INTERVAL`,
 * particle-iot/device-os system/src/main.cpp), so a level holds for whole ticks; brightness scales the
 * 8-bit colour linearly (services/inc/rgbled.h, default 96, no gamma); blinks start ON and breathing is a
 * linear triangle, full at 0 and dark at P/2 (services/src/led_service.cpp).
 */
import { hexToRgb as hexToRgb8 } from '../catalog/colors.js';
import { stepDurationMs, type ConcreteStep, type ExpandedPattern } from '../catalog/expand.js';
import { DEFAULT_BRIGHTNESS, LED_UPDATE_INTERVAL_MS } from '../catalog/timing.js';
import type { ColorSpec } from '../catalog/types.js';
import { Prng } from './prng.js';

export const LED_TICK_MS = LED_UPDATE_INTERVAL_MS;

/** Drive levels 0..1 per channel, one value per firmware tick starting at `t0Ms`. */
export interface Drive {
  t0Ms: number;
  stepMs: number;
  r: Float32Array;
  g: Float32Array;
  b: Float32Array;
}

export interface Rgb {
  r: number;
  g: number;
  b: number;
}

/** Parsed colours: the classifier samples templates per tick, and parsing was a tenth of diagnose's own CPU. */
const parsedHex = new Map<string, Readonly<Rgb>>();

/** A catalog colour as drive levels 0..1 per channel. */
export function hexToRgb(hex: string): Readonly<Rgb> {
  const known = parsedHex.get(hex);
  if (known) return known;
  const c = hexToRgb8(hex);
  const rgb = Object.freeze({ r: c.r / 255, g: c.g / 255, b: c.b / 255 });
  parsedHex.set(hex, rgb);
  return rgb;
}

/** A step placed on the device's clock, with what it needs to be sampled at any time inside it. */
export interface PlacedStep {
  step: ConcreteStep;
  startMs: number;
  endMs: number;
  /** brightness/255 applied to the step's colours. */
  scale: number;
  /** Offset into the step's own cycle at `startMs` (keeps blink phase across a colour change). */
  phaseMs: number;
  /** Irregular blink: toggle times relative to the step start (starts ON). */
  toggles?: Float64Array;
}

const DARK: Rgb = { r: 0, g: 0, b: 0 };

function colorOf(spec: ColorSpec | undefined, scale: number): Readonly<Rgb> {
  if (!spec) return DARK;
  const c = hexToRgb(spec.hex);
  return { r: c.r * scale, g: c.g * scale, b: c.b * scale };
}

/** Level of a placed step at device time tMs (which lies inside it). */
export function levelAt(placed: PlacedStep, tMs: number, out: Rgb): Rgb {
  const { step, scale } = placed;
  const tau = tMs - placed.startMs + placed.phaseMs;
  let c: Readonly<Rgb> = DARK;
  let k = 1;
  switch (step.kind) {
    case 'off':
      break;
    case 'solid':
      c = colorOf(step.color, scale);
      break;
    case 'blink': {
      const cycle = step.onMs + step.offMs;
      const ph = tau - Math.floor(tau / cycle) * cycle;
      c = ph < step.onMs ? colorOf(step.color, scale) : colorOf(step.offColor, scale);
      break;
    }
    case 'breathe': {
      const p = step.periodMs;
      const x = (tau - Math.floor(tau / p) * p) / p;
      c = colorOf(step.color, scale);
      k = step.waveform === 'half-sine' ? Math.sin(Math.PI * x) : Math.abs(1 - 2 * x);
      break;
    }
    case 'irregular-blink': {
      const toggles = placed.toggles ?? new Float64Array(0);
      let n = 0;
      while (n < toggles.length && toggles[n] <= tau) n++;
      c = n % 2 === 0 ? colorOf(step.color, scale) : DARK;
      break;
    }
  }
  out.r = c.r * k;
  out.g = c.g * k;
  out.b = c.b * k;
  return out;
}

function irregularToggles(step: Extract<ConcreteStep, { kind: 'irregular-blink' }>, lengthMs: number, rng: Prng): Float64Array {
  const times: number[] = [];
  let t = 0;
  const limit = Number.isFinite(lengthMs) ? lengthMs : step.durationMs;
  while (Number.isFinite(limit)) {
    t += rng.uniform(step.minToggleMs, step.maxToggleMs);
    if (t >= limit) break;
    times.push(t);
  }
  return Float64Array.from(times);
}


export interface PlaceResult {
  steps: PlacedStep[];
  /** Where the pattern itself ended: `untilMs` unless a finite loop ran out first. */
  endMs: number;
  /** True when a finite `repeat` ran out before `untilMs` (what follows is `then`). */
  finished: boolean;
}

/**
 * Lays an expanded pattern on the clock from `startMs`: intro once, then the loop `repeat` times,
 * stopping at `untilMs`. `phaseMs` offsets the first step's cycle (blink phase kept over a colour change).
 */
export function placePattern(
  pattern: ExpandedPattern,
  startMs: number,
  untilMs: number,
  brightness: number,
  rng: Prng,
  phaseMs = 0,
): PlaceResult {
  const scale = brightness / 255;
  const steps: PlacedStep[] = [];
  let t = startMs;
  let first = true;
  const place = (step: ConcreteStep): boolean => {
    const length = stepDurationMs(step) - (first ? phaseMs : 0);
    if (length <= 0 && Number.isFinite(length)) return t < untilMs;
    const endMs = Math.min(t + length, untilMs);
    const placed: PlacedStep = { step, startMs: t, endMs, scale, phaseMs: first ? phaseMs : 0 };
    if (step.kind === 'irregular-blink') placed.toggles = irregularToggles(step, endMs - t, rng);
    steps.push(placed);
    first = false;
    t = endMs;
    return t < untilMs;
  };
  for (const step of pattern.intro) if (!place(step)) return { steps, endMs: t, finished: false };
  const loopMs = pattern.loop.reduce((sum, s) => sum + stepDurationMs(s), 0);
  if (loopMs <= 0) return { steps, endMs: t, finished: true };
  for (let i = 0; i < pattern.repeat; i++) {
    for (const step of pattern.loop) if (!place(step)) return { steps, endMs: t, finished: false };
  }
  return { steps, endMs: t, finished: true };
}

/** Samples placed steps at every firmware tick in [fromMs, toMs); ticks outside any step are dark. */
export function sampleSteps(steps: readonly PlacedStep[], fromMs: number, toMs: number): Drive {
  const n = Math.max(0, Math.ceil((toMs - fromMs) / LED_TICK_MS - 1e-9));
  const r = new Float32Array(n);
  const g = new Float32Array(n);
  const b = new Float32Array(n);
  const c: Rgb = { r: 0, g: 0, b: 0 };
  let s = 0;
  for (let k = 0; k < n; k++) {
    // The value a tick shows is computed at the tick's start: changes land on 25 ms boundaries.
    const t = fromMs + k * LED_TICK_MS;
    while (s < steps.length && steps[s].endMs <= t) s++;
    if (s >= steps.length || steps[s].startMs > t) continue;
    levelAt(steps[s], t, c);
    r[k] = c.r;
    g[k] = c.g;
    b[k] = c.b;
  }
  return { t0Ms: fromMs, stepMs: LED_TICK_MS, r, g, b };
}

export interface DriveFromStepsOptions {
  brightness?: number;
  seed?: number;
  /** Length to render; needed when a step holds forever. Default: the steps' total length. */
  durationMs?: number;
}

/** Drive of a plain list of concrete steps played once from t = 0. */
export function driveFromSteps(steps: readonly ConcreteStep[], options: DriveFromStepsOptions = {}): Drive {
  const total = steps.reduce((sum, s) => sum + stepDurationMs(s), 0);
  const durationMs = options.durationMs ?? total;
  if (!Number.isFinite(durationMs)) throw new RangeError('driveFromSteps: a step holds forever; pass durationMs');
  const placed = placePattern(
    { intro: [...steps], loop: [], repeat: 0, then: undefined },
    0,
    durationMs,
    options.brightness ?? DEFAULT_BRIGHTNESS,
    new Prng(options.seed ?? 0),
  );
  return sampleSteps(placed.steps, 0, durationMs);
}

/** Drive level at time tMs (the tick holding it; held at the ends). */
export function driveAt(drive: Drive, tMs: number): Rgb {
  const n = drive.r.length;
  if (n === 0) return { r: 0, g: 0, b: 0 };
  let k = Math.floor((tMs - drive.t0Ms) / drive.stepMs);
  k = k < 0 ? 0 : k >= n ? n - 1 : k;
  return { r: drive.r[k], g: drive.g[k], b: drive.b[k] };
}

/**
 * Mean drive over [t0Ms, t1Ms): what a camera pixel integrates during its exposure. Exact for the
 * piecewise-constant drive; a zero-length interval gives the instantaneous value.
 */
export function integrateDrive(drive: Drive, t0Ms: number, t1Ms: number, out: Rgb = { r: 0, g: 0, b: 0 }): Rgb {
  const n = drive.r.length;
  if (t1Ms <= t0Ms || n === 0) {
    const v = driveAt(drive, t0Ms);
    out.r = v.r;
    out.g = v.g;
    out.b = v.b;
    return out;
  }
  const step = drive.stepMs;
  const a = (t0Ms - drive.t0Ms) / step;
  const z = (t1Ms - drive.t0Ms) / step;
  let r = 0;
  let g = 0;
  let b = 0;
  let k = Math.floor(a);
  while (k < z) {
    const lo = Math.max(a, k);
    const hi = Math.min(z, k + 1);
    const w = hi - lo;
    const i = k < 0 ? 0 : k >= n ? n - 1 : k;
    r += drive.r[i] * w;
    g += drive.g[i] * w;
    b += drive.b[i] * w;
    k++;
  }
  const span = z - a;
  out.r = r / span;
  out.g = g / span;
  out.b = b / span;
  return out;
}

/** Concatenates drives that abut on the tick grid. */
export function concatDrives(parts: readonly Drive[]): Drive {
  const n = parts.reduce((sum, d) => sum + d.r.length, 0);
  const r = new Float32Array(n);
  const g = new Float32Array(n);
  const b = new Float32Array(n);
  let o = 0;
  for (const d of parts) {
    r.set(d.r, o);
    g.set(d.g, o);
    b.set(d.b, o);
    o += d.r.length;
  }
  return { t0Ms: parts.length > 0 ? parts[0].t0Ms : 0, stepMs: LED_TICK_MS, r, g, b };
}
