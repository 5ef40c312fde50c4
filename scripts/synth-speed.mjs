// Measures the synthetic renderer's speed: seconds of wall time per second of clip, rendering and
// encoding (H.264 CRF 23) a 10 s clip at 1280x720 and at 640x360. Run after `npm run build`.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = process.env.LEDSCOPE_DIST ?? join(root, 'dist');
const { renderClip } = await import(pathToFileURL(join(dist, 'synth', 'render.js')).href);

const dir = mkdtempSync(join(tmpdir(), 'ledscope-speed-'));
try {
  for (const [width, height, ledRadiusPx] of [[1280, 720, 16], [640, 360, 8]]) {
    const started = performance.now();
    const label = await renderClip({
      scenario: { device: 'boron', parts: [{ mode: 'sos', code: 8, durationMs: 10000 }] },
      out: join(dir, `speed-${width}.mp4`),
      seed: 100000,
      conditions: { width, height, ledRadiusPx, shakePx: 3 },
    });
    const wallS = (performance.now() - started) / 1000;
    console.log(`${width}x${height} ${label.video.fps} fps: ${wallS.toFixed(2)} s for ${label.video.durationS} s of clip = ${(wallS / label.video.durationS).toFixed(3)} s per clip-second`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
