/**
 * Drawing helpers for report images: build an SVG from a few general pieces (a colour strip, a
 * brightness curve, labelled bands, a time axis) and let sharp rasterise it. Each piece bins its
 * samples into pixel columns, so a ten-minute series costs the same SVG size as a ten-second one.
 */

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Time range drawn across a box's width. */
export interface TimeRange {
  t0Ms: number;
  t1Ms: number;
}

const SRGB_ENCODE = (v: number): number => {
  const c = v <= 0 ? 0 : v >= 1 ? 1 : v <= 0.0031308 ? 12.92 * v : 1.055 * Math.pow(v, 1 / 2.4) - 0.055;
  return Math.round(c * 255);
};

export function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);
}

/** Hex of a linear RGB colour's chromaticity at full brightness (largest channel → 255); dark → null. */
export function chromaHex(r: number, g: number, b: number): string | null {
  const m = Math.max(r, g, b);
  if (!(m > 0)) return null;
  const h = (v: number) => SRGB_ENCODE(v / m).toString(16).padStart(2, '0');
  return `#${h(r)}${h(g)}${h(b)}`;
}

function xOf(box: Box, range: TimeRange, tMs: number): number {
  const span = Math.max(1e-9, range.t1Ms - range.t0Ms);
  return box.x + ((tMs - range.t0Ms) / span) * box.width;
}

function column(box: Box, range: TimeRange, tMs: number): number {
  return Math.min(box.width - 1, Math.max(0, Math.floor(xOf(box, range, tMs) - box.x)));
}

export interface StripSeries {
  tMs: ArrayLike<number>;
  r: ArrayLike<number>;
  g: ArrayLike<number>;
  b: ArrayLike<number>;
  /** Weight of each sample's colour (its brightness); samples below `minWeight` leave the column dark. */
  weight: ArrayLike<number>;
}

/**
 * One column per pixel, coloured with the weighted mean chromaticity of the samples in it (a dark
 * column when the LED was off); runs of equal colour merge into one rect.
 */
export function colourStripSvg(box: Box, range: TimeRange, s: StripSeries, options: { minWeight?: number; dark?: string } = {}): string {
  const minWeight = options.minWeight ?? 0.15;
  const dark = options.dark ?? '#111111';
  const cols = Math.max(1, Math.round(box.width));
  const acc = new Float64Array(cols * 4);
  const maxW = new Float64Array(cols);
  for (let i = 0; i < s.tMs.length; i++) {
    const c = column(box, range, s.tMs[i]);
    const w = s.weight[i];
    maxW[c] = Math.max(maxW[c], w);
    if (!(w >= minWeight)) continue;
    const m = Math.max(s.r[i], s.g[i], s.b[i]);
    if (!(m > 0)) continue;
    acc[c * 4] += (s.r[i] / m) * w;
    acc[c * 4 + 1] += (s.g[i] / m) * w;
    acc[c * 4 + 2] += (s.b[i] / m) * w;
    acc[c * 4 + 3] += w;
  }
  const colours: string[] = [];
  let last = dark;
  for (let c = 0; c < cols; c++) {
    // a column with no sample repeats its neighbour (more columns than samples)
    if (acc[c * 4 + 3] > 0) last = chromaHex(acc[c * 4], acc[c * 4 + 1], acc[c * 4 + 2]) ?? dark;
    else if (maxW[c] > 0 || hasSample(s, box, range, c)) last = dark;
    colours.push(last);
  }
  const parts: string[] = [`<rect x="${box.x}" y="${box.y}" width="${box.width}" height="${box.height}" fill="${dark}"/>`];
  let start = 0;
  for (let c = 1; c <= cols; c++) {
    if (c < cols && colours[c] === colours[start]) continue;
    if (colours[start] !== dark) {
      parts.push(`<rect x="${(box.x + start).toFixed(1)}" y="${box.y}" width="${c - start}" height="${box.height}" fill="${colours[start]}"/>`);
    }
    start = c;
  }
  return parts.join('');
}

