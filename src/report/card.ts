/**
 * The text card `diagnose` prints: a colour swatch, the state's name, what it means for this
 * device, what to do, and the evidence behind it. ANSI truecolor only when the caller says the
 * output is a terminal. Pure (returns a string).
 */
import { codeLabel, findMode, type Catalog } from '../catalog/index.js';
import type { CatalogModeId, ColorName, DeviceId } from '../catalog/types.js';
import type { Classification, StateSpan } from '../classify/types.js';
import { explain } from './diagnosis-json.js';

export interface CardInput {
  file: string;
  device?: DeviceId;
  classification: Classification;
  catalog: Catalog;
  video?: { width: number; height: number; fps: number; durationS: number; frames: number };
  led?: { x: number; y: number; radius: number } | null;
  /** Colour output (ANSI truecolor): only when stdout is a TTY. */
  color?: boolean;
  notes?: string[];
}

/** Screen colours of the contract colour names (sRGB). */
const SWATCH: Record<ColorName, [number, number, number]> = {
  red: [255, 0, 0],
  orange: [255, 140, 0],
  yellow: [255, 230, 0],
  green: [0, 220, 0],
  cyan: [0, 230, 230],
  blue: [40, 80, 255],
  magenta: [255, 0, 255],
  white: [255, 255, 255],
};

function swatch(color: ColorName | null, ansi: boolean): string {
  if (!color) return ansi ? '\x1b[48;2;60;60;60m    \x1b[0m' : '[    ]';
  if (!ansi) return `[${color}]`;
  const [r, g, b] = SWATCH[color];
  return `\x1b[48;2;${r};${g};${b}m    \x1b[0m`;
}

function bold(text: string, ansi: boolean): string {
  return ansi ? `\x1b[1m${text}\x1b[0m` : text;
}

function stateName(s: { mode: string; code: number | null; color: ColorName | null }, catalog: Catalog): string {
  if (s.mode === 'unknown') return 'unknown';
  const entry = findMode(s.mode as CatalogModeId, catalog);
  const name = entry?.name ?? s.mode;
  const code = s.code !== null ? ` ${codeLabel(s.mode, s.code, catalog)}` : '';
  const color = s.color && entry && (entry.colorParam || entry.colors.length > 1) ? ` (${s.color})` : '';
  return `${name}${code}${color} [${s.mode}]`;
}

function wrap(text: string, width: number, indent: string): string {
  const words = text.split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let line = '';
  for (const w of words) {
    if (line && line.length + 1 + w.length > width) {
      lines.push(line);
      line = w;
    } else line = line ? `${line} ${w}` : w;
  }
  if (line) lines.push(line);
  return lines.map((l) => indent + l).join('\n');
}

function evidenceLines(span: StateSpan | undefined, classification: Classification): string[] {
  const out: string[] = [];
  if (!span) return out;
  const e = span.evidence;
  const parts: string[] = [];
  if (e.periodMs !== null) parts.push(`period ${Math.round(e.periodMs)} ms`);
  if (e.duty !== null) parts.push(`duty ${Math.round(e.duty * 100)}%`);
  parts.push(`${Math.round(e.rampFraction * 100)}% of the time at intermediate brightness (${e.rampFraction > 0.3 ? 'fading' : 'switching'})`);
  parts.push(`${e.onCount} ON run${e.onCount === 1 ? '' : 's'}`);
  if (e.colors.length > 0) parts.push(`colours seen: ${e.colors.join(', ')}`);
  out.push(parts.join(' · '));
  out.push(
    `${e.frames} frames at ${e.fps.toFixed(1)} fps · ${span.startS.toFixed(1)}–${span.endS.toFixed(1)} s · pattern ${e.variant ?? '—'} · explained ${Math.round(e.explained * 100)}% · confidence ${Math.round(span.confidence * 100)}%`,
  );
  for (const n of e.notes) out.push(`note: ${n}`);
  const alts = classification.diagnosis.alternatives ?? span.alternatives ?? [];
  if (alts.length > 0) out.push(`could also be: ${alts.map((a) => `${a.mode}${a.code !== null ? ` ${a.code}` : ''}${a.color ? ` ${a.color}` : ''} (${Math.round(a.score * 100)}%)`).join(', ')}`);
  return out;
}

export function renderCard(input: CardInput): string {
  const ansi = input.color === true;
  const { classification, catalog } = input;
  const d = classification.diagnosis;
  const span = d.spanIndex >= 0 ? classification.timeline[d.spanIndex] : undefined;
  const { meaning, advice } = explain(d.mode, d.code, catalog, input.device);
  const out: string[] = [];
  const header = `${swatch(d.color, ansi)}  ${bold(stateName(d, catalog), ansi)}  ${Math.round(d.confidence * 100)}% confident`;
  out.push(header);
  const ctx: string[] = [input.file];
  if (input.device) ctx.push(`device ${input.device}`);
  if (input.video) ctx.push(`${input.video.width}x${input.video.height}, ${input.video.durationS.toFixed(1)} s`);
  if (input.led) ctx.push(`LED at (${input.led.x.toFixed(0)}, ${input.led.y.toFixed(0)}) r ${input.led.radius.toFixed(1)} px`);
  out.push(`   ${ctx.join(' · ')}`);
  if (d.reason === 'fault') out.push('   (a fault seen in the clip outranks what came after it)');
  else if (d.reason === 'event') out.push('   (an event someone triggered; the background state is in the timeline)');
  out.push('');
  out.push(bold('What it means', ansi));
  out.push(wrap(meaning, 76, '   '));
  out.push('');
  out.push(bold('What to do', ansi));
  out.push(wrap(advice, 76, '   '));
  out.push('');
  out.push(bold('Evidence', ansi));
  const ev = evidenceLines(span, classification);
  if (ev.length === 0 && d.notes) ev.push(...d.notes);
  for (const line of ev) out.push(wrap(line, 76, '   '));
  if (classification.timeline.length > 1) {
    out.push('');
    out.push(bold('Timeline', ansi));
    classification.timeline.forEach((s, k) => {
      const mark = k === d.spanIndex ? '→' : ' ';
      out.push(`  ${mark} ${s.startS.toFixed(1).padStart(5)}–${s.endS.toFixed(1).padEnd(5)} ${swatch(s.color, ansi)} ${stateName(s, catalog)} ${Math.round(s.confidence * 100)}%`);
    });
  }
  for (const n of input.notes ?? []) out.push(`note: ${n}`);
  return `${out.join('\n')}\n`;
}
