#!/usr/bin/env node
/**
 * Batch throughput: run the same fixture clips through the built CLI (`dist/`) with --jobs 1 and
 * --jobs 2 (or --jobs-list), and print files/s, clip-seconds per wall-second and the speed-up.
 *
 *   npm run build && node scripts/bench-batch.mjs [--files 16] [--repeat 1] [--jobs-list 1,2]
 *       [--ffmpeg-threads N]
 *
 * --ffmpeg-threads N runs ffmpeg through a small wrapper that adds `-threads N` before its input
 * (via LEDSCOPE_FFMPEG), to measure whether capping the decoder's own threads helps parallel jobs.
 * The machine's load average is printed too: other work on the machine skews the ratio. So the
 * bench also measures the ceiling: a pure-JS busy loop run as 1 process and as 2 at once (skip with
 * --no-calibrate). On an idle 2-core machine that ceiling is ~2×; on a loaded (or SMT-shared) one it
 * is lower, and batch's speed-up divided by it is the part batch itself is responsible for.
 */
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { loadavg, tmpdir, availableParallelism } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'dist/cli/main.js');
if (!existsSync(cli)) {
  console.error('dist/cli/main.js is missing: run `npm run build` first');
  process.exit(2);
}

const args = process.argv.slice(2);
const flag = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : fallback;
};
const fileCount = Number(flag('--files', '16'));
const repeat = Number(flag('--repeat', '1'));
const jobsList = flag('--jobs-list', '1,2').split(',').map(Number);
const ffmpegThreads = flag('--ffmpeg-threads', undefined);
const calibrate = !args.includes('--no-calibrate');

/** Wall seconds for `count` processes each spinning the same fixed amount of arithmetic, at once. */
async function busyLoops(count) {
  const code = 'let x = 0; for (let i = 0; i < 4e8; i++) x += Math.sqrt(i); if (x < 0) console.log(x);';
  const started = performance.now();
  await Promise.all(
    Array.from({ length: count }, () => new Promise((resolve) => spawn(process.execPath, ['-e', code], { stdio: 'ignore' }).on('close', resolve))),
  );
  return (performance.now() - started) / 1000;
}

// The same clips every time: the first N `mode-*` fixtures in name order (short 640x360 clips).
const clips = readdirSync(join(root, 'fixtures'))
  .filter((f) => /^mode-.*\.mp4$/.test(f))
  .sort()
  .slice(0, fileCount)
  .map((f) => join(root, 'fixtures', f));

const work = mkdtempSync(join(tmpdir(), 'ledscope-bench-batch-'));
const env = { ...process.env };
if (ffmpegThreads !== undefined) {
  const bundled = join(root, 'node_modules/@ffmpeg-installer/linux-x64/ffmpeg');
  const real = process.env.LEDSCOPE_FFMPEG ?? bundled;
  const wrapper = join(work, 'ffmpeg');
  // `-version` (the capability check) must pass through untouched
  writeFileSync(wrapper, `#!/bin/sh\nif [ "$1" = "-version" ]; then exec "${real}" "$@"; fi\nexec "${real}" -threads ${Number(ffmpegThreads)} "$@"\n`);
  chmodSync(wrapper, 0o755);
  env.LEDSCOPE_FFMPEG = wrapper;
}

console.log(
  `bench-batch: ${clips.length} clips × ${repeat} repeat(s), jobs ${jobsList.join(' vs ')}, ${availableParallelism()} cores` +
    `${ffmpegThreads !== undefined ? `, ffmpeg -threads ${ffmpegThreads}` : ''}, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`,
);

/**
 * CPU seconds of every finished descendant (the CLI, its workers, their ffmpeg): Linux's cutime +
 * cstime of this process, which the kernel credits once each child has been waited for. Lets us
 * see whether parallel jobs cost more CPU per clip, apart from what other load does to wall time.
 */
const ticksPerS = 100;
function childrenCpuS() {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[13]) + Number(fields[14])) / ticksPerS; // cutime, cstime (fields 16, 17)
  } catch {
    return NaN;
  }
}

const results = new Map();
try {
  for (let r = 0; r < repeat; r++) {
    for (const jobs of jobsList) {
      const out = join(work, `run-${r}-${jobs}.jsonl`);
      const started = performance.now();
      const cpuBefore = childrenCpuS();
      const run = spawnSync(process.execPath, [cli, 'batch', ...clips, '--jobs', String(jobs), '--out', out, '--json'], {
        env,
        encoding: 'utf8',
        maxBuffer: 64 << 20,
      });
      const wallS = (performance.now() - started) / 1000;
      const cpuS = childrenCpuS() - cpuBefore;
      if (run.status !== 0 && run.status !== 1) {
        console.error(`batch --jobs ${jobs} exited ${run.status}: ${run.stderr.trim().split('\n').pop()}`);
        process.exit(1);
      }
      const summary = JSON.parse(run.stdout);
      if (summary.error > 0) console.warn(`  note: ${summary.error} clip(s) ended in error (${summary.problems.find((p) => p.status === 'error')?.message})`);
      const row = {
        jobs,
        wallS,
        filesPerS: clips.length / wallS,
        clipSPerWallS: summary.run.clipS / wallS,
        cpuS,
      };
      console.log(
        `  jobs ${jobs}: ${row.wallS.toFixed(2)} s wall (whole command), ${row.filesPerS.toFixed(3)} files/s, ${row.clipSPerWallS.toFixed(2)} clip-s per wall-s, ${(row.cpuS / clips.length).toFixed(2)} CPU-s per clip, ${(row.cpuS / row.wallS).toFixed(2)} cores busy; load ${loadavg()[0].toFixed(2)}`,
      );
      const list = results.get(jobs) ?? [];
      list.push(row);
      results.set(jobs, list);
    }
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

if (calibrate) {
  const ratios = [];
  for (let r = 0; r < repeat; r++) {
    const one = await busyLoops(1);
    const two = await busyLoops(2);
    ratios.push((2 * one) / two);
  }
  console.log(`ceiling (same busy loop, 2 processes vs 1): ${ratios.map((x) => `${x.toFixed(2)}×`).join(' ')}`);
}

const best = (jobs) => Math.max(...results.get(jobs).map((r) => r.filesPerS));
const cpuPerClip = (jobs) => results.get(jobs).reduce((sum, r) => sum + r.cpuS, 0) / (results.get(jobs).length * clips.length);
const base = jobsList[0];
for (const jobs of jobsList.slice(1)) {
  // runs of one repeat follow each other, so they saw similar machine load
  const paired = results.get(jobs).map((r, i) => r.filesPerS / results.get(base)[i].filesPerS);
  console.log(
    `speed-up jobs ${jobs} / jobs ${base}: ${(best(jobs) / best(base)).toFixed(2)}× (best of ${repeat}); per repeat ${paired.map((p) => `${p.toFixed(2)}×`).join(' ')}; ` +
      `CPU-s per clip ${cpuPerClip(base).toFixed(2)} → ${cpuPerClip(jobs).toFixed(2)}`,
  );
}
