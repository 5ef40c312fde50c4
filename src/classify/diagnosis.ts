/**
 * Timeline → the one state that matters (DESIGN.md §3): a fault seen anywhere outranks everything
 * (an SOS that ends in a reboot is still the SOS); an event the user triggered (bars, rainbow)
 * outranks the background state it interrupts; otherwise the last stable state. The ranking reads
 * each mode's `severity` from the catalog.
 */
import type { ModeEntry } from '../catalog/types.js';
import type { Alternative, Diagnosis, StateSpan } from './types.js';

/** Below this confidence a fault is not allowed to override what the rest of the clip shows. */
export const FAULT_MIN_CONFIDENCE = 0.35;
/** A last state shorter than this is a tail, not where the device settled (unless it is all there is). */
export const STABLE_MIN_S = 1.2;

export function chooseDiagnosis(timeline: readonly StateSpan[], severityOf: (mode: string) => ModeEntry['severity'] | null): Diagnosis {
  const known = timeline.map((s, k) => ({ s, k })).filter(({ s }) => s.mode !== 'unknown');
  const pick = (s: StateSpan, k: number, reason: Diagnosis['reason']): Diagnosis => ({
    mode: s.mode,
    code: s.code,
    color: s.color,
    confidence: s.confidence,
    startS: s.startS,
    endS: s.endS,
    spanIndex: k,
    reason,
    ...(s.alternatives && s.alternatives.length > 0 ? { alternatives: s.alternatives } : {}),
  });
  // faults seen with some confidence: the proven ones rank first; an unproven one casts doubt (below)
  const seenFaults = known.filter(({ s }) => severityOf(s.mode) === 'fault' && s.confidence >= FAULT_MIN_CONFIDENCE);
  const faults = seenFaults.filter(({ s }) => s.evidence.sufficient);
  if (faults.length > 0) {
    // the best-supported fault: the first one unless a later one is clearly better evidenced, or
    // counts what the first one lost (an SOS whose first cycle's code blinks ran together or fell
    // between frames, its second cycle counted in full: the same fault, told in full)
    let best = faults[0];
    for (const f of faults) if (f.s.confidence > best.s.confidence + 0.15 || countsWhatItLost(f.s, best.s)) best = f;
    return pick(best.s, best.k, 'fault');
  }
  // an event outranks the state it interrupts once it is proven: a counted readout (signal bars) seen
  // through its whole cycle, a repeating one (rainbow) seen long enough. A fragment of either inside a
  // misread pattern (a steady LED flickering in the measurement: two flashes and a gap) would
  // otherwise pass for the user's command
  const events = known.filter(({ s }) => severityOf(s.mode) === 'event' && s.confidence >= FAULT_MIN_CONFIDENCE && s.evidence.sufficient);
  if (events.length > 0) {
    const last = events[events.length - 1];
    return pick(last.s, last.k, 'event');
  }
  // where the device settled: the last state seen long enough (a fragment of a fault pattern that
  // never completed is not where a device settles)
  const stable = known.filter(({ s }) => s.endS - s.startS >= STABLE_MIN_S && !(severityOf(s.mode) === 'fault' && !s.evidence.sufficient));
  const chosen = stable.length > 0 ? stable[stable.length - 1] : known[known.length - 1];
  if (chosen) return doubtedBy(pick(chosen.s, chosen.k, 'last-stable'), seenFaults[0]?.s ?? null, severityOf);
  const span = timeline[timeline.length - 1];
  return {
    mode: 'unknown',
    code: null,
    color: null,
    confidence: 0,
    startS: timeline[0]?.startS ?? 0,
    endS: span?.endS ?? 0,
    spanIndex: timeline.length > 0 ? timeline.length - 1 : -1,
    reason: 'abstain',
  };
}

/**
 * Whether span `a` is the same mode as `b` with the code `b` could not count, or with more of it: the
 * firmware plays one code in every cycle, and a camera loses code blinks (one falls between frames or
 * under the codec, two run together) far more often than it makes one up, so of two counts the
 * larger is the one told in full.
 */
function countsWhatItLost(a: StateSpan, b: StateSpan): boolean {
  return a.mode === b.mode && a.code !== null && (b.code === null || a.code > b.code);
}

/** What a settled state may be believed at while a fault was seen in the clip but not proven. */
export const UNPROVEN_FAULT_CONFIDENCE = 0.7;

/**
 * A fault seen but not proven (its count or colour incomplete: orange error blinks read red by a
 * camera, one blink lost at 24 fps) cannot outrank the state the device settled in, but the clip did
 * show something that matters more than it: the settled state is said with doubt and the fault named
 * as the alternative, rather than connecting-cloud at 0.9 over a lost cloud error. (`fault`: the first
 * fault seen, all of them unproven when the diagnosis got this far.)
 */
function doubtedBy(d: Diagnosis, fault: StateSpan | null, severityOf: (mode: string) => ModeEntry['severity'] | null): Diagnosis {
  if (!fault || severityOf(d.mode) === 'fault') return d;
  const alternative: Alternative = { mode: fault.mode as Alternative['mode'], code: fault.code, color: fault.color, score: fault.confidence };
  return {
    ...d,
    confidence: Math.min(d.confidence, UNPROVEN_FAULT_CONFIDENCE),
    alternatives: [alternative, ...(d.alternatives ?? []).filter((a) => a.mode !== fault.mode)].slice(0, 3),
  };
}
