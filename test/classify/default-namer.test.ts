import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ruleColorNamer } from '../../src/classify/color-namer.js';
import { DEFAULT_COLOR_NAMER, defaultColorNamer, loadDefaultColorNamer } from '../../src/classify/model/default-namer.js';

const SRC = join(import.meta.dirname, '..', '..', 'src');

/** Bare specifiers reached through static `import … from` (not `import()`) from one source file. */
function staticImports(entry: string): Set<string> {
  const bare = new Set<string>();
  const seen = new Set<string>();
  const walk = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/^\s*(?:import|export)\s+(?!type\b)[^;]*?from\s+'([^']+)'|^\s*import\s+'([^']+)'/gm)) {
      const spec = m[1] ?? m[2];
      if (spec.startsWith('.')) walk(resolve(dirname(file), spec.replace(/\.js$/, '.ts')));
      else bare.add(spec);
    }
  };
  walk(entry);
  return bare;
}

describe('default colour namer', () => {
  it('is ready without loading anything when it is the rule namer, and loads the same namer', async () => {
    if (DEFAULT_COLOR_NAMER !== 'rule') return expect(await loadDefaultColorNamer()).toBe(defaultColorNamer());
    expect(defaultColorNamer()).toBe(ruleColorNamer);
    expect(await loadDefaultColorNamer()).toBe(ruleColorNamer);
  });

  it('diagnose does not import tfjs unless the model is the default (its import is ~0.5 s of CPU per run)', () => {
    const reached = [...staticImports(join(SRC, 'diagnose', 'diagnose-file.ts'))];
    const tf = reached.filter((s) => s.startsWith('@tensorflow/'));
    if (DEFAULT_COLOR_NAMER === 'rule') expect(tf).toEqual([]);
    // the walk itself must see the pipeline's other packages, or it proves nothing
    expect(reached).toContain('fluent-ffmpeg');
    // and tfjs is still reachable from the model namer, which the eval and the page load on demand
    expect([...staticImports(join(SRC, 'classify', 'model', 'model-namer.ts'))]).toContain('@tensorflow/tfjs-core');
  });
});
