/**
 * Scenario → LED drive + ground truth. Every duration of the LED comes from the catalog's patterns
 * (`getMode(id).variants[].pattern` through `expandPattern`); this module only decides how long each
 * part of a scenario plays and how parts join (blink phase kept across a colour change, a panic's
 * reboot). Pure and isomorphic.
 */
import { expandPattern, stepDurationMs, type ConcreteStep, type ExpandedPattern } from '../catalog/expand.js';
import { getMode, patternFor, type Catalog } from '../catalog/index.js';
import { BOOT_WHITE_MS, DEFAULT_BRIGHTNESS, TRACKER_BRIGHTNESS } from '../catalog/timing.js';
import type { CatalogModeId, ColorName, ModeEntry } from '../catalog/types.js';
import { concatDrives, LED_TICK_MS, placePattern, sampleSteps, type Drive, type PlacedStep } from './drive.js';
import { Prng } from './prng.js';
import type { ClipLabel, LabelState, Scenario, ScenarioPart } from './scenario.js';

/** Length a part plays when the scenario does not say: a finite pattern's own length, else 6 s. */
export const DEFAULT_PART_MS = 6000;

export interface ScenarioDrive {
  drive: Drive;
  timeline: LabelState[];
  durationMs: number;
  /** The placed steps, for inspection and tests. */
  steps: PlacedStep[];
}


/** Natural length of a pattern: intro + loop × repeat (Infinity when it loops forever or holds). */
export function patternLengthMs(p: ExpandedPattern): number {
  const intro = p.intro.reduce((s, x) => s + stepDurationMs(x), 0);
  const loop = p.loop.reduce((s, x) => s + stepDurationMs(x), 0);
  if (!Number.isFinite(p.repeat)) return Infinity;
  return intro + loop * p.repeat;
}

/** The expanded pattern a part plays (variant picked, colour parameter applied, code filled in). */
export function partPattern(part: ScenarioPart, catalog?: Catalog): ExpandedPattern {
  const pattern = patternFor({ mode: part.mode, code: part.code, color: part.color, variant: part.variant }, catalog);
  return expandPattern(pattern, part.code);
}

/**
 * The contract colour of a part for the label: the requested colour parameter; else the mode's only
 * colour; else, for multi-colour modes, the colour lit longest in the loop (the error colour after a
 * cyan intro); none for rainbow-like loops of more than two colours or for dark modes.
 */
export function labelColor(entry: ModeEntry, pattern: ExpandedPattern, part: ScenarioPart): ColorName | null {
  if (part.color) return part.color;
  if (entry.colorParam) {
    const named = pattern.loop.find((s) => s.kind !== 'off' && s.color.name);
    return named && named.kind !== 'off' ? named.color.name : null;
  }
  if (entry.colors.length === 0) return null;
  if (entry.colors.length === 1) return entry.colors[0];
  const lit = new Map<ColorName, number>();
  for (const s of pattern.loop) {
    if (s.kind === 'off' || !s.color.name) continue;
    const ms = s.kind === 'blink' ? s.onMs * (s.count ?? 1) : stepDurationMs(s);
    lit.set(s.color.name, (lit.get(s.color.name) ?? 0) + ms);
  }
  if (lit.size === 0 || lit.size > 2) return null;
  return [...lit.entries()].sort((a, b) => b[1] - a[1])[0][0];
}

/**
 * What a device does after a panic reset: dark, the boot white, then it connects again (blinking
 * green, blinking cyan, the fast-cyan handshake) and settles on breathing cyan. How long each
 * connection stage lasts depends on the network; the draws below are representative.
 */
export function rebootParts(rng: Prng): ScenarioPart[] {
  return [
    { mode: 'off', durationMs: Math.round(rng.uniform(200, 600)) },
    { mode: 'solid', color: 'white', durationMs: BOOT_WHITE_MS },
    { mode: 'connecting-network', durationMs: Math.round(rng.uniform(1500, 4000)) },
    { mode: 'connecting-cloud', durationMs: Math.round(rng.uniform(1000, 2500)) },
    { mode: 'connecting-cloud', variant: 'firmware-handshake', durationMs: Math.round(rng.uniform(400, 1200)) },
    { mode: 'connected' },
  ];
}

function brightnessFor(scenario: Scenario, mode: CatalogModeId): number {
  if (scenario.brightness !== undefined) return scenario.brightness;
  return mode.startsWith('tracker-') ? TRACKER_BRIGHTNESS : DEFAULT_BRIGHTNESS;
}

