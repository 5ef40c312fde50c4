/**
 * Shooting conditions of a synthetic clip: everything about the phone and the room, nothing about the
 * device. `randomConditions` draws a plausible set ('clean': a steady close shot in good light; 'hard':
 * what makes decoding difficult), and `conditionTags` names the hard ones for per-condition results.
 * Pure and isomorphic.
 */
import type { CameraLook } from './camera.js';
import { Prng } from './prng.js';

export type Rotation = 0 | 90 | 180 | 270;

export interface RenderConditions {
  /** Displayed frame size (rotation applied), even numbers. */
  width: number;
  height: number;
  fps: number;
  vfr: boolean;
  crf: number;
  rotationDeg: Rotation;
  /** Status LED diffuser radius in displayed px. */
  ledRadiusPx: number;
  /** Where the LED sits in the frame (0..1); null = drawn near the middle. */
  ledAt: { u: number; v: number } | null;
  boardAngleDeg: number;
  shakePx: number;
  driftPx: number;
  /** Read-noise sigma at unit gain (fraction of full scale). */
  noise: number;
  shotNoise: number;
  /** White-balance multipliers; null = neutral. */
  tint: readonly [number, number, number] | null;
  /** Ambient light (1 normal, ~0.1 dim room). */
  ambient: number;
  /** LED centre radiance at full drive relative to white paper in normal room light (≫1 clips hard). */
  ledRadiance: number;
  crosstalk: number;
  ledDieGain: readonly [number, number, number];
  defocusPx: number;
  chargeLed: boolean;
  d7Lit: boolean;
  glare: number;
  /** Exposure per row; null = chosen from light and frame rate. */
  exposureMs: number | null;
  readoutMs: number;
  flickerHz: number;
  flickerDepth: number;
  aeLagMs: number;
  aeMaxGain: number;
  /** Another phone's image processing (held-out clips); absent = this renderer's neutral camera. */
  look?: CameraLook;
}

/** A steady, well-lit, close-ish shot with mild imperfections. */
export function defaultConditions(): RenderConditions {
  return {
    width: 640,
    height: 360,
    fps: 30,
    vfr: false,
    crf: 23,
    rotationDeg: 0,
    ledRadiusPx: 8,
    ledAt: null,
    boardAngleDeg: 0,
    shakePx: 0.6,
    driftPx: 2,
    noise: 0.004,
    shotNoise: 0.0005,
    tint: null,
    ambient: 1,
    ledRadiance: 5,
    crosstalk: 0.08,
    ledDieGain: [1, 0.95, 0.85],
    defocusPx: 0.5,
    chargeLed: false,
    d7Lit: false,
    glare: 0,
    exposureMs: null,
    readoutMs: 20,
    flickerHz: 0,
    flickerDepth: 0,
    aeLagMs: 400,
    aeMaxGain: 8,
  };
}

const TINTS: ReadonlyArray<readonly [number, number, number]> = [
  [1.18, 1, 0.78], // tungsten left uncorrected: warm
  [0.85, 1, 1.2], // cool daylight on a warm-set camera
  [0.94, 1.1, 0.92], // fluorescent green cast
  [1.1, 0.95, 1.05], // magenta cast
];

/**
 * Draws conditions. 'clean': CFR 30 fps, a medium LED, little shake, good light. 'hard': a 2–4 px LED,
 * 24 or 60 fps, VFR, shake, low light, heavy clipping, tint, CRF 32–34, distractors, rotation — each
 * drawn independently so that clips mix them.
 */
export function randomConditions(seed: number, level: 'clean' | 'hard'): RenderConditions {
  const rng = new Prng(seed).fork(`conditions-${level}`);
  const c = defaultConditions();
  c.boardAngleDeg = rng.pick([0, 0, 90, -90, 180]) + rng.uniform(-12, 12);
  c.ledAt = { u: rng.uniform(0.3, 0.7), v: rng.uniform(0.3, 0.7) };
  c.crosstalk = rng.uniform(0.04, 0.12);
  c.ledDieGain = [1, rng.uniform(0.85, 1.05), rng.uniform(0.85, 1.05)];
  c.readoutMs = rng.uniform(10, 30);
  c.aeLagMs = rng.uniform(200, 900);
  if (level === 'clean') {
    c.ledRadiusPx = rng.uniform(5, 12);
    c.shakePx = rng.uniform(0, 1);
    c.driftPx = rng.uniform(0, 4);
    c.noise = rng.uniform(0.003, 0.006);
    c.ledRadiance = rng.uniform(3, 8);
    c.defocusPx = rng.uniform(0, 0.8);
    c.chargeLed = rng.chance(0.3);
    c.d7Lit = rng.chance(0.2);
    c.glare = rng.chance(0.3) ? rng.uniform(0.2, 0.6) : 0;
    c.tint = [rng.uniform(0.97, 1.03), 1, rng.uniform(0.97, 1.03)];
    return c;
  }
  c.ledRadiusPx = rng.uniform(2, 4);
  c.fps = rng.pick([24, 24, 30, 60, 60]);
  c.vfr = rng.chance(0.6);
  c.crf = rng.pick([28, 32, 33, 34]);
  c.shakePx = rng.chance(0.7) ? rng.uniform(1.5, 6) : rng.uniform(0, 1);
  c.driftPx = rng.uniform(3, 25);
  const low = rng.chance(0.4);
  c.ambient = low ? rng.uniform(0.06, 0.2) : rng.uniform(0.6, 1.3);
  // In a dim room the phone runs out of gain: the picture stays dark and noisy.
  c.aeMaxGain = low ? rng.uniform(2.5, 5) : 8;
  c.noise = rng.uniform(0.004, 0.01);
  c.shotNoise = rng.uniform(0.0004, 0.0012);
  c.ledRadiance = rng.chance(0.6) ? rng.uniform(15, 60) : rng.uniform(2.5, 8);
  c.defocusPx = rng.uniform(0.3, 2.2);
  c.chargeLed = rng.chance(0.7);
  c.d7Lit = rng.chance(0.5);
  c.glare = rng.chance(0.6) ? rng.uniform(0.3, 1) : 0;
  c.tint = rng.chance(0.5) ? rng.pick(TINTS) : null;
  if (rng.chance(0.35)) {
    c.flickerHz = rng.pick([100, 120]);
    c.flickerDepth = rng.uniform(0.05, 0.25);
  }
  if (rng.chance(0.3)) {
    c.rotationDeg = rng.pick([90, 270] as const);
    [c.width, c.height] = [c.height, c.width];
  }
  return c;
}

