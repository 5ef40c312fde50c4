/**
 * The learned colour namer: a small tfjs MLP (evidence features → 32 → 32 → 8 softmax) that names a
 * segment's colour where hand rules struggle (white balance, a clipped core's halo, compression).
 * One self-contained artifact (topology + base64 weights, `models/color-namer.json`, mirrored as
 * the module `color-namer-weights.ts`) loads the same way in Node and the browser: no fs, no fetch.
 * Only tfjs-core, tfjs-layers and the CPU backend are imported (the full `@tensorflow/tfjs` bundle
 * takes seconds to load and brings WebGL, which an 8-way MLP does not need).
 */
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { COLOR_NAMES, type ColorName } from '../../catalog/types.js';
import type { ColorEvidence, ColorNamer, ColorNaming } from '../types.js';
import { Prng } from '../../synth/prng.js';
import { colorFeatures, FEATURE_COUNT, FEATURE_NAMES } from './features.js';

export const COLOR_MODEL_FORMAT = 'ledscope-color-model/1';

/** The saved model: everything needed to rebuild it, as plain JSON. */
export interface ColorModelArtifact {
  format: typeof COLOR_MODEL_FORMAT;
  features: string[];
  classes: string[];
  /** tfjs layers topology (what `model.toJSON()` gives). */
  modelTopology: object;
  weightSpecs: Array<{ name: string; shape: number[]; dtype: 'float32' }>;
  /** All weights, little-endian float32, base64. */
  weightData: string;
  /** How it was trained (data, epochs, timings): for the model card. */
  training: Record<string, unknown>;
}

export interface ColorModelShape {
  hidden: number[];
  /** Seed of the weight initialisers (training is deterministic given data and seed). */
  seed: number;
}

export const DEFAULT_MODEL_SHAPE: ColorModelShape = { hidden: [32, 32], seed: 7 };

let quiet = false;
/** tfjs prints a banner on the CPU backend's first use in Node; a CLI must not. */
function quietTf(): void {
  if (quiet) return;
  quiet = true;
  tf.env().set('PROD', true);
}

/** A fresh, seeded, untrained model. */
export function buildColorModel(shape: ColorModelShape = DEFAULT_MODEL_SHAPE): tfl.Sequential {
  quietTf();
  const model = tfl.sequential({ name: 'color_namer' });
  shape.hidden.forEach((units, k) => {
    model.add(
      tfl.layers.dense({
        name: `hidden${k + 1}`,
        units,
        activation: 'relu',
        ...(k === 0 ? { inputShape: [FEATURE_COUNT] } : {}),
        kernelInitializer: tfl.initializers.glorotUniform({ seed: shape.seed + k }),
        biasInitializer: 'zeros',
      }),
    );
  });
  model.add(
    tfl.layers.dense({
      name: 'probs',
      units: COLOR_NAMES.length,
      activation: 'softmax',
      kernelInitializer: tfl.initializers.glorotUniform({ seed: shape.seed + shape.hidden.length }),
    }),
  );
  return model;
}

export function parameterCount(model: tfl.LayersModel): number {
  return model.countParams();
}

// ---- base64 without Buffer (isomorphic) ----

function bytesToBase64(bytes: Uint8Array): string {
  let s = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) s += String.fromCharCode(...bytes.subarray(i, i + chunk));
  return btoa(s);
}

function base64ToBytes(b64: string): Uint8Array {
  const s = atob(b64);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

function concatWeightData(data: ArrayBuffer | ArrayBuffer[]): Uint8Array {
  const parts = Array.isArray(data) ? data : [data];
  const total = parts.reduce((n, p) => n + p.byteLength, 0);
  const out = new Uint8Array(total);
  let o = 0;
  for (const p of parts) {
    out.set(new Uint8Array(p), o);
    o += p.byteLength;
  }
  return out;
}

function weightBuffer(artifact: ColorModelArtifact): ArrayBuffer {
  const bytes = base64ToBytes(artifact.weightData);
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

function checkArtifact(artifact: ColorModelArtifact): void {
  if (artifact.format !== COLOR_MODEL_FORMAT) throw new Error(`colour model: unknown format ${String(artifact.format)}`);
  if (artifact.features.join('|') !== FEATURE_NAMES.join('|')) throw new Error('colour model: saved for other features; retrain with `npm run train`');
  if (artifact.classes.join('|') !== COLOR_NAMES.join('|')) throw new Error('colour model: saved for other colours; retrain with `npm run train`');
}

/** Saves through tfjs's own serialisation (`withSaveHandler`) into one JSON-able artifact. */
export async function serializeColorModel(model: tfl.LayersModel, training: Record<string, unknown> = {}): Promise<ColorModelArtifact> {
  let saved: tf.io.ModelArtifacts | null = null;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      saved = artifacts;
      return { modelArtifactsInfo: { dateSaved: new Date(0), modelTopologyType: 'JSON' } };
    }),
  );
  const a = saved as tf.io.ModelArtifacts | null;
  if (!a || !a.modelTopology || !a.weightSpecs || !a.weightData) throw new Error('colour model: tfjs saved no weights');
  return {
    format: COLOR_MODEL_FORMAT,
    features: [...FEATURE_NAMES],
    classes: [...COLOR_NAMES],
    modelTopology: a.modelTopology as object,
    weightSpecs: a.weightSpecs.map((s) => ({ name: s.name, shape: [...s.shape], dtype: 'float32' as const })),
    weightData: bytesToBase64(concatWeightData(a.weightData as ArrayBuffer | ArrayBuffer[])),
    training,
  };
}

