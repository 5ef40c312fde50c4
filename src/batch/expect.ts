/**
 * What a test station expects of each clip, and the verdict. Pure (no Node API): the web UI can
 * judge a diagnosis the same way.
 *
 * - `--expect MODE[:CODE]` checks the final diagnosis (DESIGN.md §3 ranking): its mode, and its code
 *   when given. `MODE:COLOR` (e.g. `tracker-connected:green`, `solid:white`) checks the colour.
 * - `--expect-sequence a,b,c` checks that the timeline shows those states in that order, not
 *   necessarily adjacent (a subsequence); items take the same `MODE[:CODE|:COLOR]` form.
 * - `--within S` requires the last state of the sequence (or, with only `--expect`, the diagnosed
 *   state) to start no later than S seconds after the clip's first frame.
 */
import { COLOR_NAMES, MODE_IDS, type ColorName, type ModeId } from '../catalog/types.js';
import { BadInputError } from '../errors.js';

export interface StateMatcher {
  mode: ModeId;
  code?: number;
  color?: ColorName;
}

export interface Expectation {
  final?: StateMatcher;
  sequence?: StateMatcher[];
  withinS?: number;
  /** The expectation as one line, stored with every result and shown in reports. */
  text: string;
}

/** The part of a diagnosis a verdict needs. */
export interface JudgedState {
  mode: ModeId;
  code: number | null;
  color: ColorName | null;
  startS: number;
}

export interface Verdict {
  status: 'pass' | 'fail';
  failure: string | null;
}

export function parseStateMatcher(text: string, flag: string): StateMatcher {
  const [modeText, extra, more] = text.trim().toLowerCase().split(':');
  if (more !== undefined || !modeText) {
    throw new BadInputError(`${flag} "${text}": give MODE or MODE:CODE (e.g. connected, sos:8, solid:white)`);
  }
  if (!(MODE_IDS as readonly string[]).includes(modeText)) {
    throw new BadInputError(`${flag} "${text}": unknown mode "${modeText}" (valid: ${MODE_IDS.join(', ')})`);
  }
  const matcher: StateMatcher = { mode: modeText as ModeId };
  if (extra === undefined) return matcher;
  if (/^\d+$/.test(extra)) {
    matcher.code = Number(extra);
  } else if ((COLOR_NAMES as readonly string[]).includes(extra)) {
    matcher.color = extra as ColorName;
  } else {
    throw new BadInputError(`${flag} "${text}": "${extra}" is neither a code (a whole number) nor a colour (${COLOR_NAMES.join(', ')})`);
  }
  return matcher;
}

export function formatMatcher(m: StateMatcher): string {
  return m.mode + (m.code !== undefined ? `:${m.code}` : '') + (m.color !== undefined ? `:${m.color}` : '');
}

/** A state as the reports spell it: `sos:8`, `solid:white`, `connected`. */
export function formatState(s: { mode: ModeId; code: number | null; color: ColorName | null }): string {
  if (s.code !== null) return `${s.mode}:${s.code}`;
  if (s.color !== null && (s.mode === 'solid' || s.mode.startsWith('tracker-'))) return `${s.mode}:${s.color}`;
  return s.mode;
}

export interface ExpectationFlags {
  expect?: string;
  expectSequence?: string;
  within?: string;
}

