/**
 * What classification produces: an ordered timeline of states and the one diagnosis that matters
 * most (DESIGN.md §3). Pure data shared by the matcher, the reports and the web UI.
 */
import type { CatalogModeId, ColorName, ModeId } from '../catalog/types.js';

/** What the classifier measured for a state: the card shows it, tests inspect it. */
export interface SpanEvidence {
  /** Median ON-start to ON-start interval inside the span, when it repeats. */
  periodMs: number | null;
  /** Fraction of the period the LED was above its half level. */
  duty: number | null;
  /** Fraction of samples at intermediate brightness (breathing ≈ 0.6, a clean blink ≈ 0). */
  rampFraction: number;
  /** ON runs counted inside the span. */
  onCount: number;
  /** Colours named inside the span, most frequent first. */
  colors: ColorName[];
  /** Frames inside the span and the measured frame rate. */
  frames: number;
  fps: number;
  /** The catalog variant that matched ('firmware', 'docs', …). */
  variant: string | null;
  /** Share of the span's time the template explained. */
  explained: number;
  /** Why the confidence is what it is (short phrases). */
  notes: string[];
  /** Enough of the pattern was seen (1.5 periods of a blink or breath, one SOS cycle). */
  sufficient: boolean;
}

export interface Alternative {
  mode: CatalogModeId;
  code: number | null;
  color: ColorName | null;
  /** Relative plausibility, 0..1 (1 = as good as the chosen state). */
  score: number;
}

export interface StateSpan {
  mode: ModeId;
  code: number | null;
  color: ColorName | null;
  startS: number;
  endS: number;
  confidence: number;
  alternatives?: Alternative[];
  evidence: SpanEvidence;
}

export interface Diagnosis {
  mode: ModeId;
  code: number | null;
  color: ColorName | null;
  confidence: number;
  startS: number;
  endS: number;
  /** Index into the timeline of the state chosen (−1 when the timeline is empty). */
  spanIndex: number;
  /** Why this state was chosen: 'fault', 'event', 'last-stable', 'abstain'. */
  reason: 'fault' | 'event' | 'last-stable' | 'abstain';
  alternatives?: Alternative[];
  /** Why the tool abstained, when it did. */
  notes?: string[];
}

export interface Classification {
  timeline: StateSpan[];
  diagnosis: Diagnosis;
}

/** Colour evidence for one ON stretch of the LED (linear light, ON minus OFF). */
export interface ColorEvidence {
  r: number;
  g: number;
  b: number;
  /** Fraction of the stretch's samples whose LED core clipped. */
  clippedFraction: number;
  /** Brightness relative to the series' ON level (0..1+). */
  luma: number;
  /** Optional white reference (the chromaticity a white LED showed in this clip). */
  whiteRef?: { r: number; g: number; b: number } | null;
}

export interface ColorNaming {
  name: ColorName;
  confidence: number;
  /** A probability per contract colour (sums to 1). */
  scores: Record<ColorName, number>;
}

/** Injectable colour namer: the rule namer here, a tfjs model later (src/classify/model/). */
export type ColorNamer = (evidence: ColorEvidence) => ColorNaming;
