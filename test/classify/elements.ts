import { ruleColorNamer } from '../../src/classify/color-namer.js';
import type { Element } from '../../src/classify/segment.js';
import type { LedSeries } from '../../src/signal/types.js';

/** One measured run: ON (in `rgb`) or OFF, `ms` long; `ramp` marks a run that brightens or fades. */
export interface RunSpec {
  kind: 'on' | 'off';
  ms: number;
  rgb?: readonly [number, number, number];
  ramp?: boolean;
}

/**
 * Measured runs laid end to end, as segmentation would cut them from a clip at `frameMs` per frame
 * (the first and last runs cut by the clip's ends). `clipped`: ON runs read as clipped.
 */
export function elementsOf(spec: RunSpec[], frameMs: number, clipped = false): Element[] {
  let t = 0;
  return spec.map(({ kind, ms, rgb, ramp }, k) => {
    const lit = kind === 'on' && rgb !== undefined;
    const e: Element = {
      kind,
      startMs: t,
      endMs: t + ms,
      durMs: ms,
      i0: Math.round(t / frameMs),
      i1: Math.round((t + ms) / frameMs),
      gapStartMs: frameMs,
      gapEndMs: frameMs,
      truncStart: k === 0,
      truncEnd: k === spec.length - 1,
      color: lit ? ruleColorNamer({ r: rgb[0], g: rgb[1], b: rgb[2], clippedFraction: clipped ? 1 : 0, luma: 1 }) : null,
      rgb: lit ? [rgb[0], rgb[1], rgb[2]] : null,
      multi: false,
      ramp: ramp ? true : ms > 300 ? false : null,
      rampFraction: ramp ? 0.3 : 0,
      peak: kind === 'on' ? 1 : 0,
      clippedFraction: clipped && kind === 'on' ? 1 : 0,
    };
    t += ms;
    return e;
  });
}

/** A series at `fps` from runs of [ms, rgb, total light] (black for dark; the light defaults to max(rgb)). */
export function seriesOfRuns(runs: Array<[number, readonly [number, number, number], number?]>, fps: number): LedSeries {
  const frameMs = 1000 / fps;
  const rgbs: Array<readonly [number, number, number]> = [];
  const light: number[] = [];
  for (const [ms, rgb, luma] of runs) {
    for (let k = 0; k < Math.round(ms / frameMs); k++) {
      rgbs.push(rgb);
      light.push(luma ?? Math.max(...rgb));
    }
  }
  const n = rgbs.length;
  return {
    tMs: Float64Array.from({ length: n }, (_, i) => i * frameMs),
    r: Float32Array.from(rgbs, (c) => c[0]),
    g: Float32Array.from(rgbs, (c) => c[1]),
    b: Float32Array.from(rgbs, (c) => c[2]),
    luma: Float32Array.from(light),
    clipped: new Uint8Array(n),
    fps,
    frameIntervalJitterMs: 0,
  };
}
