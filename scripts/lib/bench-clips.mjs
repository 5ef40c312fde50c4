/**
 * The benchmark clips, made once and cached under .cache/bench-trace/ (the same files
 * scripts/bench-trace.mjs uses): a 30 s 1920x1080 30 fps H.264 clip of a board whose status LED
 * blinks cyan (connecting-cloud), rendered by the synth renderer, and a 10-minute one made from it
 * with `-stream_loop` (stream copy: no re-encode, same bitrate per second).
 * Needs dist/ (`npm run build`).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { root } from './measure.mjs';

export const BENCH_DIR = join(root, '.cache', 'bench-trace');
export const SHORT_CLIP = join(BENCH_DIR, 'board-1080p30-30s.mp4');
export const LONG_CLIP = join(BENCH_DIR, 'board-1080p30-10min.mp4');
export const SHORT_S = 30;
export const LONG_S = 600;

/** The bundled-or-chosen ffmpeg, exactly as ledscope resolves it. */
export async function ffmpegBinary() {
  const { resolveFfmpeg } = await import(join(root, 'dist/source/binaries.js'));
  return resolveFfmpeg();
}

/** Paths of the clips, making whichever is missing (`long: false` skips the 10-minute one). */
export async function benchClips({ long = true, log = (line) => process.stdout.write(`${line}\n`) } = {}) {
  mkdirSync(BENCH_DIR, { recursive: true });
  if (!existsSync(SHORT_CLIP)) {
    log(`rendering ${SHORT_CLIP} with the synth renderer (once) …`);
    const { renderClip } = await import(join(root, 'dist/synth/render.js'));
    const { modeScenario } = await import(join(root, 'dist/synth/presets.js'));
    await renderClip({
      scenario: modeScenario('connecting-cloud', { durationMs: SHORT_S * 1000 }),
      out: SHORT_CLIP,
      seed: 300001,
      conditions: { width: 1920, height: 1080, fps: 30, crf: 23, ledRadiusPx: 14, shakePx: 2, driftPx: 6 },
    });
  }
  if (long && !existsSync(LONG_CLIP)) {
    log(`making ${LONG_CLIP} (-stream_loop, stream copy) …`);
    const ffmpeg = (await ffmpegBinary()).path;
    execFileSync(ffmpeg, ['-hide_banner', '-loglevel', 'error', '-y', '-stream_loop', String(LONG_S / SHORT_S - 1), '-i', SHORT_CLIP, '-c', 'copy', LONG_CLIP]);
  }
  return { short: SHORT_CLIP, long: long ? LONG_CLIP : null };
}
