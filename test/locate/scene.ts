/**
 * Constructed camera frames for the locate/measure tests: a dark textured board with white silkscreen
 * lines, the status LED (Gaussian blob whose core clips to white, coloured halo), a steady orange
 * charge LED and a small blue D7 LED; optional hand shake and auto-exposure gain. Rendered in linear
 * light and encoded to sRGB 8-bit like a camera would.
 */
import { expect } from 'vitest';
import type { RgbFrame } from '../../src/source/types.js';
import { Prng } from '../../src/synth/prng.js';

export interface SceneLed {
  x: number;
  y: number;
  /** Gaussian sigma of the emitting spot, px. */
  sigma: number;
  /** Linear colour 0..1 per channel. */
  color: [number, number, number];
  /** Peak linear intensity multiplier at full drive (above ~1 the core clips). */
  intensity: number;
  /** Drive level 0..1 at time t (ms). */
  drive: (tMs: number) => number;
}

export interface SceneOptions {
  width: number;
  height: number;
  leds: SceneLed[];
  /** Camera offset (px) at time t: the whole scene moves by it. */
  shake?: (tMs: number) => { dx: number; dy: number };
  /** Exposure gain at time t (1 = nominal). */
  gain?: (tMs: number) => number;
  /** Background brightness, linear (default 0.02). */
  board?: number;
  /** Draw silkscreen lines (default true). */
  silkscreen?: boolean;
  seed?: number;
}

const ENCODE_STEPS = 1 << 14;
const ENCODE = (() => {
  const lut = new Uint8Array(ENCODE_STEPS + 1);
  for (let i = 0; i <= ENCODE_STEPS; i++) {
    const v = i / ENCODE_STEPS;
    const c = v <= 0.0031308 ? 12.92 * v : 1.055 * Math.pow(v, 1 / 2.4) - 0.055;
    lut[i] = Math.round(c * 255);
  }
  return lut;
})();

function srgbEncode(v: number): number {
  return v <= 0 ? 0 : v >= 1 ? 255 : ENCODE[(v * ENCODE_STEPS) | 0];
}


