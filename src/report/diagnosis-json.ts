/**
 * The `diagnose --json` object, exactly the contract of DESIGN.md §3:
 * `{ file, device, video:{width,height,fps,durationS,frames}, led:{x,y,radius}|null,
 *    diagnosis:{mode, code, color, meaning, advice, confidence, startS, endS},
 *    timeline:[{mode, code, color, startS, endS, confidence}] }`.
 * Pure: the CLI prints it, tests and the web UI build it the same way.
 */
import { codeEntry, findMode, textFor, type Catalog } from '../catalog/index.js';
import type { CatalogModeId, ColorName, DeviceId, ModeId } from '../catalog/types.js';
import type { Classification } from '../classify/types.js';

export interface DiagnosisJson {
  file: string;
  device: DeviceId | null;
  video: { width: number; height: number; fps: number; durationS: number; frames: number };
  led: { x: number; y: number; radius: number } | null;
  diagnosis: {
    mode: ModeId;
    code: number | null;
    color: ColorName | null;
    meaning: string;
    advice: string;
    confidence: number;
    startS: number;
    endS: number;
  };
  timeline: Array<{ mode: ModeId; code: number | null; color: ColorName | null; startS: number; endS: number; confidence: number }>;
}

export interface DiagnosisJsonInput {
  file: string;
  device?: DeviceId;
  video: { width: number; height: number; fps: number; durationS: number; frames: number };
  led: { x: number; y: number; radius: number } | null;
  classification: Classification;
  catalog: Catalog;
}

const round = (v: number, digits: number): number => {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
};

export const UNKNOWN_MEANING = 'The LED did not show a pattern this tool recognises (or not for long enough to tell).';
export const UNKNOWN_ADVICE =
  'Film the LED steadily for at least 10 seconds (20–30 s for a red SOS), close enough that it is more than a few pixels wide, without covering it; pass --device and, if the search picks the wrong light, --at X,Y.';

/** Meaning and advice of a state for a device, with a coded mode's code spelled out. */
export function explain(mode: ModeId, code: number | null, catalog: Catalog, device?: DeviceId): { meaning: string; advice: string } {
  if (mode === 'unknown') return { meaning: UNKNOWN_MEANING, advice: UNKNOWN_ADVICE };
  const entry = findMode(mode as CatalogModeId, catalog);
  if (!entry) return { meaning: UNKNOWN_MEANING, advice: UNKNOWN_ADVICE };
  let meaning = textFor(entry.meaning, device);
  let advice = textFor(entry.advice, device);
  if (code !== null) {
    const c = codeEntry(entry.id, code, catalog);
    if (c) {
      meaning = `${meaning} Code ${code}: ${c.name} — ${c.meaning}`;
      if (c.advice) advice = `${c.advice} ${advice}`;
    }
  }
  return { meaning, advice };
}

export function buildDiagnosisJson(input: DiagnosisJsonInput): DiagnosisJson {
  const d = input.classification.diagnosis;
  const { meaning, advice } = explain(d.mode, d.code, input.catalog, input.device);
  return {
    file: input.file,
    device: input.device ?? null,
    video: {
      width: input.video.width,
      height: input.video.height,
      fps: round(input.video.fps, 3),
      durationS: round(input.video.durationS, 3),
      frames: input.video.frames,
    },
    led: input.led ? { x: round(input.led.x, 1), y: round(input.led.y, 1), radius: round(input.led.radius, 1) } : null,
    diagnosis: {
      mode: d.mode,
      code: d.code,
      color: d.color,
      meaning,
      advice,
      confidence: round(d.confidence, 3),
      startS: round(Math.max(0, d.startS), 3),
      endS: round(Math.max(0, d.endS), 3),
    },
    timeline: input.classification.timeline.map((s) => ({
      mode: s.mode,
      code: s.code,
      color: s.color,
      startS: round(Math.max(0, s.startS), 3),
      endS: round(Math.max(0, s.endS), 3),
      confidence: round(s.confidence, 3),
    })),
  };
}
