/**
 * `ledscope diagnose CLIP [--device D] [--roi x,y,w,h] [--at x,y] [--json] [--timeline out.png]
 * [--theme FILE]`: find the status LED, classify what it did against the catalog, and say what it
 * means. Exit 0 diagnosed (the mode may be `unknown`), 2 bad input, 3 no LED found (with --json, the
 * object still goes to stdout: `led: null` and the dark LED's `off`, at 0.5).
 */
import type { Command } from 'commander';
import type { Classification } from '../../classify/types.js';
import { diagnoseFile, noLedDiagnosisJson, prepareDiagnosis } from '../../diagnose/diagnose-file.js';
import { BadInputError, NoLedError } from '../../errors.js';
import { extractProgressLine } from '../progress.js';
import { renderCard } from '../../report/card.js';
import type { DiagnosisJson } from '../../report/diagnosis-json.js';
import { writeTimelinePng } from '../../report/timeline-png.js';

export interface DiagnoseOptions {
  device?: string;
  roi?: string;
  at?: string;
  json?: boolean;
  timeline?: string;
  theme?: string;
}

export function register(program: Command): void {
  program
    .command('diagnose')
    .description('watch the status LED in a clip and say what the device is telling you')
    .argument('<clip>', 'video file (or folder of images)')
    .option('--device <device>', 'photon, electron, argon, boron, xenon or tracker-som (picks the LED scheme and the wording)')
    .option('--roi <x,y,w,h>', 'search for the LED only inside this region (displayed pixels)')
    .option('--at <x,y>', 'the LED is at this point (displayed pixels); skip the search')
    .option('--json', 'print one JSON object (the stable contract) instead of the card')
    .option('--timeline <file>', 'also draw the colour strip, brightness and states to a PNG')
    .option('--theme <file>', 'the device runs a custom LED theme (JSON: signal → { color, pattern, speed })')
    .action(async (clip: string, options: DiagnoseOptions) => {
      await runDiagnose(clip, options, (text) => process.stdout.write(text));
    });
}

export interface DiagnoseResult {
  json: DiagnosisJson;
  classification: Classification;
}

/** The command's work: check the flags, diagnose the clip (src/diagnose), print the card or the JSON. */
export async function runDiagnose(clip: string, options: DiagnoseOptions, write: (text: string) => void): Promise<DiagnoseResult> {
  // check every argument before the (slow) decoding starts
  const prepared = prepareDiagnosis(options);
  if (options.timeline !== undefined && !/\.png$/i.test(options.timeline)) {
    throw new BadInputError(`--timeline ${options.timeline}: the timeline is drawn as PNG; give a file name ending in .png`);
  }

  const showProgress = !options.json && process.stderr.isTTY === true;
  const onProgress = showProgress ? extractProgressLine() : undefined;
  let result;
  try {
    result = await diagnoseFile(clip, prepared, { onProgress });
  } catch (error) {
    // exit 3 stands; with --json the contract's object (led null, `off`, never sure) goes to stdout too
    const dark = options.json && error instanceof NoLedError ? noLedDiagnosisJson(clip, prepared, error) : null;
    if (dark) write(`${JSON.stringify(dark)}\n`);
    throw error;
  } finally {
    if (showProgress) process.stderr.write('\r\x1b[K');
  }
  const { json, classification, series, file, notes } = result;
  if (options.timeline) {
    await writeTimelinePng(options.timeline, series, classification, { title: `${file} — status LED timeline` });
  }
  if (options.json) {
    write(`${JSON.stringify(json)}\n`);
  } else {
    write(
      renderCard({
        file,
        device: prepared.device,
        classification,
        catalog: prepared.catalog,
        video: json.video,
        led: json.led,
        color: process.stdout.isTTY === true,
        notes: [...notes, ...(options.timeline ? [`wrote ${options.timeline}`] : [])],
      }),
    );
  }
  return { json, classification };
}
