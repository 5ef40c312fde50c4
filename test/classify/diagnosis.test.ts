/**
 * The ranking of DESIGN.md §3 on hand-made timelines: faults first, then proven events, then the last
 * stable state.
 */
import { describe, expect, it } from 'vitest';
import { findMode } from '../../src/catalog/index.js';
import type { CatalogModeId } from '../../src/catalog/types.js';
import { chooseDiagnosis } from '../../src/classify/diagnosis.js';
import { stateSpan } from './helpers.js';

const severityOf = (mode: string) => findMode(mode as CatalogModeId)?.severity ?? null;

describe('chooseDiagnosis', () => {
  it('a fault seen anywhere outranks the state the clip ends in', () => {
    const d = chooseDiagnosis([stateSpan('sos', 0, 8, { code: 8, color: 'red' }), stateSpan('connecting-network', 8, 12, { color: 'green' })], severityOf);
    expect([d.mode, d.code, d.reason]).toEqual(['sos', 8, 'fault']);
  });

  it('a fault counted later outranks the same fault whose count was lost or ran short', () => {
    // the first cycle's code blinks ran together; the second cycle's were counted
    const sos = (a: number, b: number, code: number | null, confidence: number) => stateSpan('sos', a, b, { code, color: 'red', confidence });
    const d = chooseDiagnosis([sos(0, 4.7, null, 0.68), sos(7.6, 15.2, 5, 0.57)], severityOf);
    expect([d.mode, d.code, d.startS]).toEqual(['sos', 5, 7.6]);
    // two counts of one code: a camera loses code blinks, it does not make them up, so the larger
    // count stands (fresh other-3010033: SOS 2 whose first cycle's second code blink fell to a 27 ms
    // remnant, read as SOS 1 at 0.50 before SOS 2 at 0.59), first or last
    expect(chooseDiagnosis([sos(0, 5.8, 1, 0.5), sos(5.8, 11.6, 2, 0.59)], severityOf).code).toBe(2);
    expect(chooseDiagnosis([sos(0, 7, 5, 0.57), sos(7, 15, 3, 0.68)], severityOf).code).toBe(5);
  });

  it('a proven event outranks the background state; a fragment of a repeating one does not', () => {
    const bg = (a: number, b: number) => stateSpan('connected', a, b, { color: 'cyan' });
    const proven = chooseDiagnosis([bg(0, 4), stateSpan('rainbow', 4, 9), bg(9, 12)], severityOf);
    expect([proven.mode, proven.reason]).toEqual(['rainbow', 'event']);
    const fragment = chooseDiagnosis([bg(0, 4), stateSpan('rainbow', 4, 4.6, { sufficient: false }), bg(4.6, 12)], severityOf);
    expect([fragment.mode, fragment.reason]).toEqual(['connected', 'last-stable']);
    // a counted readout seen through its cycle is proven by its count; a fragment (two flashes of a
    // flickering steady light) is not
    const bars = chooseDiagnosis([bg(0, 4), stateSpan('signal-strength', 4, 6, { code: 2, color: 'green' }), bg(6, 12)], severityOf);
    expect([bars.mode, bars.code, bars.reason]).toEqual(['signal-strength', 2, 'event']);
    const barsFragment = chooseDiagnosis([bg(0, 4), stateSpan('signal-strength', 4, 4.5, { code: 2, color: 'green', sufficient: false }), bg(4.5, 12)], severityOf);
    expect([barsFragment.mode, barsFragment.reason]).toEqual(['connected', 'last-stable']);
  });

  it('otherwise the last state seen long enough, not a short tail', () => {
    const d = chooseDiagnosis([stateSpan('connecting-cloud', 0, 3, { color: 'cyan' }), stateSpan('connected', 3, 10, { color: 'cyan' }), stateSpan('off', 10, 10.5)], severityOf);
    expect([d.mode, d.reason]).toEqual(['connected', 'last-stable']);
    expect(chooseDiagnosis([], severityOf).mode).toBe('unknown');
  });

  it('says the settled state with doubt when a fault was seen but not proven, naming the fault', () => {
    // orange error blinks read red, their count incomplete: the fault cannot outrank, but the blinking
    // cyan the device fell back to is no longer said at 0.9
    const d = chooseDiagnosis(
      [stateSpan('handshake-cloud-unreachable', 1, 4, { color: 'red', sufficient: false, confidence: 0.73 }), stateSpan('connecting-cloud', 4, 9, { color: 'cyan', confidence: 0.9 })],
      severityOf,
    );
    expect([d.mode, d.reason]).toEqual(['connecting-cloud', 'last-stable']);
    expect(d.confidence).toBeLessThanOrEqual(0.7);
    expect(d.alternatives?.[0]?.mode).toBe('handshake-cloud-unreachable');
    // without it the settled state keeps its confidence
    const plain = chooseDiagnosis([stateSpan('connecting-network', 0, 4, { color: 'green' }), stateSpan('connecting-cloud', 4, 9, { color: 'cyan', confidence: 0.9 })], severityOf);
    expect(plain.confidence).toBe(0.9);
  });
});

