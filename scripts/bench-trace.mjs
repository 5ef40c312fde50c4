#!/usr/bin/env node
/**
 * Speed and memory of the full trace pipeline (search at reduced size, full-res crop tracking,
 * measurement) against ffmpeg's own decode-and-discard of the same clip, measured in the same run.
 * Clips (made once, cached under .cache/bench-trace/): a 30 s 1920x1080 30 fps H.264 board clip from
 * the synth renderer, and a 10-minute one made from it with ffmpeg -stream_loop (stream copy).
 * Peak RSS is the trace process's own (ffmpeg runs as a separate process and is listed apart).
 *
 *   npm run build && node scripts/bench-trace.mjs [--skip-long]
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { benchClips, ffmpegBinary } from './lib/bench-clips.mjs';
import { root } from './lib/measure.mjs';

const ffmpeg = (await ffmpegBinary()).path;
const skipLong = process.argv.includes('--skip-long');
const { short, long } = await benchClips({ long: !skipLong });

/**
 * Wall time, CPU time (user + sys, including the children it waited for: ffmpeg under node) and
 * peak RSS (KB) of a command, via GNU time. CPU time is the figure that survives a busy machine.
 */
function timed(cmd, args) {
  const t0 = performance.now();
  const r = spawnSync('/usr/bin/time', ['-f', '%U %S %M', cmd, ...args], { encoding: 'utf8', maxBuffer: 1 << 30 });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr.split('\n').slice(-3).join(' ')}`);
  const lines = r.stderr.trim().split('\n');
  const [user, sys, rss] = lines[lines.length - 1].split(' ').map(Number);
  return { ms, cpuMs: (user + sys) * 1000, rssKb: rss, stdout: r.stdout };
}

/** The trace pipeline in a fresh node process: wall time, and that process's own peak RSS. */
function runTrace(clip) {
  const code = `
    import { extractFromFile } from ${JSON.stringify(join(root, 'dist/extract/from-file.js'))};
    const r = await extractFromFile(${JSON.stringify(clip)});
    const u = process.resourceUsage();
    process.stdout.write(JSON.stringify({ frames: r.series.tMs.length, led: r.led, restarts: r.stats.restarts, rssKb: u.maxRSS, nodeCpuMs: (u.userCPUTime + u.systemCPUTime) / 1000, searchFrames: r.stats.searchFrames, crop: r.stats.crop }));
  `;
  const r = timed(process.execPath, ['--input-type=module', '-e', code]);
  return { ms: r.ms, cpuMs: r.cpuMs, ...JSON.parse(r.stdout) };
}

function bench(clip, label) {
  const decode = timed(ffmpeg, ['-hide_banner', '-loglevel', 'error', '-i', clip, '-f', 'null', '-']);
  const trace = runTrace(clip);
  const ratio = trace.ms / decode.ms;
  process.stdout.write(
    `${label}: ${trace.frames} frames, LED at (${trace.led.x.toFixed(1)}, ${trace.led.y.toFixed(1)}), crop restarts ${trace.restarts}\n` +
      `  ffmpeg -i clip -f null -   ${(decode.ms / 1000).toFixed(2)} s   (ffmpeg peak RSS ${(decode.rssKb / 1024).toFixed(0)} MB)\n` +
      `  trace pipeline             ${(trace.ms / 1000).toFixed(2)} s   ratio ${ratio.toFixed(2)}x (target <= 1.15x)\n` +
      `  CPU (user+sys) ffmpeg ${(decode.cpuMs / 1000).toFixed(2)} s, trace incl. its ffmpeg ${(trace.cpuMs / 1000).toFixed(2)} s   ratio ${(trace.cpuMs / decode.cpuMs).toFixed(2)}x\n` +
      `    of which node itself ${(trace.nodeCpuMs / 1000).toFixed(2)} s (search ${trace.searchFrames} frames, crop ${trace.crop.width}x${trace.crop.height}), its ffmpeg runs ${((trace.cpuMs - trace.nodeCpuMs) / 1000).toFixed(2)} s\n` +
      `  trace process peak RSS     ${(trace.rssKb / 1024).toFixed(0)} MB (target <= 250 MB, flat with length; ffmpeg apart)\n`,
  );
  return { ratio, rssMb: trace.rssKb / 1024 };
}

const a = bench(short, '30 s 1080p30');
if (!skipLong) {
  const b = bench(long, '10 min 1080p30');
  process.stdout.write(`RSS growth 30 s → 10 min: ${(b.rssMb - a.rssMb).toFixed(0)} MB\n`);
}
