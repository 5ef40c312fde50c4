/**
 * Node edge: open a clip (or image folder) with ffmpeg and run `extractSeries` on it. Commands that
 * need the LED series of a file (trace, diagnose) call this.
 */
import { basename } from 'node:path';
import { openSource, type OpenSourceOptions } from '../source/open.js';
import { extractSeries, type ExtractOptions, type ExtractResult } from './extract-series.js';

export interface ExtractFileResult extends ExtractResult {
  file: string;
  /** Source notes worth telling the user (assumed frame rate, truncated file). */
  notes: string[];
}

export async function extractFromFile(
  file: string,
  options: Omit<ExtractOptions, 'name'> = {},
  sourceOptions: OpenSourceOptions = {},
): Promise<ExtractFileResult> {
  const source = await openSource(file, sourceOptions);
  const result = await extractSeries(source, { ...options, name: basename(file) });
  return { ...result, file: basename(file), notes: source.notes };
}
