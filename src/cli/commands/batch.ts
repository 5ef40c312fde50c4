/**
 * `ledscope batch DIR_OR_GLOB_OR_FILES… [--device D] [--expect MODE[:CODE]] [--expect-sequence a,b,c]
 * [--within S] [--jobs N] [--out results.jsonl] [--report FILE]… [--resume] [--shard K/N] [--json]`:
 * diagnose every recording of a test station, one JSON line per clip, and list what failed.
 * The work is in src/batch/run.ts; this file wires flags and signals.
 */
import type { Command } from 'commander';
import { runBatch, DEFAULT_OUT, type BatchOptions } from '../../batch/run.js';

const collect = (value: string, previous: string[] = []): string[] => [
  ...previous,
  ...value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean),
];

export function register(program: Command): void {
  program
    .command('batch')
    .description('diagnose every clip of a folder, glob or list (e.g. a day of factory test recordings) and list the failures')
    .argument('<inputs...>', 'folders (searched recursively for .mp4 .mov .m4v .webm .mkv .avi), quoted globs, or video files')
    .option('--device <device>', 'photon, electron, argon, boron, xenon or tracker-som (for every clip)')
    .option('--expect <mode[:code]>', 'each clip must end up diagnosed as this mode (and code, or colour), e.g. connected, sos:8')
    .option('--expect-sequence <modes>', 'each clip must show these states in this order, e.g. connecting-cloud,connected')
    .option('--within <seconds>', 'and reach the last of them (or the --expect state) this soon after the clip starts')
    .option('--jobs <n>', 'clips analysed at once, one worker process each (default: number of cores)')
    .option('--out <file>', `results, one JSON line per clip, fsync'ed as each finishes (default: ./${DEFAULT_OUT}, or ./ledscope-results.shard-K-of-N.jsonl with --shard)`)
    .option('--report <files>', 'write reports at the end: .csv, .xml (JUnit) or .json (summary); repeat or comma-separate', collect)
    .option('--resume', 'continue an interrupted run: skip clips that already have a result in --out')
    .option('--shard <K/N>', 'take only this machine\'s share (K of N) of the clips; shards never overlap')
    .option('--timeout <seconds>', 'give up on one clip after this long (0: never)', '600')
    .option('--roi <x,y,w,h>', 'the LED is inside this region in every clip (fixed test station)')
    .option('--at <x,y>', 'the LED is at this point in every clip (fixed test station); skip the search')
    .option('--theme <file>', 'the devices run a custom LED theme (JSON)')
    .option('--json', 'print the summary as one JSON object on stdout; no progress bar')
    .action(async (inputs: string[], options: BatchOptions) => {
      const controller = new AbortController();
      const onSignal = (signal: NodeJS.Signals): void => controller.abort(signal);
      process.once('SIGINT', onSignal);
      process.once('SIGTERM', onSignal);
      try {
        const result = await runBatch(inputs, options, {
          stdout: (text) => process.stdout.write(text),
          stderr: process.stderr,
          signal: controller.signal,
        });
        process.exitCode = result.exitCode;
      } finally {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
      }
    });
}
