import { describe, expect, it } from 'vitest';
import { decodingCatalogFor } from '../../src/catalog/index.js';
import { parseElements } from '../../src/classify/match.js';
import type { Element } from '../../src/classify/segment.js';
import { buildTemplates } from '../../src/classify/templates.js';
import { elementsOf } from './elements.js';

const FRAME_MS = 1000 / 24;

/** Measured runs, laid end to end: [kind, ms, rgb of an ON run]. */
function runs(spec: Array<['on' | 'off', number, [number, number, number]?]>): Element[] {
  return elementsOf(spec.map(([kind, ms, rgb]) => ({ kind, ms, rgb })), FRAME_MS);
}

const CYAN: [number, number, number] = [0, 0.9, 1];
const MAGENTA: [number, number, number] = [1, 0.05, 1];

describe('matcher: a dark gap shorter than a frame', () => {
  const templates = buildTemplates(decodingCatalogFor('boron').modes, { device: 'boron', horizonMs: 20000 });
  const ctx = { frameMs: FRAME_MS, jitterMs: 1 };

  it('reads the error colour running straight out of the last cyan blink as the handshake error', () => {
    // fast cyan blinks (50/50 ms) at 24 fps, then the magenta hold with no dark frame before it
    const spec: Array<['on' | 'off', number, [number, number, number]?]> = [];
    for (let k = 0; k < 18; k++) spec.push(['on', k % 2 ? 42 : 58, CYAN], ['off', k % 2 ? 58 : 42]);
    spec.push(['on', 85, CYAN], ['on', 260, MAGENTA], ['off', 3500]);
    const parsed = parseElements(runs(spec), templates, ctx);
    expect(parsed.spans.map((s) => s.template.mode)).toContain('handshake-auth-error');
  });

  it('does not skip a dark gap the frames would have shown', () => {
    // the same colours a second apart (a slow blink): no template OFF of ≤ 1.5 frames is skipped
    const spec: Array<['on' | 'off', number, [number, number, number]?]> = [];
    for (let k = 0; k < 18; k++) spec.push(['on', k % 2 ? 42 : 58, CYAN], ['off', k % 2 ? 58 : 42]);
    spec.push(['on', 85, CYAN], ['off', 1000], ['on', 260, MAGENTA], ['off', 3500]);
    const parsed = parseElements(runs(spec), templates, ctx);
    expect(parsed.spans.map((s) => s.template.mode)).not.toContain('handshake-auth-error');
  });
});
