#!/usr/bin/env node
/**
 * Trains the colour model (src/classify/model) on data the repo renders itself, and saves it to
 * models/color-namer.json plus its importable mirror src/classify/model/color-namer-weights.ts.
 *
 *   npm run train                          # build, then generate (cached) data and train
 *   node scripts/train.mjs --clean 160 --hard 160 --encoded 24 --epochs 80
 *   node scripts/train.mjs --fresh          # regenerate the cached data (after the pipeline changed)
 *
 * Data: clips for seeds 300000–399999 (training only; dev seeds 100000–199999 belong to
 * scripts/eval-color.mjs, fixtures to 1000–1999). Each clip shows one contract colour (solid, or a
 * catalog mode that shows it) under random 'clean' or 'hard' conditions; most are measured in memory
 * (renderer → live tracker pinned at the LED), `--encoded` per level go through real H.264
 * (renderClip → openSource → the same tracker). The segmenter's evidence of every ON run, labelled with the colour
 * the renderer drove, is cached per clip under .cache/color-data/.
 * Set LEDSCOPE_DIST to run against another build output than dist/.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = process.env.LEDSCOPE_DIST ?? join(root, 'dist');
const load = (p) => import(pathToFileURL(join(dist, p)).href);

/** Bump when what a cached sample means changes (dataset.ts, features of the evidence). */
const DATA_VERSION = 'v2';
export const CACHE_DIR = join(root, '.cache', 'color-data', DATA_VERSION);

export const SPLITS = {
  train: { base: 300000, limit: 399999 },
  dev: { base: 100000, limit: 199999 },
};

/** Seed blocks inside a split: clean, hard, encoded clean, encoded hard. */
function seedOf(split, kind, k) {
  const off = { clean: 0, hard: 10000, 'enc-clean': 50000, 'enc-hard': 60000 }[kind];
  const seed = SPLITS[split].base + off + k;
  if (seed > SPLITS[split].limit) throw new RangeError(`seed ${seed} outside the ${split} range`);
  return seed;
}

