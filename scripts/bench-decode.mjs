#!/usr/bin/env node
/**
 * How fast frames come out of the video source, against ffmpeg's own decode-and-discard time.
 * Uses dist/ (run `npm run build` first). The 30 s 1920x1080 30 fps H.264 clip is made once and
 * cached under .cache/. Prints wall times and each as a ratio to the null decode.
 *
 *   node scripts/bench-decode.mjs [--clip FILE]
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { resolveFfmpeg } = await import(join(root, 'dist/source/binaries.js'));
const { openVideo } = await import(join(root, 'dist/source/video.js'));

const ffmpeg = resolveFfmpeg();
const clipArg = process.argv.indexOf('--clip');
const clip = clipArg > 0 ? process.argv[clipArg + 1] : join(root, '.cache', 'bench-1080p30-30s.mp4');

if (!existsSync(clip)) {
  mkdirSync(dirname(clip), { recursive: true });
  process.stdout.write(`making ${clip} …\n`);
  execFileSync(ffmpeg.path, [
    '-hide_banner', '-loglevel', 'error', '-y',
    '-f', 'lavfi', '-i', 'testsrc2=size=1920x1080:rate=30',
    '-t', '30', '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '23', '-pix_fmt', 'yuv420p',
    clip,
  ]);
}

/**
 * CPU seconds of this process plus its reaped children (ffmpeg), from /proc/self/stat: the
 * machine is shared, so wall time alone swings with other people's load. null off Linux.
 */
const clockTicks = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' })) || 100;
  } catch {
    return 100;
  }
})();
function cpuSeconds() {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // fields[11..14] are utime, stime, cutime, cstime (stat fields 14–17)
    return fields.slice(11, 15).reduce((sum, v) => sum + Number(v), 0) / clockTicks;
  } catch {
    return null;
  }
}

function time(fn) {
  const t0 = performance.now();
  const c0 = cpuSeconds();
  return Promise.resolve(fn()).then((extra) => {
    const c1 = cpuSeconds();
    return { s: (performance.now() - t0) / 1000, cpu: c0 === null || c1 === null ? null : c1 - c0, extra };
  });
}

async function iterate(options) {
  const source = await openVideo(clip);
  let frames = 0;
  let size = '';
  let lastMs = 0;
  // like the trace pipeline: each frame is done with before the next (one reused buffer)
  for await (const frame of source.frames({ ...options, reuseFrames: true })) {
    frames++;
    size = `${frame.width}x${frame.height}`;
    lastMs = frame.timestampMs;
  }
  return `${frames} frames ${size}, last at ${(lastMs / 1000).toFixed(3)} s`;
}

console.log(`ffmpeg: ${ffmpeg.path} (${ffmpeg.origin}, ${ffmpeg.version})`);
console.log(`clip:   ${clip}`);
const runs = [
  ['ffmpeg -i clip -f null -', () => execFileSync(ffmpeg.path, ['-hide_banner', '-loglevel', 'error', '-i', clip, '-f', 'null', '-'])],
  ['frames({ maxSide: 480 })', () => iterate({ maxSide: 480 })],
  ['frames({ crop: 64x64 })', () => iterate({ crop: { x: 928, y: 508, width: 64, height: 64 } })],
  ['frames({ crop: 300x300 })', () => iterate({ crop: { x: 810, y: 390, width: 300, height: 300 } })],
  ['frames({ crop: 300x300 → 150 })', () => iterate({ crop: { x: 810, y: 390, width: 300, height: 300 }, maxSide: 150 })],
];
let base = null;
console.log(`${''.padEnd(28)}   wall  ratio     cpu  ratio`);
for (const [label, fn] of runs) {
  const { s, cpu, extra } = await time(fn);
  base ??= { s, cpu };
  const cpuText = cpu === null ? '      -       -' : `${cpu.toFixed(2).padStart(6)} s ×${(cpu / base.cpu).toFixed(2)}`;
  console.log(
    `${label.padEnd(28)} ${s.toFixed(2).padStart(6)} s ×${(s / base.s).toFixed(2)}  ${cpuText}${typeof extra === 'string' ? `  (${extra})` : ''}`,
  );
}
