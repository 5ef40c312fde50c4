/**
 * Batch throughput: the same fixture clips through the built CLI (`dist/`) with --jobs 1 and
 * --jobs 2 (or any list), runs of one repeat back to back so they see similar machine load.
 * Reports files/s, clip-seconds per wall-second, CPU seconds per clip (the CLI, its workers and
 * their ffmpeg) and how many cores were busy, then the speed-up of each jobs count over the first.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ceiling, childrenCpuS, loadText, root } from './measure.mjs';

const cli = join(root, 'dist/cli/main.js');

/** The same clips every time: the first `count` `mode-*` fixtures in name order (6 s 640x360 clips). */
export function fixtureClips(count) {
  return readdirSync(join(root, 'fixtures'))
    .filter((f) => /^mode-.*\.mp4$/.test(f))
    .sort()
    .slice(0, count)
    .map((f) => join(root, 'fixtures', f));
}

/**
 * @param {{ files?: number, repeat?: number, jobsList?: number[], ffmpegThreads?: number, calibrate?: boolean,
 *           log?: (line: string) => void }} options
 *   ffmpegThreads: run ffmpeg through a wrapper that adds `-threads N` before its input (via
 *   LEDSCOPE_FFMPEG), to see what capping the decoder's threads does whatever batch itself chooses.
 * @returns {Promise<{ clips: number, rows: Map<number, object[]>, speedups: object[], ceilings: number[] }>}
 */
export async function measureBatch({ files = 16, repeat = 1, jobsList = [1, 2], ffmpegThreads, calibrate = true, log = console.log } = {}) {
  if (!existsSync(cli)) throw new Error('dist/cli/main.js is missing: run `npm run build` first');
  const clips = fixtureClips(files);
  const work = mkdtempSync(join(tmpdir(), 'ledscope-bench-batch-'));
  const env = { ...process.env };
  if (ffmpegThreads !== undefined) {
    const real = process.env.LEDSCOPE_FFMPEG ?? join(root, 'node_modules/@ffmpeg-installer/linux-x64/ffmpeg');
    const wrapper = join(work, 'ffmpeg');
    // only a decode (`-i` given) gets the cap; the capability checks (-version, -formats) pass untouched
    writeFileSync(wrapper, `#!/bin/sh\ncase " $* " in *" -i "*) exec "${real}" -threads ${Number(ffmpegThreads)} "$@";; esac\nexec "${real}" "$@"\n`);
    chmodSync(wrapper, 0o755);
    env.LEDSCOPE_FFMPEG = wrapper;
  }

  const rows = new Map();
  const ceilings = [];
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
          throw new Error(`batch --jobs ${jobs} exited ${run.status}: ${run.stderr.trim().split('\n').pop()}`);
        }
        const summary = JSON.parse(run.stdout);
        if (summary.error > 0) log(`  note: ${summary.error} clip(s) ended in error (${summary.problems.find((p) => p.status === 'error')?.message})`);
        const row = { jobs, wallS, filesPerS: clips.length / wallS, clipSPerWallS: summary.run.clipS / wallS, cpuS, cpuPerClipS: cpuS / clips.length, coresBusy: cpuS / wallS, load: loadText() };
        log(
          `  jobs ${jobs}: ${row.wallS.toFixed(2)} s wall (whole command), ${row.filesPerS.toFixed(3)} files/s, ${row.clipSPerWallS.toFixed(2)} clip-s per wall-s, ` +
            `${row.cpuPerClipS.toFixed(2)} CPU-s per clip, ${row.coresBusy.toFixed(2)} cores busy; ${row.load}`,
        );
        rows.set(jobs, [...(rows.get(jobs) ?? []), row]);
      }
      if (calibrate) {
        // right after the runs it qualifies, so it saw the same neighbours
        ceilings.push(await ceiling(2));
        log(`  ceiling (same busy loop, 2 processes vs 1): ${ceilings.at(-1).toFixed(2)}×; ${loadText()}`);
      }
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }

  const base = jobsList[0];
  const best = (jobs) => Math.max(...rows.get(jobs).map((r) => r.filesPerS));
  const cpuPerClip = (jobs) => rows.get(jobs).reduce((sum, r) => sum + r.cpuS, 0) / (rows.get(jobs).length * clips.length);
  const speedups = jobsList.slice(1).map((jobs) => {
    const paired = rows.get(jobs).map((r, i) => r.filesPerS / rows.get(base)[i].filesPerS);
    const s = { jobs, base, best: best(jobs) / best(base), paired, cpuPerClipBase: cpuPerClip(base), cpuPerClip: cpuPerClip(jobs) };
    // a 2-job speed-up over the machine's 2-process ceiling of the same moment: batch's own share
    const ofCeiling = jobs === 2 && base === 1 && ceilings.length === paired.length ? paired.map((p, i) => p / ceilings[i]) : [];
    log(
      `  speed-up jobs ${jobs} / jobs ${base}: ${s.best.toFixed(2)}× (best of ${repeat} each); per repeat ${paired.map((p) => `${p.toFixed(2)}×`).join(' ')}` +
        `${ofCeiling.length ? ` (of the ceiling: ${ofCeiling.map((p) => `${(100 * p).toFixed(0)}%`).join(' ')})` : ''}; ` +
        `CPU-s per clip ${s.cpuPerClipBase.toFixed(2)} → ${s.cpuPerClip.toFixed(2)}`,
    );
    return s;
  });
  return { clips: clips.length, rows, speedups, ceilings };
}
