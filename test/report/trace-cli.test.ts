import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { modeScenario } from '../../src/synth/presets.js';
import { renderClip } from '../../src/synth/render.js';

const dir = join('.cache', 'test-trace');
const clip = join(dir, 'breathe-green-200901.mp4');
const cli = join('dist', 'cli', 'main.js');

beforeAll(async () => {
  mkdirSync(dir, { recursive: true });
  if (!existsSync(clip)) {
    await renderClip({
      scenario: modeScenario('cloud-not-connected', { durationMs: 3000 }),
      out: clip,
      seed: 200901,
      conditions: { width: 480, height: 270, fps: 30, ledRadiusPx: 6 },
    });
  }
  if (!existsSync(cli)) execFileSync('npm', ['run', 'build'], { stdio: 'ignore' });
});

describe('ledscope trace', () => {
  it('prints CSV with one row per frame', () => {
    const out = execFileSync(process.execPath, [cli, 'trace', clip, '--csv'], { encoding: 'utf8' });
    const lines = out.trim().split('\n');
    expect(lines[0]).toBe('tMs,r,g,b,luma,clipped');
    expect(lines.length - 1).toBeGreaterThanOrEqual(88);
    expect(lines[1].split(',')).toHaveLength(6);
  });

  it('prints JSON with the LED, fps and samples, and draws a PNG', async () => {
    const png = join(dir, 'trace.png');
    const out = execFileSync(process.execPath, [cli, 'trace', clip, '--json', '--png', png], { encoding: 'utf8' });
    const j = JSON.parse(out);
    const label = JSON.parse(readFileSync(clip.replace(/\.mp4$/, '.json'), 'utf8'));
    expect(Object.keys(j)).toEqual(['file', 'video', 'led', 'fps', 'frameIntervalJitterMs', 'samples']);
    expect(Math.hypot(j.led.x - label.led.x, j.led.y - label.led.y)).toBeLessThanOrEqual(label.led.radius + 2);
    expect(j.fps).toBeCloseTo(30, 0);
    expect(j.samples[0]).toHaveProperty('luma');
    const meta = await sharp(png).metadata();
    expect(meta.width).toBe(1200);
  });

  it('prints a text summary by default and one-line errors with exit codes', () => {
    const text = execFileSync(process.execPath, [cli, 'trace', clip], { encoding: 'utf8' });
    expect(text).toMatch(/LED at \(/);
    expect(text).toMatch(/measured 30\.\d\d fps/);
    const bad = spawnSync(process.execPath, [cli, 'trace', clip, '--roi', '1,2,3'], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
  });
});