/** Blink phase to carry into the next part: only when both sides blink with the same timing. */
function carriedPhaseMs(prev: PlacedStep | undefined, next: ConcreteStep | undefined): number {
  if (!prev || !next || prev.step.kind !== 'blink' || next.kind !== 'blink') return 0;
  const a = prev.step;
  if (a.onMs !== next.onMs || a.offMs !== next.offMs) return 0;
  const cycle = a.onMs + a.offMs;
  const elapsed = prev.endMs - prev.startMs + prev.phaseMs;
  return elapsed - Math.floor(elapsed / cycle) * cycle;
}

/**
 * The whole scenario as one drive (device time 0 = clip time 0) with its ground-truth timeline.
 * `durationMs` of the last part defaults to its natural length (6 s for a pattern that never ends);
 * a finite pattern ending in `then: 'reboot'` continues into a reboot when its part is longer.
 */
export function driveForScenario(scenario: Scenario, catalog: Catalog, seed: number): ScenarioDrive {
  const rng = new Prng(seed).fork('drive');
  const steps: PlacedStep[] = [];
  const states: LabelState[] = [];
  let t = 0;

  const playPart = (part: ScenarioPart, index: number): void => {
    const entry = getMode(part.mode, catalog);
    const pattern = partPattern(part, catalog);
    const natural = patternLengthMs(pattern);
    const phase = carriedPhaseMs(steps[steps.length - 1], pattern.intro[0] ?? pattern.loop[0]);
    // A carried blink phase shortens the first step, and so the pattern's natural length.
    const wanted = part.durationMs ?? (Number.isFinite(natural) ? natural - phase : DEFAULT_PART_MS);
    const end = t + Math.max(0, wanted);
    const placed = placePattern(pattern, t, end, brightnessFor(scenario, part.mode), rng.fork(`part-${index}`), phase);
    steps.push(...placed.steps);
    const startMs = t;
    t = placed.endMs;
    const code = entry.codes || part.code !== undefined ? (part.code ?? null) : null;
    pushState(states, { mode: part.mode, code, color: labelColor(entry, pattern, part), startS: startMs / 1000, endS: t / 1000 });
    if (placed.finished && t < end) {
      if (pattern.then === 'reboot') {
        const boot = rebootParts(rng.fork(`reboot-${index}`));
        boot.forEach((p, k) => {
          if (t >= end) return;
          const last = k === boot.length - 1;
          const d = last ? end - t : Math.min(p.durationMs ?? 0, end - t);
          playPart({ ...p, durationMs: d }, index * 100 + k + 1);
        });
      } else {
        // 'hold' keeps the last level; a pattern that simply ends leaves the LED dark.
        const last = steps[steps.length - 1];
        if (pattern.then === 'hold' && last) {
          last.endMs = end;
          states[states.length - 1].endS = end / 1000;
        } else {
          pushState(states, { mode: 'off', code: null, color: null, startS: t / 1000, endS: end / 1000 });
        }
        t = end;
      }
    }
  };

  scenario.parts.forEach((part, i) => playPart(part, i));
  // Filming may start mid-pattern: keep the device's 25 ms tick grid and shift everything to clip time.
  const startMs = Math.min(Math.max(0, Math.round((scenario.startMs ?? 0) / LED_TICK_MS) * LED_TICK_MS), t);
  const durationMs = t - startMs;
  const sampled = sampleSteps(steps, startMs, t);
  const drive = concatDrives([{ ...sampled, t0Ms: 0 }]);
  const shiftS = startMs / 1000;
  const timeline = states
    .filter((s) => s.endS > shiftS && s.endS > s.startS)
    .map((s) => ({ ...s, startS: round3(Math.max(0, s.startS - shiftS)), endS: round3(s.endS - shiftS) }));
  return { drive, timeline, durationMs, steps };
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}

function pushState(states: LabelState[], s: LabelState): void {
  const prev = states[states.length - 1];
  if (prev && prev.mode === s.mode && prev.code === s.code && prev.color === s.color && Math.abs(prev.endS - s.startS) < 1e-9) {
    prev.endS = s.endS;
    return;
  }
  states.push(s);
}

/**
 * The diagnosis a clip must get (DESIGN.md §3): the first fault seen anywhere; else the last event
 * the user triggered; else the last state.
 */
export function expectedDiagnosis(timeline: readonly LabelState[], catalog: Catalog): ClipLabel['expected'] {
  const pick = (s: LabelState) => ({ mode: s.mode, code: s.code, color: s.color });
  const fault = timeline.find((s) => getMode(s.mode, catalog).severity === 'fault');
  if (fault) return pick(fault);
  const events = timeline.filter((s) => getMode(s.mode, catalog).severity === 'event');
  if (events.length > 0) return pick(events[events.length - 1]);
  if (timeline.length === 0) return { mode: 'off', code: null, color: null };
  return pick(timeline[timeline.length - 1]);
}
