/**
 * One clip in, the contract's diagnosis object out (DESIGN.md §3): what `ledscope diagnose` does,
 * as a library call that the command and the batch workers share. The per-run setup (device, --roi,
 * --at, theme file → decoding catalog) is done once by `prepareDiagnosis`; `diagnoseFile` then only
 * decodes, classifies and builds the JSON, so a batch worker pays the setup once, not per clip.
 */
import { basename } from 'node:path';
import { decodingCatalogFor, type Catalog, type DeviceId } from '../catalog/index.js';
import { classifySeries, darkClassification } from '../classify/index.js';
import type { Classification } from '../classify/types.js';
import { loadDefaultColorNamer } from '../classify/model/default-namer.js';
import type { NoLedError } from '../errors.js';
import type { ExtractProgress } from '../extract/extract-series.js';
import { extractFromFile } from '../extract/from-file.js';
import { parseLocateArgs } from '../extract/parse-args.js';
import type { Point } from '../locate/types.js';
import { buildDiagnosisJson, type DiagnosisJson } from '../report/diagnosis-json.js';
import type { LedSeries } from '../signal/types.js';
import { parseDeviceOption, readThemeFile } from './settings.js';
import type { Region } from '../source/types.js';

/** The per-run flags, as typed on the command line. */
export interface DiagnosisSettings {
  device?: string;
  roi?: string;
  at?: string;
  /** Path of a custom LED theme (JSON). */
  theme?: string;
}

/** The flags checked and turned into values, for every clip of a run. */
export interface PreparedDiagnosis {
  device?: DeviceId;
  roi?: Region;
  at?: Point;
  catalog: Catalog;
}

export interface DiagnoseFileHooks {
  onProgress?: (progress: ExtractProgress) => void;
}

export interface DiagnoseFileResult {
  json: DiagnosisJson;
  classification: Classification;
  series: LedSeries;
  /** The clip's base name, as the JSON shows it. */
  file: string;
  /** Source notes worth telling the user (a truncated file, an assumed frame rate). */
  notes: string[];
}

/** Check the flags (one-line BadInputError on a bad one) and build the catalog; no clip is touched. */
export function prepareDiagnosis(settings: DiagnosisSettings): PreparedDiagnosis {
  const device = parseDeviceOption(settings.device);
  const { roi, at } = parseLocateArgs(settings);
  const theme = settings.theme !== undefined ? readThemeFile(settings.theme) : undefined;
  return { device, roi, at, catalog: decodingCatalogFor(device, theme) };
}

export async function diagnoseFile(path: string, prepared: PreparedDiagnosis, hooks: DiagnoseFileHooks = {}): Promise<DiagnoseFileResult> {
  const { device, catalog } = prepared;
  const extracted = await extractFromFile(path, { roi: prepared.roi, at: prepared.at, onProgress: hooks.onProgress });
  const { info, led, series } = extracted;
  const classification = classifySeries(series, { device, catalog, colorNamer: await loadDefaultColorNamer() });
  const json = buildDiagnosisJson({
    file: extracted.file,
    device,
    video: { width: info.width, height: info.height, fps: info.fps, ...decodedExtent(info, series) },
    led: { x: led.x, y: led.y, radius: led.radius },
    classification,
    catalog,
  });
  return { json, classification, series, file: extracted.file, notes: extracted.notes };
}

/**
 * The contract's object for a clip in which no lit LED was found: `led: null` and an `off` reading
 * that is never sure (darkClassification). The run still ends in exit 3; this only lets a script
 * that reads the JSON learn what was seen.
 */
export function noLedDiagnosisJson(path: string, prepared: PreparedDiagnosis, error: NoLedError): DiagnosisJson | null {
  if (!error.video) return null;
  const { video } = error;
  return buildDiagnosisJson({
    file: basename(path),
    device: prepared.device,
    video,
    led: null,
    classification: darkClassification(video.durationS, video.fps),
    catalog: prepared.catalog,
  });
}

/**
 * Frames and duration as decoded, not as the header claims: a recording cut mid-mdat keeps a header
 * that lists every frame, and the JSON must say how much of the clip the diagnosis rests on. The
 * duration stays the header's while the decoded span reaches it (its last frame lasts one interval),
 * so a whole clip reports the container's figure exactly.
 */
export function decodedExtent(
  info: { fps: number; durationS: number; frames: number },
  series: Pick<LedSeries, 'tMs'>,
): { durationS: number; frames: number } {
  const frames = series.tMs.length;
  if (frames === 0) return { durationS: 0, frames: 0 };
  const intervalS = info.fps > 0 ? 1 / info.fps : 0;
  const spanS = series.tMs[frames - 1] / 1000 + intervalS;
  // a frame of slack: container durations round, and a VFR clip's last interval differs
  const durationS = spanS < info.durationS - Math.max(intervalS, 0.05) ? Math.round(spanS * 1000) / 1000 : info.durationS;
  return { durationS, frames };
}
