import { describe, expect, it } from 'vitest';
import { catalogFor, getMode, type Catalog } from '../../src/catalog/index.js';
import { expandPattern } from '../../src/catalog/expand.js';
import type { ColorSpec, ModeEntry, Step } from '../../src/catalog/types.js';
import { driveAt, driveFromSteps, integrateDrive, LED_TICK_MS, type Drive } from '../../src/synth/drive.js';
import { presetScenario } from '../../src/synth/presets.js';
import { driveForScenario, expectedDiagnosis, patternLengthMs, partPattern } from '../../src/synth/timeline.js';

const RED: ColorSpec = { name: 'red', hex: '#FF0000' };
const CYAN: ColorSpec = { name: 'cyan', hex: '#00FFFF' };
const DIM: ColorSpec = { name: null, hex: '#000A00' };

/** Run lengths (ms) of lit / dark ticks, signed: +on, −off. */
function runs(d: Drive, channel: 'r' | 'g' | 'b' = 'r'): number[] {
  const a = d[channel];
  const out: number[] = [];
  let lit = a[0] > 0;
  let n = 0;
  for (let k = 0; k < a.length; k++) {
    if (a[k] > 0 === lit) n++;
    else {
      out.push((lit ? 1 : -1) * n * d.stepMs);
      lit = a[k] > 0;
      n = 1;
    }
  }
  out.push((lit ? 1 : -1) * n * d.stepMs);
  return out;
}

/** A hand-built catalog entry, for tests that must not depend on the real catalog's numbers. */
function entry(id: ModeEntry['id'], steps: Step[], severity: ModeEntry['severity'] = 'state'): ModeEntry {
  return {
    id,
    name: id,
    seedHeadings: [],
    colors: ['red'],
    family: 'blink',
    variants: [{ id: 'firmware', pattern: { loop: steps, repeat: Infinity }, source: { ref: 'test' } }],
    tolerance: { fraction: 0.2, minMs: 40 },
    devices: ['boron'],
    meaning: { default: '' },
    advice: { default: '' },
    severity,
  };
}

describe('drive waveform', () => {
  it('plays SOS 8 with the panic.c timing: one cycle is 4600 + 600·8 ms, twice', () => {
    const d = driveForScenario({ device: 'boron', parts: [{ mode: 'sos', code: 8 }] }, catalogFor('boron'), 1);
    const cycleMs = 4600 + 600 * 8;
    expect(d.durationMs).toBe(2 * cycleMs);
    expect(d.drive.r.length * LED_TICK_MS).toBe(2 * cycleMs);
    const r = runs(d.drive);
    const sos = [150, -100, 150, -100, 150, -200, 300, -100, 300, -100, 300, -200, 150, -100, 150, -100, 150, -1000];
    const code = Array.from({ length: 8 }, (_, i) => (i < 7 ? [300, -300] : [300, -1100])).flat();
    expect(r).toEqual([...sos, ...code, ...sos, ...code]);
    expect(d.drive.g.every((v) => v === 0)).toBe(true);
    expect(d.drive.r[0]).toBeCloseTo(96 / 255, 6); // default brightness, no gamma
  });

  it('changes level only on 25 ms ticks (a 51 ms bootloader toggle becomes 50/75 ms runs)', () => {
    const d = driveFromSteps([{ kind: 'blink', color: RED, onMs: 51, offMs: 51, count: 50 }], { brightness: 255 });
    const r = runs(d).map(Math.abs);
    expect(new Set(r.slice(0, -1))).toEqual(new Set([50, 75]));
    // the long-run period is kept: 50 cycles of 102 ms
    expect(d.r.length * LED_TICK_MS).toBe(Math.ceil((50 * 102) / 25) * 25);
    expect(driveAt(d, 0).r).toBe(1);
    expect(driveAt(d, 49.9).r).toBe(1);
  });

  it('breathes as a linear triangle: full at 0, zero at P/2, full at P', () => {
    const d = driveFromSteps([{ kind: 'breathe', color: CYAN, periodMs: 4000, waveform: 'triangle', count: 2 }], { brightness: 255 });
    const at = (ms: number) => d.g[ms / 25];
    expect(at(0)).toBeCloseTo(1, 6);
    expect(at(1000)).toBeCloseTo(0.5, 6);
    expect(at(2000)).toBeCloseTo(0, 6);
    expect(at(3000)).toBeCloseTo(0.5, 6);
    expect(at(4000)).toBeCloseTo(1, 6);
    expect(d.r.every((v) => v === 0)).toBe(true);
    expect(d.b[40]).toBeCloseTo(d.g[40], 6);
    const s = driveFromSteps([{ kind: 'breathe', color: CYAN, periodMs: 4000, waveform: 'half-sine', count: 1 }], { brightness: 255 });
    expect(s.g[0]).toBeCloseTo(0, 6);
    expect(s.g[80]).toBeCloseTo(1, 6);
    expect(s.g[40]).toBeCloseTo(Math.SQRT1_2, 5);
  });

  it('starts blinks ON and draws the off phase in offColor (signal bars)', () => {
    const d = driveFromSteps([{ kind: 'blink', color: { name: 'green', hex: '#00FF00' }, offColor: DIM, onMs: 50, offMs: 350, count: 3 }]);
    expect(d.g[0]).toBeCloseTo(96 / 255, 6);
    expect(d.g[1]).toBeCloseTo(96 / 255, 6);
    expect(d.g[2]).toBeCloseTo((10 / 255) * (96 / 255), 6);
    expect(d.g[16]).toBeCloseTo(96 / 255, 6);
  });

  it('draws irregular blinks from the seed, within the toggle bounds', () => {
    const step: Step = { kind: 'irregular-blink', color: RED, minToggleMs: 50, maxToggleMs: 300, durationMs: 5000 };
    const a = driveFromSteps([step], { seed: 7, brightness: 255 });
    const b = driveFromSteps([step], { seed: 7, brightness: 255 });
    const c = driveFromSteps([step], { seed: 8, brightness: 255 });
    expect(Array.from(a.r)).toEqual(Array.from(b.r));
    expect(Array.from(a.r)).not.toEqual(Array.from(c.r));
    expect(a.r[0]).toBe(1);
    const r = runs(a).map(Math.abs).slice(0, -1);
    expect(Math.min(...r)).toBeGreaterThanOrEqual(25);
    expect(Math.max(...r)).toBeLessThanOrEqual(325);
  });

  it('integrates the drive over an exposure window', () => {
    const d = driveFromSteps([{ kind: 'blink', color: RED, onMs: 100, offMs: 100, count: 5 }], { brightness: 255 });
    expect(integrateDrive(d, 0, 100).r).toBeCloseTo(1, 6);
    expect(integrateDrive(d, 50, 150).r).toBeCloseTo(0.5, 6);
    expect(integrateDrive(d, 90, 120).r).toBeCloseTo(1 / 3, 6);
    expect(integrateDrive(d, 0, 1000).r).toBeCloseTo(0.5, 6);
  });
});

