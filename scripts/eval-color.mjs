#!/usr/bin/env node
/**
 * Rule namer vs colour model on the dev set: the same ON-run evidence (renderer → extractSeries →
 * segmenter) named by both, accuracy per colour, per condition and per path (in memory / H.264),
 * with a confusion matrix for each. Writes the model card models/README.md.
 *
 *   npm run eval:color                      # build, then dev seeds 100000+ (cached under .cache/color-data/)
 *   node scripts/eval-color.mjs --clean 80 --hard 80 --encoded 16 [--no-card]
 *
 * Dev seeds 100000–199999 are never trained on (training uses 300000+, fixtures 1000–1999).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { colorDataset } from './train.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = process.env.LEDSCOPE_DIST ?? join(root, 'dist');
const load = (p) => import(pathToFileURL(join(dist, p)).href);

const args = process.argv.slice(2);
const arg = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : dflt;
};
const counts = { clean: arg('--clean', 80), hard: arg('--hard', 80), encClean: arg('--encoded', 16), encHard: arg('--encoded', 16) };

const { COLOR_NAMES } = await load('catalog/types.js');
const { ruleColorNamer } = await load('classify/color-namer.js');
const { DEFAULT_COLOR_NAMER } = await load('classify/model/default-namer.js');
const { loadModelColorNamer, COLOR_MODEL_ARTIFACT } = await load('classify/model/model-namer.js');

const samples = await colorDataset('dev', counts, { fresh: args.includes('--fresh'), log: (s) => console.log(s) });
const artifactJson = readFileSync(join(root, 'models', 'color-namer.json'), 'utf8');
const artifact = JSON.parse(artifactJson);
if (JSON.stringify(artifact) !== JSON.stringify(COLOR_MODEL_ARTIFACT)) {
  console.warn('warning: the build bundles other weights than models/color-namer.json (run `npm run build`); evaluating the file');
}
// the browser's loader (tf.io.fromMemory), on the saved file
const modelNamer = await loadModelColorNamer(artifact);
const namers = { rule: ruleColorNamer, model: modelNamer };

const results = samples.map((s) => ({
  ...s,
  rule: namers.rule(s.evidence).name,
  model: namers.model(s.evidence).name,
}));

const pct = (a, n) => (n > 0 ? `${((100 * a) / n).toFixed(1)}%` : '—');
function accuracy(rows, key) {
  return { right: rows.filter((r) => r[key] === r.label).length, n: rows.length };
}
function line(title, rows) {
  const a = accuracy(rows, 'rule');
  const b = accuracy(rows, 'model');
  return `| ${title} | ${rows.length} | ${pct(a.right, a.n)} | ${pct(b.right, b.n)} |`;
}

function confusion(rows, key) {
  const head = `| truth \\ named | ${COLOR_NAMES.join(' | ')} |`;
  const sep = `|---|${COLOR_NAMES.map(() => '---:').join('|')}|`;
  const body = COLOR_NAMES.map((t) => {
    const row = rows.filter((r) => r.label === t);
    return `| ${t} | ${COLOR_NAMES.map((p) => row.filter((r) => r[key] === p).length || '·').join(' | ')} |`;
  });
  return [head, sep, ...body].join('\n');
}

const table = ['| subset | runs | rule | model |', '|---|---:|---:|---:|'];
table.push(line('**all**', results));
for (const level of ['clean', 'hard']) table.push(line(level, results.filter((r) => r.level === level)));
table.push(line('in memory', results.filter((r) => !r.encoded)));
table.push(line('H.264 round trip', results.filter((r) => r.encoded)));
for (const c of COLOR_NAMES) table.push(line(c, results.filter((r) => r.label === c)));
const tags = [...new Set(results.flatMap((r) => r.tags))].sort();
for (const t of tags) table.push(line(`tag: ${t}`, results.filter((r) => r.tags.includes(t))));
table.push(line('solid LED', results.filter((r) => r.mode === 'solid')));
table.push(line('blinking/breathing/composite', results.filter((r) => r.mode !== 'solid')));

const all = { rule: accuracy(results, 'rule'), model: accuracy(results, 'model') };
const onlyModel = results.filter((r) => r.model === r.label && r.rule !== r.label).length;
const onlyRule = results.filter((r) => r.rule === r.label && r.model !== r.label).length;
const better = all.model.right > all.rule.right ? 'model' : 'rule';

const report = [
  table.join('\n'),
  '',
  `Right only by the model: ${onlyModel}; right only by the rule: ${onlyRule}.`,
  '',
  '**Rule namer** (rows: colour rendered, columns: colour named)',
  '',
  confusion(results, 'rule'),
  '',
  '**Model**',
  '',
  confusion(results, 'model'),
].join('\n');
console.log(`\n${report}\n`);
console.log(`dev accuracy: rule ${pct(all.rule.right, all.rule.n)}, model ${pct(all.model.right, all.model.n)} on ${results.length} ON runs → better: ${better}`);

if (!args.includes('--no-card')) {
  const t = artifact.training ?? {};
  const weightBytes = Math.round((artifact.weightData.length * 3) / 4);
  const card = `# Colour model (\`models/color-namer.json\`)

A small MLP that names the colour of one ON run of the status LED from the evidence the segmenter
measures (\`ColorEvidence\`: mean ON−OFF chromaticity in linear light, clipped fraction, brightness,
optional white reference). It is the learned alternative to the rule namer
(\`src/classify/color-namer.ts\`) behind the same \`ColorNamer\` interface; code in
\`src/classify/model/\`.

## Model

- Input: ${artifact.features.length} features of the evidence after dividing out the white reference
  (\`src/classify/model/features.ts\`: ${artifact.features.join(', ')}).
- Dense ${artifact.modelTopology.config.layers.map((l) => `${l.config.units} ${l.config.activation}`).join(' → ')}
  (the 8 contract colours: ${artifact.classes.join(', ')}).
- Size: **${t.params ?? '?'} parameters**, ${weightBytes} bytes of float32 weights; the JSON file
  (topology + base64 weights) is ${artifactJson.length} bytes.
- Loading: \`modelColorNamer()\` (synchronous, builds the Dense stack and sets the weights) or
  \`loadModelColorNamer()\` (tfjs's \`loadLayersModel(tf.io.fromMemory(...))\`), both from the
  weights bundled as the module \`src/classify/model/color-namer-weights.ts\` — the same code in
  Node and the browser, no fs. Imports only tfjs-core, tfjs-layers and the CPU backend.

## Training data

Rendered by the repo (\`src/classify/model/dataset.ts\`, \`scripts/train.mjs\`): each clip shows one
contract colour (about 30% solid, the rest a catalog mode that shows it: blinking, breathing, SOS,
the handshake-error composites; a composite's other colours are kept too) for 5 s under random
camera conditions (\`randomConditions(seed, 'clean' | 'hard')\`: tint, clipping, low light, noise,
small LED, shake, flicker…). Most clips are rendered on a 384×216 canvas and measured in memory;
some go through real H.264 at full size (\`renderClip\` → \`openSource\`). Either way the real
measurement path runs (the live tracker, \`createLiveTracker\`, pinned at the label's LED with a
1.5 s search), then the real segmenter (\`computeLevels\` + \`segmentSeries\` + \`colorEvidenceOf\`);
each ON run is labelled with the colour the renderer drove during it (runs mixing colours are
dropped), at most 6 runs per clip. (The file path's \`extractSeries --at\` was not used: when this
model was trained its radius estimate around a pinned point came out ~1.5× the LED's and washed
colours out to white, which no namer can undo.)

- Seeds ${t.seeds ?? '300000–399999'}; clips ${JSON.stringify(t.clips ?? {})}.
- ${t.samples ?? '?'} ON runs (${t.encodedSamples ?? '?'} through H.264); per colour ${JSON.stringify(t.samplesPerColor ?? {})}.
- ${t.epochs ?? '?'} epochs, Adam lr ${t.learningRate ?? '?'}, batch ${t.batchSize ?? '?'}, classes weighted by inverse
  frequency; deterministic (seeded initialisers and shuffles, CPU backend). Final training loss
  ${t.finalLoss ?? '?'}, training accuracy ${t.finalTrainAccuracy !== undefined ? (100 * t.finalTrainAccuracy).toFixed(1) + '%' : '?'}; ${t.trainSeconds ?? '?'} s.

## Accuracy on the dev set

\`npm run eval:color\`: dev seeds 100000+ (never trained on), clips ${JSON.stringify(counts)},
${results.length} ON runs, both namers on the same evidence.

**Rule ${pct(all.rule.right, all.rule.n)} vs model ${pct(all.model.right, all.model.n)}** per ON run (the **${better}** namer here). The
default (\`DEFAULT_COLOR_NAMER\` in \`src/classify/model/default-namer.ts\`, now the **${DEFAULT_COLOR_NAMER}** namer) is chosen on
whole diagnoses (\`npm run eval -- --namer both\`), not on these per-run figures: write those here when they change.

${report}

## Retrain

\`\`\`
npm run train        # build, render/cached data (.cache/color-data/), train, write models/color-namer.json + the weights module
npm run eval:color   # build, compare with the rule namer on the dev set, rewrite this card
\`\`\`

\`node scripts/train.mjs --fresh\` regenerates the cached data (do so after the measurement or the
segmenter changed: the cache holds their output).

## Known gaps

- Trained and tested on rendered clips only; real phone footage may differ (sensor colour
  response, real compression).
- The dev data have no white reference (only the classifier's second pass supplies one, from a white
  run in the same clip); the model sees tint-corrected colour, so a reference only helps it, but that
  path is not measured here.
- Trained on whole-run evidence; the classifier also calls the namer per sample to spot a rainbow,
  which is noisier than what the model saw: a model that is confident on noisy single samples can
  make a colour transition look like a rainbow (seen once in a quick end-to-end check of 60
  series-level clips; the rule and the model agreed on 57 diagnoses).
- Yellow is the weakest colour for both namers (clipped yellow reads white or green).
- Figures count ON runs; runs of one clip are correlated, so the effective sample is smaller.
`;
  writeFileSync(join(root, 'models', 'README.md'), card);
  console.log('wrote models/README.md');
}
