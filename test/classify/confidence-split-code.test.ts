import { describe, expect, it } from 'vitest';
import { decodingCatalogFor } from '../../src/catalog/index.js';
import { doubtSplitCodes } from '../../src/classify/index.js';
import type { StateSpan } from '../../src/classify/types.js';
import type { ColorName, ModeId } from '../../src/catalog/types.js';

function span(mode: ModeId, code: number | null, color: ColorName | null, startS: number, endS: number, confidence: number, colors: ColorName[], onCount: number): StateSpan {
  return {
    mode,
    code,
    color,
    startS,
    endS,
    confidence,
    evidence: { periodMs: null, duty: null, rampFraction: 0, onCount, colors, frames: 100, fps: 24, variant: 'firmware', explained: 0.75, notes: [], sufficient: true },
  };
}

const catalog = decodingCatalogFor('boron');

describe('confidence: a fault code whose blinks ran on into another state', () => {
  it('doubts an SOS code when red blinks beside it were taken by another pattern', () => {
    // hard-1470040's timeline: an SOS 11 read as SOS 1 at 0.85, its other code blinks read as a
    // red three-blink cloud error right after it
    const timeline = [
      span('sos', 1, 'red', 11.2, 16.49, 0.85, ['red'], 10),
      span('handshake-cloud-unreachable', null, 'red', 16.49, 17.69, 0.6, ['red'], 2),
    ];
    doubtSplitCodes(timeline, catalog);
    expect(timeline[0].confidence).toBeLessThan(0.8);
    expect(timeline[0].evidence.notes.join(' ')).toMatch(/count may be off/);
  });

  it('leaves an SOS code alone when what follows is another colour (the reboot into blinking green)', () => {
    const timeline = [
      span('sos', 3, 'red', 0, 9, 0.9, ['red'], 12),
      span('connecting-network', null, 'green', 9.2, 12, 0.8, ['green'], 8),
    ];
    doubtSplitCodes(timeline, catalog);
    expect(timeline[0].confidence).toBe(0.9);
  });

  it('leaves an SOS code alone when its red neighbour is seconds away', () => {
    const timeline = [
      span('sos', 3, 'red', 0, 9, 0.9, ['red'], 12),
      span('off', null, null, 9, 14, 0.6, [], 0),
      span('handshake-error', null, 'red', 14, 16, 0.7, ['cyan', 'red'], 9),
    ];
    doubtSplitCodes(timeline, catalog);
    expect(timeline[0].confidence).toBe(0.9);
  });
});