describe('scenario timeline', () => {
  it('reads the timing from the catalog it is given', () => {
    const catalog: Catalog = { modes: [entry('listening', [{ kind: 'blink', color: RED, onMs: 75, offMs: 125, count: 1 }])] };
    const d = driveForScenario({ device: 'boron', parts: [{ mode: 'listening', durationMs: 1000 }] }, catalog, 1);
    expect(runs(d.drive)).toEqual([75, -125, 75, -125, 75, -125, 75, -125, 75, -125]);
  });

  it('keeps blink phase when only the colour changes (blinking green → blinking cyan)', () => {
    const d = driveForScenario(
      { device: 'boron', parts: [{ mode: 'connecting-network', durationMs: 1050 }, { mode: 'connecting-cloud', durationMs: 1000 }] },
      catalogFor('boron'),
      1,
    );
    // green was 50 ms into its ON phase at 1050 ms: cyan continues with the remaining 50 ms ON
    const lit = (k: number) => d.drive.g[k] > 0;
    expect(lit(42)).toBe(true); // 1050 ms
    expect(d.drive.b[42]).toBeGreaterThan(0);
    expect(lit(43)).toBe(true);
    expect(lit(44)).toBe(false); // 1100 ms: OFF, in phase with the green blink
  });

  it('continues an SOS into a reboot and still expects sos', () => {
    const catalog = catalogFor('boron');
    const scenario = presetScenario('sos-reboot', { code: 4, seed: 3 });
    const d = driveForScenario(scenario, catalog, 3);
    const modes = d.timeline.map((s) => s.mode);
    expect(modes[0]).toBe('sos');
    expect(modes.slice(1)).toEqual(['off', 'solid', 'connecting-network', 'connecting-cloud', 'connected']);
    expect(d.timeline[0].endS).toBeCloseTo((2 * (4600 + 600 * 4)) / 1000, 6);
    expect(expectedDiagnosis(d.timeline, catalog)).toEqual({ mode: 'sos', code: 4, color: 'red' });
  });

  it('expects connected after a boot, and the bars (code = bars) when they interrupt breathing cyan', () => {
    const catalog = catalogFor('boron');
    const boot = driveForScenario(presetScenario('boot', { seed: 5 }), catalog, 5);
    expect(boot.timeline.map((s) => s.mode)).toEqual(['off', 'solid', 'connecting-network', 'connecting-cloud', 'connected']);
    expect(expectedDiagnosis(boot.timeline, catalog)).toEqual({ mode: 'connected', code: null, color: 'cyan' });
    const bars = driveForScenario(presetScenario('signal-bars', { seed: 5, code: 4 }), catalog, 5);
    expect(expectedDiagnosis(bars.timeline, catalog)).toEqual({ mode: 'signal-strength', code: 4, color: 'green' });
  });

  it('ranks a fault anywhere above the last state', () => {
    const catalog = catalogFor('boron');
    const d = driveForScenario(presetScenario('cloud-error', { seed: 2, code: 2 }), catalog, 2);
    expect(d.timeline[d.timeline.length - 1].mode).toBe('handshake-no-internet');
    expect(d.timeline.some((s) => s.mode === 'connecting-cloud')).toBe(true);
    expect(expectedDiagnosis(d.timeline, catalog).mode).toBe('handshake-no-internet');
  });

  it('starts filming mid-pattern on the device tick grid', () => {
    const catalog = catalogFor('boron');
    const full = driveForScenario({ device: 'boron', parts: [{ mode: 'sos', code: 2 }] }, catalog, 1);
    const late = driveForScenario({ device: 'boron', startMs: 1010, parts: [{ mode: 'sos', code: 2 }] }, catalog, 1);
    expect(late.durationMs).toBe(full.durationMs - 1000);
    expect(Array.from(late.drive.r)).toEqual(Array.from(full.drive.r.subarray(40)));
    expect(late.timeline[0].startS).toBe(0);
    expect(late.timeline[0].endS).toBeCloseTo(full.timeline[0].endS - 1, 6);
  });

  it('plays a finite pattern for its natural length', () => {
    const p = partPattern({ mode: 'sos', code: 13 });
    expect(patternLengthMs(p)).toBe(2 * (4600 + 600 * 13));
    expect(patternLengthMs(expandPattern(getMode('connected').variants[0].pattern))).toBe(Infinity);
  });
});