async function encodedSamples(seed, level, ds) {
  const { renderClip } = await load('synth/render.js');
  const { openSource } = await load('source/open.js');
  const { prepareClip } = await load('synth/frames.js');
  const { defaultConditions, conditionTags } = await load('synth/conditions.js');
  const spec = ds.colorClipSpec(seed, level);
  const dir = join(tmpdir(), `ledscope-color-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  const out = join(dir, `${level}-${seed}.mp4`);
  try {
    const label = await renderClip({ scenario: spec.scenario, out, seed, conditions: spec.conditions });
    const source = await openSource(out);
    // decoded frames (displayed orientation) through the same live-tracker measurement as in memory
    const measurer = ds.seriesMeasurer(label.led);
    for await (const frame of source.frames()) measurer.push(frame);
    const series = measurer.series();
    // the drive the clip was rendered from (deterministic by seed), for the labels
    const drive = prepareClip(spec.scenario, { ...defaultConditions(), ...spec.conditions }, seed).drive.drive;
    return ds.labelledEvidence(series, drive, { prefer: spec.color }).map((s) => ({
      ...s,
      seed,
      level,
      mode: spec.mode,
      encoded: true,
      tags: conditionTags(spec.conditions),
    }));
  } finally {
    rmSync(out, { force: true });
    rmSync(out.replace(/\.mp4$/, '.json'), { force: true });
  }
}

/**
 * The labelled evidence of a split: `counts` = { clean, hard, encClean, encHard } clips. Cached per
 * clip, so a second run (or the eval after the training) only reads files.
 */
export async function colorDataset(split, counts, { fresh = false, log = () => {} } = {}) {
  const ds = await load('classify/model/dataset.js');
  const dir = join(CACHE_DIR, split);
  mkdirSync(dir, { recursive: true });
  const jobs = [];
  for (let k = 0; k < counts.clean; k++) jobs.push(['clean', 'clean', k]);
  for (let k = 0; k < counts.hard; k++) jobs.push(['hard', 'hard', k]);
  for (let k = 0; k < counts.encClean; k++) jobs.push(['enc-clean', 'clean', k]);
  for (let k = 0; k < counts.encHard; k++) jobs.push(['enc-hard', 'hard', k]);
  const samples = [];
  const started = performance.now();
  let made = 0;
  for (const [kind, level, k] of jobs) {
    const seed = seedOf(split, kind, k);
    const file = join(dir, `${kind}-${seed}.json`);
    let clip;
    if (!fresh && existsSync(file)) {
      clip = JSON.parse(readFileSync(file, 'utf8'));
    } else {
      clip = kind.startsWith('enc-') ? await encodedSamples(seed, level, ds) : ds.inMemorySamples(seed, level);
      writeFileSync(file, JSON.stringify(clip));
      made++;
      if (made % 20 === 0) log(`  ${split}: ${made} clips rendered (${((performance.now() - started) / 1000).toFixed(0)} s)`);
    }
    samples.push(...clip);
  }
  log(`${split}: ${jobs.length} clips (${made} rendered now), ${samples.length} ON runs`);
  return samples;
}

function arg(args, name, dflt) {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : dflt;
}

/** TypeScript mirror of the artifact, so tsc, Vite and Node import the weights without fs. */
function weightsModule(artifact) {
  return [
    '// Generated by `npm run train` (scripts/train.mjs) from models/color-namer.json: do not edit.',
    "import type { ColorModelArtifact } from './color-model.js';",
    '',
    `export const COLOR_MODEL_ARTIFACT: ColorModelArtifact = ${JSON.stringify(artifact, null, 2)};`,
    '',
  ].join('\n');
}

async function main() {
  const args = process.argv.slice(2);
  const counts = {
    clean: arg(args, '--clean', 140),
    hard: arg(args, '--hard', 140),
    encClean: arg(args, '--encoded', 20),
    encHard: arg(args, '--encoded', 20),
  };
  const epochs = arg(args, '--epochs', 80);
  const log = (s) => console.log(s);
  const samples = await colorDataset('train', counts, { fresh: args.includes('--fresh'), log });

  const tf = await import('@tensorflow/tfjs-core');
  await import('@tensorflow/tfjs-backend-cpu');
  await tf.setBackend('cpu');
  const { trainColorModel, serializeColorModel, parameterCount } = await load('classify/model/color-model.js');
  const started = performance.now();
  const { model, history } = await trainColorModel(samples, {
    epochs,
    onEpoch: (e, loss, acc) => {
      if ((e + 1) % 10 === 0) log(`  epoch ${e + 1}/${epochs}: loss ${loss.toFixed(4)}, train accuracy ${(acc * 100).toFixed(1)}%`);
    },
  });
  const trainS = (performance.now() - started) / 1000;
  const perClass = {};
  for (const s of samples) perClass[s.label] = (perClass[s.label] ?? 0) + 1;
  const last = history[history.length - 1];
  const training = {
    command: 'npm run train',
    seeds: '300000-399999 (clean 300000+, hard 310000+, H.264 clean 350000+, H.264 hard 360000+)',
    clips: counts,
    samples: samples.length,
    samplesPerColor: perClass,
    encodedSamples: samples.filter((s) => s.encoded).length,
    epochs,
    batchSize: 32,
    learningRate: 0.005,
    params: parameterCount(model),
    finalLoss: Number(last.loss.toFixed(4)),
    finalTrainAccuracy: Number(last.accuracy.toFixed(4)),
    trainSeconds: Number(trainS.toFixed(1)),
  };
  const artifact = await serializeColorModel(model, training);
  mkdirSync(join(root, 'models'), { recursive: true });
  const json = `${JSON.stringify(artifact, null, 2)}\n`;
  writeFileSync(join(root, 'models', 'color-namer.json'), json);
  writeFileSync(join(root, 'src', 'classify', 'model', 'color-namer-weights.ts'), weightsModule(artifact));
  log(`trained ${training.params} parameters on ${samples.length} runs in ${trainS.toFixed(1)} s → models/color-namer.json (${json.length} bytes)`);
  log('next: npm run eval:color (rule vs model on the dev set; writes models/README.md)');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main();
}