/** null when nothing is expected (every diagnosed clip passes). Throws BadInputError (exit 2). */
export function parseExpectation(flags: ExpectationFlags): Expectation | null {
  const final = flags.expect !== undefined ? parseStateMatcher(flags.expect, '--expect') : undefined;
  let sequence: StateMatcher[] | undefined;
  if (flags.expectSequence !== undefined) {
    const items = flags.expectSequence.split(',').map((s) => s.trim());
    if (items.some((s) => s === '')) {
      throw new BadInputError(`--expect-sequence "${flags.expectSequence}": give modes separated by commas, e.g. connecting-cloud,connected`);
    }
    sequence = items.map((item) => parseStateMatcher(item, '--expect-sequence'));
  }
  let withinS: number | undefined;
  if (flags.within !== undefined) {
    withinS = Number(flags.within);
    if (flags.within.trim() === '' || !Number.isFinite(withinS) || withinS <= 0) {
      throw new BadInputError(`--within "${flags.within}" is not a positive number of seconds`);
    }
    if (!final && !sequence) throw new BadInputError('--within needs --expect or --expect-sequence (it times the state they name)');
  }
  if (!final && !sequence) return null;
  const parts: string[] = [];
  if (final) parts.push(formatMatcher(final));
  if (sequence) parts.push(`sequence ${sequence.map(formatMatcher).join(',')}`);
  if (withinS !== undefined) parts.push(`within ${withinS} s`);
  return { final, sequence, withinS, text: parts.join('; ') };
}

export function matches(state: { mode: ModeId; code: number | null; color: ColorName | null }, m: StateMatcher): boolean {
  if (state.mode !== m.mode) return false;
  if (m.code !== undefined && state.code !== m.code) return false;
  if (m.color !== undefined && state.color !== m.color) return false;
  return true;
}

/**
 * Where the sequence first completes: the timeline index of each item, matched greedily from the
 * left (which also makes the last item's start as early as any match can), or null.
 */
export function findSubsequence(timeline: readonly JudgedState[], sequence: readonly StateMatcher[]): number[] | null {
  const at: number[] = [];
  let i = 0;
  for (const m of sequence) {
    while (i < timeline.length && !matches(timeline[i], m)) i++;
    if (i >= timeline.length) return null;
    at.push(i);
    i++;
  }
  return at;
}

const MAX_LISTED_STATES = 12;

function describeTimeline(timeline: readonly JudgedState[]): string {
  if (timeline.length === 0) return 'an empty timeline';
  const shown = timeline.slice(0, MAX_LISTED_STATES).map(formatState).join(' → ');
  return timeline.length > MAX_LISTED_STATES ? `${shown} → … (${timeline.length} states)` : shown;
}

const seconds = (s: number): string => `${Math.round(s * 100) / 100} s`;

export function judge(diagnosis: JudgedState, timeline: readonly JudgedState[], expectation: Expectation | null): Verdict {
  if (!expectation) return { status: 'pass', failure: null };
  const problems: string[] = [];
  if (expectation.final && !matches(diagnosis, expectation.final)) {
    problems.push(`expected ${formatMatcher(expectation.final)}, diagnosed ${formatState(diagnosis)}`);
  }
  if (expectation.sequence) {
    const at = findSubsequence(timeline, expectation.sequence);
    if (!at) {
      // say how far it got: the longest prefix of the sequence that is there
      let reached = 0;
      for (let n = expectation.sequence.length - 1; n > 0 && reached === 0; n--) {
        if (findSubsequence(timeline, expectation.sequence.slice(0, n))) reached = n;
      }
      const missing = formatMatcher(expectation.sequence[reached]);
      const after = reached > 0 ? ` after ${formatMatcher(expectation.sequence[reached - 1])}` : '';
      problems.push(`sequence ${expectation.sequence.map(formatMatcher).join(',')} not seen: no ${missing}${after} in ${describeTimeline(timeline)}`);
    } else if (expectation.withinS !== undefined) {
      const last = timeline[at[at.length - 1]];
      if (last.startS > expectation.withinS) {
        problems.push(`reached ${formatState(last)} at ${seconds(last.startS)}, later than --within ${seconds(expectation.withinS)}`);
      }
    }
  } else if (expectation.withinS !== undefined && expectation.final && matches(diagnosis, expectation.final)) {
    if (diagnosis.startS > expectation.withinS) {
      problems.push(`reached ${formatState(diagnosis)} at ${seconds(diagnosis.startS)}, later than --within ${seconds(expectation.withinS)}`);
    }
  }
  return problems.length === 0 ? { status: 'pass', failure: null } : { status: 'fail', failure: problems.join('; ') };
}