/** Where a phone's image processing is drawn from: saturation, ±hue rotation, tone gamma, sharpening. */
interface LookRanges {
  saturation: readonly [number, number];
  hueShiftDeg: number;
  toneGamma: readonly [number, number];
  sharpenChance: number;
  sharpen: readonly [number, number];
}

/** `randomConditions` plus a look drawn from `ranges` on its own random stream (the scene stays the seed's). */
function withLook(seed: number, level: 'clean' | 'hard', stream: string, ranges: LookRanges): RenderConditions {
  const c = randomConditions(seed, level);
  const rng = new Prng(seed).fork(stream);
  c.look = {
    saturation: rng.uniform(...ranges.saturation),
    hueShiftDeg: rng.uniform(-ranges.hueShiftDeg, ranges.hueShiftDeg),
    toneGamma: rng.uniform(...ranges.toneGamma),
    sharpen: rng.chance(ranges.sharpenChance) ? rng.uniform(...ranges.sharpen) : 0,
  };
  return c;
}

/**
 * Conditions as filmed by another phone model than the one everything was developed on: the same
 * draw as `randomConditions`, plus an image processor of its own (colour matrix, tone curve,
 * sharpening) drawn from ranges no tuning or training clip uses. For held-out evaluation only.
 */
export function otherCameraConditions(seed: number, level: 'clean' | 'hard'): RenderConditions {
  return withLook(seed, level, 'other-camera', { saturation: [1.15, 1.6], hueShiftDeg: 8, toneGamma: [0.8, 1.2], sharpenChance: 0.7, sharpen: [0.3, 1.2] });
}

/**
 * Conditions as filmed by a third phone whose processing reaches past `otherCameraConditions`'
 * ranges on every side: a washed-out webcam (saturation below 1) to a vivid phone, colours rotated
 * twice as far, a harsher tone curve and sharpening. The same scene and camera draw as the other
 * camera for the same seed (only the look differs), for a generality check beyond the held-out camera.
 */
export function wideCameraConditions(seed: number, level: 'clean' | 'hard'): RenderConditions {
  return withLook(seed, level, 'third-camera', { saturation: [0.8, 1.9], hueShiftDeg: 15, toneGamma: [0.7, 1.35], sharpenChance: 0.8, sharpen: [0.3, 2] });
}

/**
 * Conditions as filmed at frame rates no tuning or training clip uses: a webcam's 15 fps, and the 25
 * and 50 fps of cameras set for 50 Hz mains, with the other camera's look. The same scene as the other
 * camera for the same seed; for a held-out check of what the pipeline assumes of frame timing.
 */
export function rateCameraConditions(seed: number, level: 'clean' | 'hard'): RenderConditions {
  const c = otherCameraConditions(seed, level);
  c.fps = new Prng(seed).fork('frame-rate').pick([15, 25, 25, 50]);
  return c;
}

/** Names of the conditions that make a clip hard, for per-condition breakdowns. */
export function conditionTags(c: RenderConditions): string[] {
  const tags: string[] = [];
  if (c.ledRadiusPx <= 4) tags.push('small-led');
  if (c.shakePx >= 1.5) tags.push('shake');
  if (c.driftPx >= 10) tags.push('drift');
  if (c.vfr) tags.push('vfr');
  if (c.crf >= 30) tags.push(`crf${c.crf}`);
  if (c.fps !== 30) tags.push(`${c.fps}fps`);
  if (c.tint && Math.max(...c.tint.map((v) => Math.abs(v - 1))) > 0.05) tags.push('tint');
  if (c.ambient < 0.3) tags.push('low-light');
  if (c.ledRadiance >= 15) tags.push('clipping');
  if (c.chargeLed || c.d7Lit || c.glare > 0.25) tags.push('distractors');
  if (c.flickerHz > 0 && c.flickerDepth > 0) tags.push('flicker');
  if (c.defocusPx >= 1.5) tags.push('defocus');
  if (c.rotationDeg !== 0) tags.push(`rotate${c.rotationDeg}`);
  if (c.look) tags.push('other-camera');
  return tags;
}
