/**
 * Test clips made at test time with the real ffmpeg, in a fresh folder under os.tmpdir().
 * Small (320x240, ≤ 2 s) so a test file stays well under its time budget on two cores.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveFfmpeg, resolveFfprobe } from '../../src/source/binaries.js';

export function makeTempDir(prefix: string): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), `ledscope-${prefix}-`));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function ffmpeg(args: string[]): void {
  execFileSync(resolveFfmpeg().path, ['-hide_banner', '-loglevel', 'error', '-y', ...args], {
    stdio: ['ignore', 'ignore', 'pipe'],
    timeout: 60_000,
  });
}

const X264 = ['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p'];

/** CFR clip of the moving test pattern. */
export function testPattern(file: string, opts: { seconds?: number; fps?: number; size?: string; extra?: string[] } = {}): string {
  const { seconds = 2, fps = 30, size = '320x240', extra = X264 } = opts;
  ffmpeg(['-f', 'lavfi', '-i', `testsrc2=size=${size}:rate=${fps}`, '-t', String(seconds), ...extra, file]);
  return file;
}

/**
 * A variable-frame-rate clip: frame n at (n + 0.01·n²)/30 s, in a millisecond time base, so
 * the interval grows from 33 ms to ~65 ms.
 */
export function vfrClip(file: string): string {
  ffmpeg([
    '-f', 'lavfi', '-i', 'testsrc2=size=320x240:rate=30', '-t', '2',
    '-vf', "settb=1/1000,setpts='(N+0.01*N*N)/30/TB'",
    '-vsync', 'vfr', '-enc_time_base', '1:1000',
    ...X264, file,
  ]);
  return file;
}

/** A black clip with one white box: markers make geometry checkable. */
export function markerClip(
  file: string,
  box: { x: number; y: number; size: number },
  opts: { width?: number; height?: number; seconds?: number; faststart?: boolean } = {},
): string {
  const { width = 320, height = 240, seconds = 1 } = opts;
  ffmpeg([
    '-f', 'lavfi', '-i', `color=c=black:size=${width}x${height}:rate=30`, '-t', String(seconds),
    '-vf', `drawbox=x=${box.x}:y=${box.y}:w=${box.size}:h=${box.size}:color=white:t=fill`,
    ...X264, ...(opts.faststart ? ['-movflags', '+faststart'] : []), file,
  ]);
  return file;
}

/** Copy `input` with a rotation flag (the display matrix) saying "turn it 90°". */
export function rotated(input: string, output: string): string {
  const { major, year } = resolveFfmpeg();
  const modern = (major !== null && major >= 6) || (major === null && year !== null && year >= 2023);
  // ffmpeg 6 stopped writing the rotate tag as a display matrix; -display_rotation replaced it.
  if (modern) ffmpeg(['-display_rotation:v:0', '-90', '-i', input, '-c', 'copy', output]);
  else ffmpeg(['-i', input, '-c', 'copy', '-metadata:s:v:0', 'rotate=90', output]);
  return output;
}

/** ffprobe's own presentation times of every decoded frame, in seconds. */
export function ffprobeFramePts(file: string): number[] {
  const out = execFileSync(
    resolveFfprobe().path,
    ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'frame=pts_time,best_effort_timestamp_time', '-of', 'json', file],
    { encoding: 'utf8', timeout: 60_000 },
  );
  const frames = (JSON.parse(out) as { frames: Array<{ pts_time?: string; best_effort_timestamp_time?: string }> }).frames;
  return frames.map((f) => Number(f.pts_time ?? f.best_effort_timestamp_time));
}

/** Bounding box of pixels brighter than `threshold` in an RGB buffer. */
export function brightBox(
  data: Uint8Array | Uint8ClampedArray,
  width: number,
  height: number,
  threshold = 128,
): { x0: number; y0: number; x1: number; y1: number; cx: number; cy: number } | null {
  let x0 = Infinity, y0 = Infinity, x1 = -1, y1 = -1, sx = 0, sy = 0, n = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      if (data[i] + data[i + 1] + data[i + 2] > threshold * 3) {
        x0 = Math.min(x0, x); y0 = Math.min(y0, y); x1 = Math.max(x1, x); y1 = Math.max(y1, y);
        sx += x; sy += y; n++;
      }
    }
  }
  return n ? { x0, y0, x1, y1, cx: sx / n, cy: sy / n } : null;
}

/** Child processes of this process whose command is ffmpeg (Linux /proc). */
export function ffmpegChildren(): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // pid (comm) state ppid …; comm may hold spaces, so split after the last ')'
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === process.pid && comm.startsWith('ffmpeg')) pids.push(Number(entry));
    } catch {
      // the process ended while we looked
    }
  }
  return pids;
}
