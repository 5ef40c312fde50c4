import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIRMWARE_HEX } from '../../src/catalog/colors.js';
import { COLOR_NAMES, type ColorName } from '../../src/catalog/types.js';
import {
  colorModelFromArtifact,
  namerFromModel,
  serializeColorModel,
  trainColorModel,
} from '../../src/classify/model/color-model.js';
import { colorFeatures, tintCorrected } from '../../src/classify/model/features.js';
import { COLOR_MODEL_ARTIFACT, loadModelColorNamer, modelColorNamer } from '../../src/classify/model/model-namer.js';
import type { ColorEvidence } from '../../src/classify/types.js';

function prototype(name: ColorName, extra: Partial<ColorEvidence> = {}): ColorEvidence {
  const hex = FIRMWARE_HEX[name];
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
  return { r, g, b, clippedFraction: 0, luma: 1, whiteRef: null, ...extra };
}

/** A spread of evidence: every prototype, paler, tinted, clipped, dim. */
function grid(): ColorEvidence[] {
  const out: ColorEvidence[] = [];
  for (const n of COLOR_NAMES) {
    const p = prototype(n);
    out.push(p, { ...p, clippedFraction: 1 }, { ...p, luma: 0.6 });
    out.push({ ...p, r: 0.7 * p.r + 0.3, g: 0.7 * p.g + 0.3, b: 0.7 * p.b + 0.3 });
    out.push({ ...p, r: p.r * 1.15, b: p.b * 0.8, whiteRef: { r: 1.15, g: 1, b: 0.8 } });
  }
  return out;
}

describe('saved colour model', () => {
  it('is the file models/color-namer.json, bundled as a module', () => {
    const file = JSON.parse(readFileSync(join('models', 'color-namer.json'), 'utf8'));
    expect(file).toEqual(JSON.parse(JSON.stringify(COLOR_MODEL_ARTIFACT)));
  });

  it('loads with the async tfjs loader (the browser path) and names every prototype colour', async () => {
    const namer = await loadModelColorNamer();
    for (const n of COLOR_NAMES) {
      const naming = namer(prototype(n));
      expect(naming.name, n).toBe(n);
      const sum = Object.values(naming.scores).reduce((a, b) => a + b, 0);
      expect(sum).toBeCloseTo(1, 4);
      expect(naming.confidence).toBe(naming.scores[n]);
    }
  });

  it('the synchronous build predicts exactly what the tfjs loader does', async () => {
    const asyncNamer = await loadModelColorNamer();
    const syncNamer = modelColorNamer();
    for (const e of grid()) expect(syncNamer(e).scores).toEqual(asyncNamer(e).scores);
  });

  it('save → load round trip keeps every prediction', async () => {
    const model = colorModelFromArtifact(COLOR_MODEL_ARTIFACT);
    const saved = await serializeColorModel(model, COLOR_MODEL_ARTIFACT.training);
    expect(saved.weightData).toBe(COLOR_MODEL_ARTIFACT.weightData);
    const before = namerFromModel(model);
    const after = await loadModelColorNamer(saved);
    for (const e of grid()) expect(after(e).scores).toEqual(before(e).scores);
  });

  it('refuses an artifact saved for other features', async () => {
    const other = { ...COLOR_MODEL_ARTIFACT, features: ['r', 'g', 'b'] };
    expect(() => colorModelFromArtifact(other)).toThrow(/other features/);
    await expect(loadModelColorNamer(other)).rejects.toThrow(/other features/);
  });
});

describe('colour features', () => {
  it('divide out the white reference', () => {
    const tinted = prototype('white', { r: 1.2, g: 1, b: 0.8, whiteRef: { r: 1.2, g: 1, b: 0.8 } });
    const [r, g, b] = tintCorrected(tinted);
    expect(r / g).toBeCloseTo(1, 6);
    expect(b / g).toBeCloseTo(1, 6);
    expect(Array.from(colorFeatures(tinted))).toEqual(Array.from(colorFeatures(prototype('white'))));
  });

  it('put red near 0° and 360° in the same place and give grey no hue', () => {
    const a = colorFeatures({ r: 1, g: 0.05, b: 0, clippedFraction: 0, luma: 1 });
    const b = colorFeatures({ r: 1, g: 0, b: 0.05, clippedFraction: 0, luma: 1 });
    expect(Math.abs(a[5] - b[5])).toBeLessThan(0.01);
    expect(Math.abs(a[6] + b[6])).toBeLessThan(0.2);
    const grey = colorFeatures({ r: 0.5, g: 0.5, b: 0.5, clippedFraction: 0, luma: 1 });
    expect(grey[5]).toBe(0);
    expect(grey[6]).toBe(0);
  });
});

describe('training', () => {
  it('one epoch on 200 synthetic samples is deterministic and lowers nothing to NaN', async () => {
    let s = 1;
    const rand = () => ((s = (s * 16807) % 2147483647) / 2147483647);
    const samples = Array.from({ length: 200 }, (_, i) => {
      const label = COLOR_NAMES[i % COLOR_NAMES.length];
      const p = prototype(label);
      return { label, evidence: { ...p, r: p.r + 0.1 * rand(), g: p.g + 0.1 * rand(), b: p.b + 0.1 * rand() } };
    });
    const a = await trainColorModel(samples, { epochs: 1 });
    const b = await trainColorModel(samples, { epochs: 1 });
    expect(Number.isFinite(a.history[0].loss)).toBe(true);
    const wa = (await serializeColorModel(a.model)).weightData;
    const wb = (await serializeColorModel(b.model)).weightData;
    expect(wa).toBe(wb);
  });
});