function hasSample(s: StripSeries, box: Box, range: TimeRange, c: number): boolean {
  // binary search for a sample falling in column c (tMs is sorted)
  let lo = 0, hi = s.tMs.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const cm = column(box, range, s.tMs[mid]);
    if (cm === c) return true;
    if (cm < c) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

/**
 * A value curve over time in `box` (value `vMin` at the bottom, `vMax` at the top). With more samples
 * than pixels, each column draws its min–max span so short blinks stay visible.
 */
export function curveSvg(
  box: Box,
  range: TimeRange,
  tMs: ArrayLike<number>,
  values: ArrayLike<number>,
  options: { vMin?: number; vMax?: number; stroke?: string; strokeWidth?: number } = {},
): string {
  const vMin = options.vMin ?? 0, vMax = options.vMax ?? 1;
  const stroke = options.stroke ?? '#e8e8e8';
  const sw = options.strokeWidth ?? 1.5;
  const yOf = (v: number) => box.y + box.height - ((Math.min(vMax, Math.max(vMin, v)) - vMin) / (vMax - vMin || 1)) * box.height;
  const n = tMs.length;
  if (n === 0) return '';
  let d: string;
  if (n <= box.width * 1.5) {
    d = 'M' + Array.from({ length: n }, (_, i) => `${xOf(box, range, tMs[i]).toFixed(1)},${yOf(values[i]).toFixed(1)}`).join('L');
  } else {
    const cols = Math.max(1, Math.round(box.width));
    const lo = new Float64Array(cols).fill(Infinity), hi = new Float64Array(cols).fill(-Infinity);
    for (let i = 0; i < n; i++) {
      const c = column(box, range, tMs[i]);
      lo[c] = Math.min(lo[c], values[i]);
      hi[c] = Math.max(hi[c], values[i]);
    }
    const seg: string[] = [];
    for (let c = 0; c < cols; c++) {
      if (lo[c] === Infinity) continue;
      const x = (box.x + c + 0.5).toFixed(1);
      seg.push(`${seg.length ? 'L' : 'M'}${x},${yOf(hi[c]).toFixed(1)}L${x},${yOf(lo[c]).toFixed(1)}`);
    }
    d = seg.join('');
  }
  return `<path d="${d}" fill="none" stroke="${stroke}" stroke-width="${sw}" stroke-linejoin="round"/>`;
}

export interface Band {
  startMs: number;
  endMs: number;
  label: string;
  /** Fill colour (CSS). */
  color: string;
}

/** Labelled time bands (e.g. timeline states) drawn side by side in `box`. */
export function bandsSvg(box: Box, range: TimeRange, bands: readonly Band[], options: { fontSize?: number; textColor?: string } = {}): string {
  const fs = options.fontSize ?? 12;
  const tc = options.textColor ?? '#ffffff';
  return bands
    .map((b) => {
      const x0 = Math.max(box.x, xOf(box, range, b.startMs));
      const x1 = Math.min(box.x + box.width, xOf(box, range, b.endMs));
      if (x1 <= x0) return '';
      const w = x1 - x0;
      const text =
        w >= fs * 0.6 * Math.min(b.label.length, 3)
          ? `<text x="${(x0 + 3).toFixed(1)}" y="${(box.y + box.height / 2 + fs * 0.35).toFixed(1)}" font-size="${fs}" fill="${tc}">${escapeXml(fitText(b.label, w, fs))}</text>`
          : '';
      return `<rect x="${x0.toFixed(1)}" y="${box.y}" width="${w.toFixed(1)}" height="${box.height}" fill="${b.color}" stroke="#000" stroke-width="0.5"/>${text}`;
    })
    .join('');
}

function fitText(label: string, widthPx: number, fontSize: number): string {
  const max = Math.floor((widthPx - 6) / (fontSize * 0.6));
  if (label.length <= max) return label;
  return max <= 1 ? '' : `${label.slice(0, max - 1)}…`;
}

/** A time axis along the top edge of `box`: ticks at a round step with labels in seconds. */
export function timeAxisSvg(box: Box, range: TimeRange, options: { fontSize?: number; color?: string } = {}): string {
  const fs = options.fontSize ?? 11;
  const color = options.color ?? '#bbbbbb';
  const spanS = Math.max(1e-3, (range.t1Ms - range.t0Ms) / 1000);
  const target = spanS / Math.max(2, box.width / 90);
  const steps = [0.1, 0.2, 0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 1800, 3600];
  const stepS = steps.find((s) => s >= target) ?? 3600;
  const parts = [`<line x1="${box.x}" y1="${box.y}" x2="${box.x + box.width}" y2="${box.y}" stroke="${color}"/>`];
  const first = Math.ceil(range.t0Ms / 1000 / stepS) * stepS;
  for (let s = first; s <= range.t1Ms / 1000 + 1e-9; s += stepS) {
    const x = xOf(box, range, s * 1000).toFixed(1);
    const label = stepS < 1 ? s.toFixed(1) : String(Math.round(s));
    parts.push(`<line x1="${x}" y1="${box.y}" x2="${x}" y2="${box.y + 5}" stroke="${color}"/>`);
    parts.push(`<text x="${x}" y="${box.y + 6 + fs}" font-size="${fs}" fill="${color}" text-anchor="middle">${label}s</text>`);
  }
  return parts.join('');
}

/** A text label. */
export function textSvg(x: number, y: number, text: string, options: { fontSize?: number; color?: string; anchor?: 'start' | 'middle' | 'end' } = {}): string {
  return `<text x="${x}" y="${y}" font-size="${options.fontSize ?? 12}" fill="${options.color ?? '#dddddd'}" text-anchor="${options.anchor ?? 'start'}">${escapeXml(text)}</text>`;
}

export function svgDocument(width: number, height: number, body: string, background = '#1b1b1b'): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="DejaVu Sans, Arial, sans-serif">` +
    `<rect width="100%" height="100%" fill="${background}"/>${body}</svg>`
  );
}

/** Rasterise an SVG document to PNG bytes. */
export async function svgToPng(svg: string): Promise<Uint8Array> {
  // loaded on first use: commands that never draw should not pay for the native module
  const { default: sharp } = await import('sharp');
  const buf = await sharp(Buffer.from(svg)).png({ compressionLevel: 9 }).toBuffer();
  return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
}

/** Rasterise an SVG document to a PNG file. */
export async function writeSvgPng(svg: string, file: string): Promise<void> {
  const { default: sharp } = await import('sharp');
  await sharp(Buffer.from(svg)).png({ compressionLevel: 9 }).toFile(file);
}
