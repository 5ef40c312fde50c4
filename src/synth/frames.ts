/**
 * The renderer without I/O: a scenario and conditions in, a stream of stored-orientation RGB frames
 * with their timestamps out, plus everything the label needs. Deterministic by seed. Isomorphic.
 */
import { catalogFor, type Catalog } from '../catalog/index.js';
import { Camera, frameTimesMs, ShakePath, type CameraOptions } from './camera.js';
import { conditionTags, type RenderConditions } from './conditions.js';
import { Prng } from './prng.js';
import { buildScene } from './scene.js';
import type { ClipLabel, Scenario } from './scenario.js';
import { driveForScenario, expectedDiagnosis, type ScenarioDrive } from './timeline.js';

export interface PreparedClip {
  /** Stored frame size (rotation applied to the buffer). */
  storedWidth: number;
  storedHeight: number;
  timesMs: Float64Array;
  drive: ScenarioDrive;
  conditions: RenderConditions;
  /** The label minus `file` (filled in by whoever writes the clip). */
  label: Omit<ClipLabel, 'file'>;
  /** Renders frame i (call in order 0, 1, 2…: auto exposure carries state). The buffer is reused. */
  frames(): Generator<{ index: number; tMs: number; rgb: Uint8Array }>;
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export function prepareClip(scenario: Scenario, conditions: RenderConditions, seed: number, catalog: Catalog = catalogFor(scenario.device)): PreparedClip {
  const c = conditions;
  if (c.width % 2 || c.height % 2 || c.width < 16 || c.height < 16) {
    throw new RangeError(`frame size ${c.width}x${c.height} must be even and at least 16x16`);
  }
  const root = new Prng(seed);
  const drive = driveForScenario(scenario, catalog, seed);
  const durationMs = drive.durationMs;
  const timesMs = frameTimesMs(durationMs, c.fps, c.vfr, root.fork('frame-times'));

  const periodMs = 1000 / c.fps;
  const exposureMs = c.exposureMs ?? Math.min(0.95 * periodMs, c.ambient < 0.3 ? periodMs : 4 + 12 / Math.max(0.3, c.ambient));
  const margin = Math.ceil(ShakePath.boundPx(c.shakePx, c.driftPx)) + 2;
  const sceneRng = root.fork('scene');
  const ledAt = c.ledAt ?? { u: 0.5 + sceneRng.uniform(-0.08, 0.08), v: 0.5 + sceneRng.uniform(-0.08, 0.08) };
  const scene = buildScene(
    {
      width: c.width,
      height: c.height,
      marginPx: margin,
      ledRadiusPx: c.ledRadiusPx,
      ledAt,
      boardAngleDeg: c.boardAngleDeg,
      defocusPx: c.defocusPx,
      chargeLed: c.chargeLed,
      d7Lit: c.d7Lit,
      glare: c.glare,
      ambient: c.ambient,
    },
    sceneRng,
  );
  const cameraOptions: CameraOptions = {
    width: c.width,
    height: c.height,
    fps: c.fps,
    vfr: c.vfr,
    exposureMs,
    readoutMs: Math.min(c.readoutMs, periodMs * 0.9),
    shakePx: c.shakePx,
    driftPx: c.driftPx,
    readNoise: c.noise,
    shotNoise: c.shotNoise,
    tint: c.tint ?? [1, 1, 1],
    aeTarget: 0.18,
    aeLagMs: c.aeLagMs,
    aeMaxGain: c.aeMaxGain,
    ledRadiance: c.ledRadiance,
    crosstalk: c.crosstalk,
    ledDieGain: c.ledDieGain,
    flickerHz: c.flickerHz,
    flickerDepth: c.flickerDepth,
    defocusPx: c.defocusPx,
    rotationDeg: c.rotationDeg,
    ...(c.look ? { look: c.look } : {}),
  };
  const camera = new Camera(scene, drive.drive, cameraOptions, durationMs, root.fork('camera'));
  const positions = Array.from(timesMs, (t) => camera.ledPositionAt(t));
  const stored = camera.storedSize;
  const lastMs = timesMs.length > 0 ? timesMs[timesMs.length - 1] : 0;
  const label: Omit<ClipLabel, 'file'> = {
    device: scenario.device,
    seed,
    scenario,
    expected: expectedDiagnosis(drive.timeline, catalog),
    timeline: drive.timeline,
    video: {
      width: c.width,
      height: c.height,
      fps: c.fps,
      durationS: c.vfr ? lastMs / 1000 + periodMs / 1000 : timesMs.length / c.fps,
      frames: timesMs.length,
      rotationDeg: c.rotationDeg,
      vfr: c.vfr,
      crf: c.crf,
    },
    led: {
      x: Math.round(median(positions.map((p) => p.x)) * 10) / 10,
      y: Math.round(median(positions.map((p) => p.y)) * 10) / 10,
      radius: Math.round(c.ledRadiusPx * 10) / 10,
    },
    conditions: conditionTags(c),
  };
  return {
    storedWidth: stored.width,
    storedHeight: stored.height,
    timesMs,
    drive,
    conditions: c,
    label,
    *frames() {
      for (let i = 0; i < timesMs.length; i++) {
        const { rgb } = camera.render(timesMs[i]);
        yield { index: i, tMs: timesMs[i], rgb };
      }
    },
  };
}