export function makeScene(opts: SceneOptions): (tMs: number, index: number) => RgbFrame {
  const { width, height } = opts;
  const pad = 48;
  const W = width + 2 * pad, H = height + 2 * pad;
  const rng = new Prng(opts.seed ?? 7);
  const rnd = () => rng.next();
  const board = opts.board ?? 0.02;
  // board texture (greenish-grey), linear, on a padded canvas so shake never runs out of texture
  const tex = new Float32Array(W * H * 3);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const n = 0.6 + 0.8 * rnd() + 0.3 * Math.sin(x / 9) * Math.sin(y / 13);
      const i = (y * W + x) * 3;
      tex[i] = board * n * 0.8;
      tex[i + 1] = board * n * 1.0;
      tex[i + 2] = board * n * 0.85;
    }
  }
  if (opts.silkscreen ?? true) {
    // a few long white lines (steady, unsaturated, elongated)
    for (let k = 0; k < 4; k++) {
      const y0 = pad + Math.floor(rnd() * height);
      const x0 = pad + Math.floor(rnd() * width * 0.5);
      const len = Math.floor(width * 0.3);
      for (let x = x0; x < Math.min(W, x0 + len); x++) {
        for (let t = 0; t < 2; t++) {
          const i = ((y0 + t) * W + x) * 3;
          if (i + 2 < tex.length) tex[i] = tex[i + 1] = tex[i + 2] = 0.35;
        }
      }
    }
  }
  const noiseRng = new Prng((opts.seed ?? 7) + 1);
  const noise = () => noiseRng.next();

  return (tMs, index) => {
    const { dx, dy } = opts.shake?.(tMs) ?? { dx: 0, dy: 0 };
    const gain = opts.gain?.(tMs) ?? 1;
    const ix = Math.round(dx), iy = Math.round(dy);
    const lin = new Float32Array(width * height * 3);
    for (let y = 0; y < height; y++) {
      const sy = Math.min(H - 1, Math.max(0, y + pad - iy));
      for (let x = 0; x < width; x++) {
        const sx = Math.min(W - 1, Math.max(0, x + pad - ix));
        const s = (sy * W + sx) * 3, o = (y * width + x) * 3;
        lin[o] = tex[s];
        lin[o + 1] = tex[s + 1];
        lin[o + 2] = tex[s + 2];
      }
    }
    for (const led of opts.leds) {
      const level = led.drive(tMs);
      if (level <= 0) continue;
      const cx = led.x + dx, cy = led.y + dy;
      const reach = Math.ceil(led.sigma * 6 + 2);
      for (let y = Math.max(0, Math.floor(cy - reach)); y <= Math.min(height - 1, Math.ceil(cy + reach)); y++) {
        for (let x = Math.max(0, Math.floor(cx - reach)); x <= Math.min(width - 1, Math.ceil(cx + reach)); x++) {
          const d2 = (x - cx) ** 2 + (y - cy) ** 2;
          // a tight spot plus a wide weak glow (the halo that keeps the hue when the spot clips)
          const g = Math.exp(-d2 / (2 * led.sigma ** 2)) + 0.08 * Math.exp(-d2 / (2 * (led.sigma * 2.5) ** 2));
          const a = led.intensity * level * g;
          // sensor crosstalk: a very bright spot bleeds into the other channels and clips white
          const bleed = 0.4 * Math.min(1, a / 4);
          const o = (y * width + x) * 3;
          for (let k = 0; k < 3; k++) lin[o + k] += a * (led.color[k] + bleed * (1 - led.color[k]));
        }
      }
    }
    const data = new Uint8Array(width * height * 3);
    for (let i = 0; i < data.length; i++) {
      const v = lin[i] * gain + (noise() - 0.5) * 0.002;
      data[i] = srgbEncode(v);
    }
    return { width, height, channels: 3, data, timestampMs: tMs, index, originX: 0, originY: 0, scale: 1 };
  };
}

/** Frames at `fps` for `durationMs`. */
export function* frames(render: (tMs: number, index: number) => RgbFrame, fps: number, durationMs: number): Generator<RgbFrame> {
  const n = Math.floor((durationMs * fps) / 1000);
  for (let i = 0; i < n; i++) yield render((i * 1000) / fps, i);
}

export const blink = (periodMs: number) => (t: number) => (t % periodMs < periodMs / 2 ? 1 : 0);
export const breathe = (periodMs: number) => (t: number) => {
  const p = (t % periodMs) / periodMs;
  return p < 0.5 ? 1 - 2 * p : 2 * p - 1;
};
export const solid = () => 1;

export const ORANGE_CHARGE = (x: number, y: number): SceneLed => ({
  x, y, sigma: 1.6, color: [1, 0.376, 0], intensity: 1.2, drive: solid,
});
export const BLUE_D7 = (x: number, y: number): SceneLed => ({
  x, y, sigma: 1.0, color: [0, 0, 1], intensity: 2.0, drive: solid,
});

/** Crop a frame (as ffmpeg's crop would) keeping the displayed-coordinate mapping. */
export function cropFrame(frame: RgbFrame, x0: number, y0: number, w: number, h: number): RgbFrame {
  const data = new Uint8Array(w * h * 3);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const s = ((y + y0) * frame.width + x + x0) * frame.channels, o = (y * w + x) * 3;
      data[o] = frame.data[s];
      data[o + 1] = frame.data[s + 1];
      data[o + 2] = frame.data[s + 2];
    }
  }
  return { ...frame, width: w, height: h, channels: 3, data, originX: frame.originX + x0, originY: frame.originY + y0 };
}

/** Expects a found location within `tol` px (exclusive) of (x, y). */
export function expectNear(led: { x: number; y: number } | null | undefined, x: number, y: number, tol: number): void {
  expect(led).toBeTruthy();
  expect(Math.hypot(led!.x - x, led!.y - y)).toBeLessThan(tol);
}
