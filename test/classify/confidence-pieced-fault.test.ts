import { describe, expect, it } from 'vitest';
import { decodingCatalogFor, findMode } from '../../src/catalog/index.js';
import type { ColorName, ModeId } from '../../src/catalog/types.js';
import { chooseDiagnosis } from '../../src/classify/diagnosis.js';
import { buildTemplates, provePiecedLoops } from '../../src/classify/index.js';
import type { StateSpan } from '../../src/classify/types.js';

function span(mode: ModeId, code: number | null, color: ColorName | null, startS: number, endS: number, sufficient: boolean): StateSpan {
  return {
    mode,
    code,
    color,
    startS,
    endS,
    confidence: 0.7,
    evidence: { periodMs: null, duty: null, rampFraction: 0, onCount: 1, colors: color ? [color] : [], frames: 20, fps: 30, variant: 'firmware', explained: 0.9, notes: [], sufficient },
  };
}

const catalog = decodingCatalogFor('boron');
const templates = buildTemplates(catalog.modes, { device: 'boron', horizonMs: 20000 });
const severityOf = (mode: string) => findMode(mode as never, catalog)?.severity ?? null;
const diagnose = (timeline: StateSpan[]) => {
  provePiecedLoops(timeline, templates, severityOf);
  return chooseDiagnosis(timeline, severityOf);
};

/** The power-issue loop's white flashes read as the loop, its green blinks between them as signal bars (other-1500053). */
function loopReadInPieces(pieces: number): StateSpan[] {
  const timeline: StateSpan[] = [];
  for (let k = 0; k < pieces; k++) {
    timeline.push(span('power-issue', null, 'green', 2.5 * k, 2.5 * k + 0.6, false));
    timeline.push(span('signal-strength', 1, 'green', 2.5 * k + 0.6, 2.5 * k + 2.5, true));
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
    const timeline = [span('power-issue', null, 'green', 0, 1.6, false), span('signal-strength', 2, 'green', 1.6, 2.6, true), span('power-issue', null, 'green', 2.6, 4.2, false)];
    expect(diagnose(timeline).mode).toBe('power-issue');
    expect(timeline[0].evidence.notes.join(' ')).toContain('2 pieces');
  });

  it('is not proven by two short pieces (a reset pressed once boots twice)', () => {
    expect(diagnose(loopReadInPieces(2)).mode).toBe('signal-strength');
  });

  it('does not prove an SOS code from pieces of its cycle', () => {
    const timeline = [span('sos', 1, 'red', 0, 2.5, false), span('off', null, null, 2.5, 3, true), span('sos', 1, 'red', 3, 5.5, false), span('off', null, null, 5.5, 6, true), span('sos', 1, 'red', 6, 8.5, false)];
    provePiecedLoops(timeline, templates, severityOf);
    expect(timeline.every((s) => s.mode !== 'sos' || !s.evidence.sufficient)).toBe(true);
  });
});
