/**
 * `ledscope trace CLIP [--csv|--json] [--png trace.png] [--roi x,y,w,h] [--at x,y]`: find the status
 * LED, follow it through the clip and print what it did, frame by frame.
 */
import type { Command } from 'commander';
import { BadInputError } from '../../errors.js';
import { extractFromFile, type ExtractFileResult } from '../../extract/from-file.js';
import { extractProgressLine } from '../progress.js';
import { parseLocateArgs } from '../../extract/parse-args.js';
import { writeTracePng } from '../../report/trace-png.js';
import { hueDeg, onColor } from '../../signal/measure.js';
import { samplesFromSeries } from '../../signal/series.js';
import type { LedSample } from '../../signal/types.js';
import { chromaHex } from '../../report/png.js';

export interface TraceOptions {
  csv?: boolean;
  json?: boolean;
  png?: string;
  roi?: string;
  at?: string;
}

export function register(program: Command): void {
  program
    .command('trace')
    .description('find the status LED and print its colour and brightness for every frame')
    .argument('<clip>', 'video file (or folder of images)')
    .option('--csv', 'print CSV: tMs,r,g,b,luma,clipped')
    .option('--json', 'print one JSON object with the LED and every sample')
    .option('--png <file>', 'also draw the trace (colour strip + brightness curve) to a PNG')
    .option('--roi <x,y,w,h>', 'search for the LED only inside this region (displayed pixels)')
    .option('--at <x,y>', 'the LED is at this point (displayed pixels); skip the search')
    .action(async (clip: string, options: TraceOptions) => {
      await runTrace(clip, options, (text) => process.stdout.write(text));
    });
}

function round(v: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}

export async function runTrace(clip: string, options: TraceOptions, write: (text: string) => void): Promise<ExtractFileResult> {
  if (options.csv && options.json) throw new BadInputError('--csv and --json both given: pick one output format');
  const { roi, at } = parseLocateArgs(options);
  const showProgress = !options.csv && !options.json && process.stderr.isTTY === true;
  const onProgress = showProgress ? extractProgressLine() : undefined;
  let result: ExtractFileResult;
  try {
    result = await extractFromFile(clip, { roi, at, onProgress });
  } finally {
    if (showProgress) process.stderr.write('\r\x1b[K');
  }
  const samples = samplesFromSeries(result.series);

  if (options.png) {
    await writeTracePng(options.png, result.series, {
      title: `${result.file} — status LED`,
      subtitle: `LED at (${result.led.x.toFixed(1)}, ${result.led.y.toFixed(1)}) r ${result.led.radius.toFixed(1)} px · ${samples.length} frames · ${result.series.fps.toFixed(2)} fps measured`,
    });
  }

  if (options.json) write(`${JSON.stringify(traceJson(result, samples))}\n`);
  else if (options.csv) write(traceCsv(samples));
  else write(traceText(result, samples, options.png));
  return result;
}

export function traceJson(result: ExtractFileResult, samples: LedSample[]) {
  const { info, led, series } = result;
  return {
    file: result.file,
    video: { width: info.width, height: info.height, fps: round(info.fps, 3), durationS: round(info.durationS, 3), frames: info.frames },
    led: { x: round(led.x, 1), y: round(led.y, 1), radius: round(led.radius, 1) },
    fps: round(series.fps, 3),
    frameIntervalJitterMs: round(series.frameIntervalJitterMs, 2),
    samples: samples.map((s) => ({
      tMs: round(s.tMs, 2),
      r: round(s.r, 4),
      g: round(s.g, 4),
      b: round(s.b, 4),
      luma: round(s.luma, 4),
      clipped: s.clipped,
    })),
  };
}

export function traceCsv(samples: LedSample[]): string {
  const lines = ['tMs,r,g,b,luma,clipped'];
  for (const s of samples) {
    lines.push(`${round(s.tMs, 2)},${round(s.r, 4)},${round(s.g, 4)},${round(s.b, 4)},${round(s.luma, 4)},${s.clipped ? 1 : 0}`);
  }
  return `${lines.join('\n')}\n`;
}

function traceText(result: ExtractFileResult, samples: LedSample[], png?: string): string {
  const { info, led, series, stats } = result;
  const lit = samples.filter((s) => s.luma >= 0.5).length;
  const clipped = samples.filter((s) => s.clipped).length;
  const pct = (k: number) => `${samples.length ? Math.round((100 * k) / samples.length) : 0}%`;
  const on = onColor(samples);
  const hue = on ? hueDeg(on.r, on.g, on.b) : null;
  const out: string[] = [];
  out.push(`${result.file}: ${info.width}x${info.height}, ${info.fps.toFixed(2)} fps nominal, ${info.durationS.toFixed(1)} s`);
  out.push(
    `LED at (${led.x.toFixed(1)}, ${led.y.toFixed(1)}), radius ${led.radius.toFixed(1)} px (${led.method}${led.method === 'at' ? '' : `, score ${led.score.toFixed(2)}`}; shake ${stats.shakePx.toFixed(1)} px)`,
  );
  out.push(
    `${samples.length} frames, measured ${series.fps.toFixed(2)} fps, interval jitter ${series.frameIntervalJitterMs.toFixed(1)} ms; lit ${pct(lit)}, clipped ${pct(clipped)}`,
  );
  out.push(on ? `ON colour ${chromaHex(on.r, on.g, on.b)}${hue === null ? ' (no hue: white/grey)' : ` (hue ${Math.round(hue)}°)`}` : 'the LED was never clearly on');
  for (const note of result.notes) out.push(`note: ${note}`);
  out.push('');
  out.push('   tMs       r       g       b    luma  clipped');
  const show = samples.length <= 12 ? samples : [...samples.slice(0, 8), null, ...samples.slice(-3)];
  for (const s of show) {
    if (!s) {
      out.push(`   … ${samples.length - 11} more (use --csv or --json for all)`);
      continue;
    }
    out.push(
      `${s.tMs.toFixed(0).padStart(6)}  ${s.r.toFixed(3).padStart(6)}  ${s.g.toFixed(3).padStart(6)}  ${s.b.toFixed(3).padStart(6)}  ${s.luma.toFixed(3).padStart(6)}  ${s.clipped ? 'yes' : ''}`,
    );
  }
  if (png) out.push('', `wrote ${png}`);
  return `${out.join('\n')}\n`;
}

