import { describe, expect, it } from 'vitest';
import { decodingCatalogFor } from '../../src/catalog/index.js';
import { doubtSplitCodes, flagConflictingCodes } from '../../src/classify/index.js';
import { stateSpan } from './helpers.js';

describe('confidence: a counted code whose blinks ran on into another state', () => {
  it('doubts an SOS code when red blinks beside it were taken by another pattern', () => {
    // hard-1470040's timeline: an SOS 11 read as SOS 1 at 0.85, its other code blinks read as a
    // red three-blink cloud error right after it
    const timeline = [
      stateSpan('sos', 11.2, 16.49, { code: 1, color: 'red', confidence: 0.85, colors: ['red'], onCount: 10 }),
      stateSpan('handshake-cloud-unreachable', 16.49, 17.69, { color: 'red', confidence: 0.6, colors: ['red'], onCount: 2 }),
    ];
    doubtSplitCodes(timeline);
    expect(timeline[0].confidence).toBeLessThan(0.8);
    expect(timeline[0].evidence.notes.join(' ')).toMatch(/count may be off/);
  });

  it('leaves an SOS code alone when what follows is another colour (the reboot into blinking green)', () => {
    const timeline = [
      stateSpan('sos', 0, 9, { code: 3, color: 'red', confidence: 0.9, colors: ['red'], onCount: 12 }),
      stateSpan('connecting-network', 9.2, 12, { color: 'green', confidence: 0.8, colors: ['green'], onCount: 8 }),
    ];
    doubtSplitCodes(timeline);
    expect(timeline[0].confidence).toBe(0.9);
  });

  it('leaves an SOS code alone when its red neighbour is seconds away', () => {
    const timeline = [
      stateSpan('sos', 0, 9, { code: 3, color: 'red', confidence: 0.9, colors: ['red'], onCount: 12 }),
      stateSpan('off', 9, 14, { color: null, confidence: 0.6, colors: [], onCount: 0 }),
      stateSpan('handshake-error', 14, 16, { color: 'red', confidence: 0.7, colors: ['cyan', 'red'], onCount: 9 }),
    ];
    doubtSplitCodes(timeline);
    expect(timeline[0].confidence).toBe(0.9);
  });

  it('doubts a signal-bar count when a bar beside it was read as another count', () => {
    // hard-1470048's timeline: four bars read as three at 0.92, the fourth as one bar of its own
    const timeline = [
      stateSpan('signal-strength', 4.93, 6.56, { code: 3, color: 'green', confidence: 0.92, colors: ['green'], onCount: 3 }),
      stateSpan('signal-strength', 6.56, 8.38, { code: 1, color: 'green', confidence: 0.49, colors: ['green'], onCount: 1 }),
    ];
    doubtSplitCodes(timeline);
    expect(timeline[0].confidence).toBeLessThan(0.8);
    expect(timeline[0].evidence.notes.join(' ')).toMatch(/count may be off/);
  });

  it('leaves a code alone beside the same count seen again', () => {
    const timeline = [
      stateSpan('sos', 0, 7, { code: 3, color: 'red', confidence: 0.9, colors: ['red'], onCount: 12 }),
      stateSpan('sos', 7.2, 13, { code: 3, color: 'red', confidence: 0.8, colors: ['red'], onCount: 12 }),
    ];
    doubtSplitCodes(timeline);
    expect(timeline[0].confidence).toBe(0.9);
  });
});

describe('confidence: one fault read with two codes', () => {
  it('doubts both codes and names each other code once, however many spans read it', () => {
    // hard-250034's timeline: an SOS 5 whose first cycle's pieces read as SOS 1 twice
    const sos = (a: number, b: number, code: number) => stateSpan('sos', a, b, { code, color: 'red', confidence: 0.8, colors: ['red'] });
    const timeline = [sos(0, 4.7, 1), sos(5.3, 7.6, 1), sos(7.6, 15.1, 5)];
    flagConflictingCodes(timeline, decodingCatalogFor('boron'));
    expect(timeline.map((s) => s.confidence)).toEqual([0.48, 0.48, 0.48]);
    expect(timeline[2].alternatives?.map((a) => [a.mode, a.code])).toEqual([['sos', 1]]);
    expect(timeline[0].alternatives?.map((a) => [a.mode, a.code])).toEqual([['sos', 5]]);
  });
});