/** Loads with tfjs's loader from memory (`tf.io.fromMemory`): the async path. */
export async function loadColorModel(artifact: ColorModelArtifact): Promise<tfl.LayersModel> {
  checkArtifact(artifact);
  quietTf();
  return tfl.loadLayersModel(
    tf.io.fromMemory({ modelTopology: artifact.modelTopology, weightSpecs: artifact.weightSpecs, weightData: weightBuffer(artifact) }),
  );
}

interface DenseConfig {
  class_name: string;
  config: { units: number; activation: string; use_bias?: boolean; name?: string };
}

/**
 * Builds the model synchronously from the artifact: the Dense stack its topology lists, with the
 * saved weights set in order (tfjs's own loader is async only; this keeps `classifySeries` sync).
 */
export function colorModelFromArtifact(artifact: ColorModelArtifact): tfl.Sequential {
  checkArtifact(artifact);
  quietTf();
  const topo = artifact.modelTopology as { class_name?: string; config?: { layers?: DenseConfig[] } };
  const layers = topo.config?.layers ?? [];
  if (topo.class_name !== 'Sequential' || layers.length === 0) throw new Error('colour model: expected a Sequential topology');
  const model = tfl.sequential();
  layers.forEach((l, k) => {
    if (l.class_name !== 'Dense') throw new Error(`colour model: cannot build layer ${l.class_name} synchronously`);
    model.add(
      tfl.layers.dense({
        units: l.config.units,
        activation: l.config.activation as 'relu' | 'softmax',
        useBias: l.config.use_bias ?? true,
        ...(k === 0 ? { inputShape: [FEATURE_COUNT] } : {}),
      }),
    );
  });
  const named = tf.io.decodeWeights(weightBuffer(artifact), artifact.weightSpecs);
  model.setWeights(artifact.weightSpecs.map((s) => named[s.name]));
  for (const t of Object.values(named)) t.dispose();
  return model;
}

/** Probabilities per class for a batch of feature rows. */
export function predictProbabilities(model: tfl.LayersModel, features: Float32Array, rows: number): Float32Array {
  const y = tf.tidy(() => model.predict(tf.tensor2d(features, [rows, FEATURE_COUNT])) as tf.Tensor);
  const out = Float32Array.from(y.dataSync());
  y.dispose();
  return out;
}

/** A synchronous ColorNamer over a loaded model (one small predict per call). */
export function namerFromModel(model: tfl.LayersModel): ColorNamer {
  const x = new Float32Array(FEATURE_COUNT);
  return (evidence: ColorEvidence): ColorNaming => {
    colorFeatures(evidence, x);
    const p = predictProbabilities(model, x, 1);
    const scores = {} as Record<ColorName, number>;
    let name: ColorName = COLOR_NAMES[0];
    COLOR_NAMES.forEach((n, i) => {
      scores[n] = p[i];
      if (p[i] > scores[name]) name = n;
    });
    return { name, confidence: scores[name], scores };
  };
}

// ---- training (Node script and the smoke test; isomorphic) ----

export interface TrainOptions {
  epochs?: number;
  batchSize?: number;
  learningRate?: number;
  shape?: ColorModelShape;
  /** Seed of the per-epoch shuffles. */
  shuffleSeed?: number;
  onEpoch?: (epoch: number, loss: number, accuracy: number) => void;
}


/**
 * Trains a fresh model on (evidence, label) pairs. Classes are weighted by inverse frequency so a
 * colour that composites show often (cyan) does not crowd out the others. Deterministic on the CPU
 * backend given the data and seeds.
 */
export async function trainColorModel(
  samples: ReadonlyArray<{ evidence: ColorEvidence; label: ColorName }>,
  options: TrainOptions = {},
): Promise<{ model: tfl.Sequential; history: Array<{ loss: number; accuracy: number }> }> {
  const epochs = options.epochs ?? 60;
  const batchSize = options.batchSize ?? 32;
  const model = buildColorModel(options.shape ?? DEFAULT_MODEL_SHAPE);
  model.compile({ optimizer: tf.train.adam(options.learningRate ?? 0.005), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  const n = samples.length;
  const k = COLOR_NAMES.length;
  const feats = samples.map((s) => colorFeatures(s.evidence));
  const labels = samples.map((s) => COLOR_NAMES.indexOf(s.label));
  const counts = new Array<number>(k).fill(0);
  for (const l of labels) counts[l]++;
  const classWeight: Record<number, number> = {};
  counts.forEach((c, i) => {
    classWeight[i] = c > 0 ? n / (k * c) : 1;
  });
  // seeded shuffles: tfjs's own `shuffle` uses Math.random
  const shuffleRng = new Prng(options.shuffleSeed ?? 11);
  const order = Array.from({ length: n }, (_, i) => i);
  const history: Array<{ loss: number; accuracy: number }> = [];
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(shuffleRng.next() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    const xb = new Float32Array(n * FEATURE_COUNT);
    const yb = new Float32Array(n * k);
    order.forEach((src, row) => {
      xb.set(feats[src], row * FEATURE_COUNT);
      yb[row * k + labels[src]] = 1;
    });
    const x = tf.tensor2d(xb, [n, FEATURE_COUNT]);
    const y = tf.tensor2d(yb, [n, k]);
    const h = await model.fit(x, y, { epochs: 1, batchSize, shuffle: false, classWeight, verbose: 0 });
    x.dispose();
    y.dispose();
    const loss = Number(h.history.loss[0]);
    const accuracy = Number((h.history.acc ?? h.history.accuracy)?.[0] ?? NaN);
    history.push({ loss, accuracy });
    options.onEpoch?.(epoch, loss, accuracy);
  }
  return { model, history };
}
