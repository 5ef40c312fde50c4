import { describe, expect, it } from 'vitest';
import { decodingCatalogFor, findMode } from '../../src/catalog/index.js';
import { chooseDiagnosis } from '../../src/classify/diagnosis.js';
import { buildTemplates, provePiecedLoops } from '../../src/classify/index.js';
import type { StateSpan } from '../../src/classify/types.js';
import { stateSpan } from './helpers.js';

const catalog = decodingCatalogFor('boron');
const templates = buildTemplates(catalog.modes, { device: 'boron', horizonMs: 20000 });
const severityOf = (mode: string) => findMode(mode as never, catalog)?.severity ?? null;
const diagnose = (timeline: StateSpan[]) => {
  provePiecedLoops(timeline, templates);
  return chooseDiagnosis(timeline, severityOf);
};

/** The power-issue loop's white flashes read as the loop, its green blinks between them as signal bars (other-1500053). */
function loopReadInPieces(pieces: number): StateSpan[] {
  const timeline: StateSpan[] = [];
  for (let k = 0; k < pieces; k++) {
    timeline.push(stateSpan('power-issue', 2.5 * k, 2.5 * k + 0.6, { color: 'green', sufficient: false }));
    timeline.push(stateSpan('signal-strength', 2.5 * k + 0.6, 2.5 * k + 2.5, { code: 1, color: 'green' }));
  }
  return timeline;
}

describe('a looping fault read in pieces', () => {
  it('is proven by three pieces: the device rebooting again and again', () => {
    const d = diagnose(loopReadInPieces(3));
    expect(d.mode).toBe('power-issue');
    expect(d.reason).toBe('fault');
  });

  it('is proven by two pieces that together last as long as one loop needs', () => {
    const timeline = [
      stateSpan('power-issue', 0, 1.6, { color: 'green', sufficient: false }),
      stateSpan('signal-strength', 1.6, 2.6, { code: 2, color: 'green' }),
      stateSpan('power-issue', 2.6, 4.2, { color: 'green', sufficient: false }),
    ];
    expect(diagnose(timeline).mode).toBe('power-issue');
    expect(timeline[0].evidence.notes.join(' ')).toContain('2 pieces');
  });

  it('is not proven by two short pieces (a reset pressed once boots twice)', () => {
    expect(diagnose(loopReadInPieces(2)).mode).toBe('signal-strength');
  });

  it('does not prove an SOS code from pieces of its cycle', () => {
    const timeline = [stateSpan('sos', 0, 2.5, { code: 1, color: 'red', sufficient: false }), stateSpan('off', 2.5, 3, { color: null, sufficient: true }), stateSpan('sos', 3, 5.5, { code: 1, color: 'red', sufficient: false }), stateSpan('off', 5.5, 6, { color: null, sufficient: true }), stateSpan('sos', 6, 8.5, { code: 1, color: 'red', sufficient: false })];
    provePiecedLoops(timeline, templates);
    expect(timeline.every((s) => s.mode !== 'sos' || !s.evidence.sufficient)).toBe(true);
  });
});
