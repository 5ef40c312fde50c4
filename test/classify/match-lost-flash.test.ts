import { describe, expect, it } from 'vitest';
import { decodingCatalogFor } from '../../src/catalog/index.js';
import { parseElements } from '../../src/classify/match.js';
import { buildTemplates } from '../../src/classify/templates.js';
import { elementsOf, type RunSpec } from './elements.js';

const FRAME_MS = 1000 / 24;
const CYAN = [0.1, 1, 0.95] as const;
const GREEN = [0.1, 1, 0.1] as const;

const templates = buildTemplates(decodingCatalogFor('boron').modes, { device: 'boron', horizonMs: 20000 });
const ctx = { frameMs: FRAME_MS, jitterMs: 2, clipHeavy: false };

/** The coded states the parse finds, as "mode code". */
function codes(spec: RunSpec[]): string[] {
  return parseElements(elementsOf(spec, FRAME_MS), templates, ctx)
    .spans.filter((s) => s.template.code !== null)
    .map((s) => `${s.template.mode} ${s.template.code}`);
}

/**
 * Breathing cyan, then the signal bars (750 ms dim, then per bar 50 ms bright and 350 ms dim, 400 ms
 * more dim after the last: system/src/main.cpp's LEDCounterStatus), then breathing cyan again, as a
 * 24 fps camera sees them: each bar a lit run of one frame, the dim green dark. `seen[k]`: bar k showed.
 */
function bars(seen: boolean[]): RunSpec[] {
  const spec: RunSpec[] = [{ kind: 'on', ms: 1500, rgb: CYAN, ramp: true }];
  let darkMs = 900 + 750; // the breath's dark part, then the lead-in
  for (const [k, shown] of seen.entries()) {
    if (shown) {
      spec.push({ kind: 'off', ms: darkMs - FRAME_MS / 2 }, { kind: 'on', ms: FRAME_MS, rgb: GREEN });
      darkMs = FRAME_MS / 2;
    } else darkMs += 50;
    darkMs += k === seen.length - 1 ? 750 : 350;
  }
  spec.push({ kind: 'off', ms: darkMs }, { kind: 'on', ms: 1500, rgb: CYAN, ramp: true });
  return spec;
}

describe('matcher: a signal bar lost whole between two seen ones', () => {
  it('counts three bars when all three show (the reference)', () => {
    expect(codes(bars([true, true, true]))).toEqual(['signal-strength 3']);
  });

  it('still counts three when the middle bar is lost', () => {
    // other-2680047's shape: a small LED at CRF 32 lost the middle bar's 50 ms flash; the two seen
    // flashes, 800 ms apart, read as two patterns of one bar each
    expect(codes(bars([true, false, true]))).toEqual(['signal-strength 3']);
  });

  it('counts five when the second and the fourth bars are lost', () => {
    expect(codes(bars([true, false, true, false, true]))).toEqual(['signal-strength 5']);
  });

  it('does not add a bar the clip gives no time for: one bar stays one, two stay two', () => {
    // the dark after the last bar runs into the breath (its length is not the pattern's), so no
    // lost bar is read there
    expect(codes(bars([true]))).toEqual(['signal-strength 1']);
    expect(codes(bars([true, true]))).toEqual(['signal-strength 2']);
  });
});
