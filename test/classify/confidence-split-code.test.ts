import { describe, expect, it } from 'vitest';
import { decodingCatalogFor } from '../../src/catalog/index.js';
import { doubtSplitCodes } from '../../src/classify/index.js';
import { stateSpan } from './helpers.js';

const catalog = decodingCatalogFor('boron');

describe('confidence: a fault code whose blinks ran on into another state', () => {
  it('doubts an SOS code when red blinks beside it were taken by another pattern', () => {
    // hard-1470040's timeline: an SOS 11 read as SOS 1 at 0.85, its other code blinks read as a
    // red three-blink cloud error right after it
    const timeline = [
      stateSpan('sos', 11.2, 16.49, { code: 1, color: 'red', confidence: 0.85, colors: ['red'], onCount: 10 }),
      stateSpan('handshake-cloud-unreachable', 16.49, 17.69, { color: 'red', confidence: 0.6, colors: ['red'], onCount: 2 }),
    ];
    doubtSplitCodes(timeline, catalog);
    expect(timeline[0].confidence).toBeLessThan(0.8);
    expect(timeline[0].evidence.notes.join(' ')).toMatch(/count may be off/);
  });

  it('leaves an SOS code alone when what follows is another colour (the reboot into blinking green)', () => {
    const timeline = [
      stateSpan('sos', 0, 9, { code: 3, color: 'red', confidence: 0.9, colors: ['red'], onCount: 12 }),
      stateSpan('connecting-network', 9.2, 12, { color: 'green', confidence: 0.8, colors: ['green'], onCount: 8 }),
    ];
    doubtSplitCodes(timeline, catalog);
    expect(timeline[0].confidence).toBe(0.9);
  });

  it('leaves an SOS code alone when its red neighbour is seconds away', () => {
    const timeline = [
      stateSpan('sos', 0, 9, { code: 3, color: 'red', confidence: 0.9, colors: ['red'], onCount: 12 }),
      stateSpan('off', 9, 14, { color: null, confidence: 0.6, colors: [], onCount: 0 }),
      stateSpan('handshake-error', 14, 16, { color: 'red', confidence: 0.7, colors: ['cyan', 'red'], onCount: 9 }),
    ];
    doubtSplitCodes(timeline, catalog);
    expect(timeline[0].confidence).toBe(0.9);
  });
});
