#!/usr/bin/env node
/**
 * Batch throughput: run the same fixture clips through the built CLI (`dist/`) with --jobs 1 and
 * --jobs 2 (or --jobs-list), and print files/s, clip-seconds per wall-second and the speed-up.
 * The measuring is in scripts/lib/batch-throughput.mjs (`npm run bench` calls it too).
 *
 *   npm run build && node scripts/bench-batch.mjs [--files 16] [--repeat 1] [--jobs-list 1,2]
 *       [--ffmpeg-threads N] [--no-calibrate]
 *
 * --ffmpeg-threads N runs ffmpeg through a small wrapper that adds `-threads N` before its input
 * (via LEDSCOPE_FFMPEG), to measure capping the decoder's threads in every job count (batch itself
 * already gives its workers one decoder thread when they fill every core).
 * The load average is printed beside every run: other work on the machine skews the ratio. So the
 * bench also measures the ceiling: a pure-JS busy loop run as 1 process and as 2 at once. On an idle
 * 2-core machine that ceiling is ~2×; on a loaded (or SMT-shared) one it is lower, and batch's
 * speed-up divided by it is the part batch itself is responsible for.
 */
import { availableParallelism } from 'node:os';
import { measureBatch } from './lib/batch-throughput.mjs';
import { loadText } from './lib/measure.mjs';

const args = process.argv.slice(2);
const flag = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : fallback;
};
const files = Number(flag('--files', '16'));
const repeat = Number(flag('--repeat', '1'));
const jobsList = flag('--jobs-list', '1,2').split(',').map(Number);
const threads = flag('--ffmpeg-threads', undefined);
const ffmpegThreads = threads === undefined ? undefined : Number(threads);

console.log(
  `bench-batch: ${files} clips × ${repeat} repeat(s), jobs ${jobsList.join(' vs ')}, ${availableParallelism()} cores` +
    `${ffmpegThreads !== undefined ? `, ffmpeg -threads ${ffmpegThreads}` : ''}, ${loadText()}`,
);
try {
  await measureBatch({ files, repeat, jobsList, ffmpegThreads, calibrate: !args.includes('--no-calibrate') });
} catch (error) {
  console.error(`bench-batch: ${error.message}`);
  process.exit(1);
}
