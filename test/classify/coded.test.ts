import { describe, expect, it } from 'vitest';
import { run, triple } from './helpers.js';

describe('coded and composite patterns from simulated series', () => {
  it.each([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15])('SOS code %i is counted exactly', (code) => {
    const { result } = run({ device: 'boron', parts: [{ mode: 'sos', code }] }, 100 + code);
    expect(triple(result.diagnosis)).toBe(`sos/${code}/red`);
  });

  it.each(['handshake-decryption-error', 'handshake-no-internet', 'handshake-cloud-unreachable', 'handshake-auth-error', 'handshake-error'] as const)(
    'cloud error %s after blinking cyan',
    (mode) => {
      const { result, expected } = run({ device: 'argon', parts: [{ mode: 'connecting-cloud', durationMs: 1500 }, { mode }, { mode: 'connecting-cloud', durationMs: 1500 }] }, 7);
      expect(triple(result.diagnosis)).toBe(triple(expected));
      expect(result.diagnosis.reason).toBe('fault');
    },
  );

  it('reports three blinks that look red in the orange the firmware drives, and says how they looked', () => {
    // the page: three orange blinks are "sometimes seen as yellow or red" (bad server keys); the
    // firmware drives orange for every count above one, and a camera moves orange toward red
    const { result } = run(
      { device: 'argon', parts: [{ mode: 'connecting-cloud', durationMs: 1500 }, { mode: 'handshake-cloud-unreachable', variant: 'seen-as-red' }, { mode: 'connecting-cloud', durationMs: 1500 }] },
      7,
    );
    expect(triple(result.diagnosis)).toBe('handshake-cloud-unreachable/null/orange');
    const span = result.timeline.find((s) => s.mode === 'handshake-cloud-unreachable');
    expect(span?.evidence.notes.join(' ')).toContain('read red');
  });

  it.each([1, 2, 3, 4, 5])('signal strength with %i bars interrupts breathing cyan', (bars) => {
    const { result } = run(
      { device: 'boron', parts: [{ mode: 'connected', durationMs: 3000 }, { mode: 'signal-strength', code: bars }, { mode: 'connected', durationMs: 3000 }] },
      20 + bars,
    );
    expect(triple(result.diagnosis)).toBe(`signal-strength/${bars}/green`);
    expect(result.diagnosis.reason).toBe('event');
  });

});
