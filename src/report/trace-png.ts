/**
 * `trace --png`: the measured series as a picture — a colour strip (each moment's chromaticity at full
 * brightness, dark when the LED is off), the brightness curve, clipped frames, and a time axis.
 */
import type { LedSeries } from '../signal/types.js';
import { colourStripSvg, curveSvg, svgDocument, svgToPng, textSvg, timeAxisSvg, writeSvgPng, type Box } from './png.js';

export interface TracePngOptions {
  title?: string;
  subtitle?: string;
  width?: number;
}

export function traceSvg(series: LedSeries, options: TracePngOptions = {}): string {
  const width = options.width ?? 1200;
  const pad = 48;
  const plotW = width - 2 * pad - 10;
  const n = series.tMs.length;
  const range = { t0Ms: n ? series.tMs[0] : 0, t1Ms: n ? series.tMs[n - 1] : 1 };
  if (range.t1Ms <= range.t0Ms) range.t1Ms = range.t0Ms + 1;
  const parts: string[] = [];
  parts.push(textSvg(pad, 24, options.title ?? 'LED trace', { fontSize: 15, color: '#f0f0f0' }));
  if (options.subtitle) parts.push(textSvg(pad, 42, options.subtitle, { fontSize: 11, color: '#aaaaaa' }));

  const strip: Box = { x: pad, y: 56, width: plotW, height: 36 };
  parts.push(textSvg(pad - 6, strip.y + 22, 'colour', { fontSize: 10, anchor: 'end', color: '#888' }));
  parts.push(colourStripSvg(strip, range, { tMs: series.tMs, r: series.r, g: series.g, b: series.b, weight: series.luma }));

  const curve: Box = { x: pad, y: strip.y + strip.height + 14, width: plotW, height: 150 };
  parts.push(`<rect x="${curve.x}" y="${curve.y}" width="${curve.width}" height="${curve.height}" fill="#222" stroke="#333"/>`);
  for (const v of [0, 0.5, 1]) {
    const y = curve.y + curve.height * (1 - v);
    parts.push(`<line x1="${curve.x}" y1="${y}" x2="${curve.x + curve.width}" y2="${y}" stroke="#3a3a3a" stroke-dasharray="3,3"/>`);
    parts.push(textSvg(pad - 6, y + 4, v.toFixed(1), { fontSize: 10, anchor: 'end', color: '#888' }));
  }
  parts.push(curveSvg(curve, range, series.tMs, series.luma, { stroke: '#f2f2f2' }));

  // clipped frames: a thin orange rug under the curve
  const rug: Box = { x: pad, y: curve.y + curve.height + 4, width: plotW, height: 5 };
  let anyClipped = false;
  for (let i = 0; i < n && !anyClipped; i++) anyClipped = series.clipped[i] === 1;
  if (anyClipped) {
    const ones = new Float32Array(n).fill(1), quarter = new Float32Array(n).fill(0.25), zeros = new Float32Array(n);
    parts.push(colourStripSvg(rug, range, { tMs: series.tMs, r: ones, g: quarter, b: zeros, weight: series.clipped }, { dark: '#1b1b1b', minWeight: 0.5 }));
    parts.push(textSvg(pad + plotW + 4, rug.y + 5, 'clipped', { fontSize: 9, color: '#888' }));
  }
  parts.push(timeAxisSvg({ x: pad, y: rug.y + rug.height + 6, width: plotW, height: 20 }, range));
  const height = rug.y + rug.height + 6 + 30;
  return svgDocument(width, height, parts.join(''));
}

export async function tracePng(series: LedSeries, options: TracePngOptions = {}): Promise<Uint8Array> {
  return svgToPng(traceSvg(series, options));
}

export async function writeTracePng(file: string, series: LedSeries, options: TracePngOptions = {}): Promise<void> {
  await writeSvgPng(traceSvg(series, options), file);
}
