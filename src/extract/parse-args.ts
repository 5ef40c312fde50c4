/** `--roi X,Y,W,H` and `--at X,Y` as typed values, with one-line errors that say the expected form. */
import { BadInputError } from '../errors.js';
import type { Point } from '../locate/types.js';
import type { Region } from '../source/types.js';

function numbers(text: string, count: number): number[] | null {
  const parts = text.split(/[,x: ]+/).filter(Boolean);
  if (parts.length !== count) return null;
  const values = parts.map(Number);
  return values.every((v) => Number.isFinite(v) && v >= 0) ? values : null;
}

export function parseRoiArg(text: string): Region {
  const v = numbers(text, 4);
  if (!v || v[2] < 4 || v[3] < 4) {
    throw new BadInputError(`--roi "${text}" is not a region: give X,Y,W,H in pixels of the displayed frame, e.g. --roi 100,80,200,150`);
  }
  return { x: v[0], y: v[1], width: v[2], height: v[3] };
}

export function parseAtArg(text: string): Point {
  const v = numbers(text, 2);
  if (!v) throw new BadInputError(`--at "${text}" is not a point: give X,Y in pixels of the displayed frame, e.g. --at 412,188`);
  return { x: v[0], y: v[1] };
}

/** `--roi` and `--at` together: each parsed, and not both (one fixes the point, the other limits the search). */
export function parseLocateArgs(options: { roi?: string; at?: string }): { roi?: Region; at?: Point } {
  const roi = options.roi !== undefined ? parseRoiArg(options.roi) : undefined;
  const at = options.at !== undefined ? parseAtArg(options.at) : undefined;
  if (roi && at) throw new BadInputError('--roi and --at both given: pass one (--at fixes the point, --roi limits the search)');
  return { roi, at };
}
