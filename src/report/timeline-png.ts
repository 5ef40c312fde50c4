/**
 * The timeline image: the LED's colour strip, its brightness curve, and the classified states as
 * labelled bands, over clip time. Drawn with the shared SVG helpers (png.ts) and rasterised by sharp.
 */
import type { ColorName } from '../catalog/types.js';
import type { Classification } from '../classify/types.js';
import type { LedSeries } from '../signal/types.js';
import { bandsSvg, colourStripSvg, curveSvg, svgDocument, svgToPng, textSvg, timeAxisSvg, writeSvgPng, type Box, type TimeRange } from './png.js';

const BAND_COLOR: Record<ColorName, string> = {
  red: '#b00000',
  orange: '#c86400',
  yellow: '#a89800',
  green: '#008f00',
  cyan: '#008a8a',
  blue: '#1f3fbf',
  magenta: '#a000a0',
  white: '#7a7a7a',
};

export interface TimelinePngOptions {
  title?: string;
  width?: number;
}

export function timelineSvg(series: LedSeries, classification: Classification, options: TimelinePngOptions = {}): string {
  const width = options.width ?? 1200;
  const margin = 40;
  const n = series.tMs.length;
  const range: TimeRange = { t0Ms: n > 0 ? series.tMs[0] : 0, t1Ms: n > 0 ? Math.max(series.tMs[n - 1], series.tMs[0] + 1) : 1 };
  const inner = width - 2 * margin;
  const strip: Box = { x: margin, y: 50, width: inner, height: 36 };
  const curve: Box = { x: margin, y: 100, width: inner, height: 140 };
  const bands: Box = { x: margin, y: 255, width: inner, height: 34 };
  const axis: Box = { x: margin, y: 300, width: inner, height: 20 };
  const brightness = new Float32Array(n);
  let top = 0;
  for (let i = 0; i < n; i++) {
    brightness[i] = Math.max(series.r[i], series.g[i], series.b[i]);
    top = Math.max(top, brightness[i]);
  }
  if (top > 0) for (let i = 0; i < n; i++) brightness[i] /= top;
  const d = classification.diagnosis;
  const body = [
    textSvg(margin, 24, options.title ?? 'status LED timeline', { fontSize: 15, color: '#ffffff' }),
    textSvg(margin, 42, `diagnosis: ${d.mode}${d.code !== null ? ` ${d.code}` : ''}${d.color ? ` (${d.color})` : ''} · ${Math.round(d.confidence * 100)}%`, { fontSize: 12 }),
    colourStripSvg(strip, range, { tMs: series.tMs, r: series.r, g: series.g, b: series.b, weight: brightness }, { minWeight: 0.25 }),
    `<rect x="${curve.x}" y="${curve.y}" width="${curve.width}" height="${curve.height}" fill="#111" stroke="#333"/>`,
    curveSvg(curve, range, series.tMs, brightness, { vMin: 0, vMax: 1.05 }),
    bandsSvg(
      bands,
      range,
      classification.timeline.map((s) => ({
        startMs: s.startS * 1000,
        endMs: s.endS * 1000,
        label: `${s.mode}${s.code !== null ? ` ${s.code}` : ''}`,
        color: s.mode === 'unknown' || !s.color ? '#444444' : BAND_COLOR[s.color],
      })),
      { fontSize: 12 },
    ),
    timeAxisSvg(axis, range),
  ].join('');
  return svgDocument(width, 340, body);
}

export async function timelinePng(series: LedSeries, classification: Classification, options: TimelinePngOptions = {}): Promise<Uint8Array> {
  return svgToPng(timelineSvg(series, classification, options));
}

export async function writeTimelinePng(file: string, series: LedSeries, classification: Classification, options: TimelinePngOptions = {}): Promise<void> {
  await writeSvgPng(timelineSvg(series, classification, options), file);
}
