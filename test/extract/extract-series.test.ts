import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { NoLedError } from '../../src/errors.js';
import { extractFromFile } from '../../src/extract/from-file.js';
import { extractSeries } from '../../src/extract/extract-series.js';
import { hueDeg, hueDistanceDeg, onColor } from '../../src/signal/measure.js';
import { samplesFromSeries } from '../../src/signal/series.js';
import type { FrameSource, RgbFrame } from '../../src/source/types.js';
import { modeScenario } from '../../src/synth/presets.js';
import { renderClip } from '../../src/synth/render.js';
import type { ClipLabel } from '../../src/synth/scenario.js';
import { frames, makeScene } from '../locate/scene.js';

// development seeds (200000+): never the fixtures' 1000–1999
const dir = join('.cache', 'test-extract');
const clip = join(dir, 'blink-cyan-200900.mp4');
let label: ClipLabel;

beforeAll(async () => {
  mkdirSync(dir, { recursive: true });
  if (!existsSync(clip) || !existsSync(clip.replace(/\.mp4$/, '.json'))) {
    await renderClip({
      scenario: modeScenario('connecting-cloud', { durationMs: 4000 }),
      out: clip,
      seed: 200900,
      conditions: { width: 640, height: 360, fps: 30, ledRadiusPx: 6, shakePx: 2, driftPx: 4, chargeLed: true, d7Lit: true },
    });
  }
  label = JSON.parse(readFileSync(clip.replace(/\.mp4$/, '.json'), 'utf8'));
});

describe('extractSeries on a rendered clip', () => {
  it('finds the LED within radius + 2 px, measures every frame and the cyan hue', async () => {
    const res = await extractFromFile(clip);
    expect(Math.hypot(res.led.x - label.led.x, res.led.y - label.led.y)).toBeLessThanOrEqual(label.led.radius + 2);
    expect(Math.abs(res.series.tMs.length - label.video.frames)).toBeLessThanOrEqual(2);
    expect(res.series.fps).toBeCloseTo(30, 0);
    const on = onColor(samplesFromSeries(res.series))!;
    expect(hueDistanceDeg(hueDeg(on.r, on.g, on.b)!, 180)).toBeLessThan(20);
    // blinking: a good share of frames dark and lit
    const luma = Array.from(res.series.luma);
    expect(luma.filter((v) => v > 0.5).length).toBeGreaterThan(luma.length * 0.25);
    expect(luma.filter((v) => v < 0.15).length).toBeGreaterThan(luma.length * 0.25);
  });

  it('honours --at (the given point) and --roi (search inside it)', async () => {
    const at = { x: Math.round(label.led.x), y: Math.round(label.led.y) };
    const byAt = await extractFromFile(clip, { at });
    expect(byAt.led.method).toBe('at');
    expect(byAt.led.x).toBe(at.x);
    expect(byAt.led.radius).toBeGreaterThan(1);
    const roi = { x: Math.round(label.led.x) - 40, y: Math.round(label.led.y) - 40, width: 80, height: 80 };
    const byRoi = await extractFromFile(clip, { roi });
    expect(byRoi.led.method).toBe('roi');
    expect(Math.hypot(byRoi.led.x - label.led.x, byRoi.led.y - label.led.y)).toBeLessThanOrEqual(label.led.radius + 2);
  });

  it('throws NoLedError (exit 3) for a board with no LED', async () => {
    const render = makeScene({ width: 320, height: 180, leds: [] });
    const all = [...frames(render, 30, 3000)];
    const source: FrameSource = {
      info: { width: 320, height: 180, fps: 30, durationS: 3, frames: all.length, rotationDeg: 0, codec: 'raw' },
      async *frames(): AsyncIterable<RgbFrame> {
        yield* all;
      },
    };
    const error = await extractSeries(source, { name: 'empty.mp4' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NoLedError);
    expect((error as NoLedError).exitCode).toBe(3);
    expect((error as Error).message).toMatch(/no status LED found in empty\.mp4 .*powered.*--at X,Y/);
  });
});

describe('extractSeries on a large LED', () => {
  it('tracks a large LED on a half-size crop and still finds it, its hue and its blink', async () => {
    const big = join(dir, 'blink-green-large-200902.mp4');
    if (!existsSync(big) || !existsSync(big.replace(/\.mp4$/, '.json'))) {
      await renderClip({
        scenario: modeScenario('connecting-network', { durationMs: 3000 }),
        out: big,
        seed: 200902,
        conditions: { width: 640, height: 360, fps: 30, ledRadiusPx: 12, shakePx: 1, driftPx: 2 },
      });
    }
    const l: ClipLabel = JSON.parse(readFileSync(big.replace(/\.mp4$/, '.json'), 'utf8'));
    const res = await extractFromFile(big);
    expect(res.stats.trackScale).toBe(2);
    expect(Math.hypot(res.led.x - l.led.x, res.led.y - l.led.y)).toBeLessThanOrEqual(l.led.radius + 2);
    const on = onColor(samplesFromSeries(res.series))!;
    expect(hueDistanceDeg(hueDeg(on.r, on.g, on.b)!, 120)).toBeLessThan(20);
    const luma = Array.from(res.series.luma);
    expect(luma.filter((v) => v > 0.5).length).toBeGreaterThan(luma.length * 0.25);
    expect(luma.filter((v) => v < 0.15).length).toBeGreaterThan(luma.length * 0.25);
  });
});
