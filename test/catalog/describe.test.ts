import { describe, expect, it } from 'vitest';
import { COLOR, DIM_GREEN, colorLabel, customColor, describePattern, describeStep, getMode, nearestColorName, pickVariant } from '../../src/catalog/index.js';

describe('describeStep', () => {
  it('spells out timings, or gives them compactly', () => {
    const step = { kind: 'blink', color: COLOR.green, onMs: 100, offMs: 100, count: 1 } as const;
    expect(describeStep(step)).toBe('blink green 100 ms on / 100 ms off');
    expect(describeStep(step, { compact: true })).toBe('blink green 100/100 ms');
    expect(describeStep({ ...step, count: 'code' }, { compact: true })).toBe('blink green 100/100 ms × code');
    expect(describeStep({ ...step, count: 3 }, { compact: true })).toBe('blink green 100/100 ms ×3');
    expect(describeStep({ kind: 'blink', color: COLOR.green, offColor: DIM_GREEN, onMs: 50, offMs: 350, count: 2 })).toBe(
      'blink green 50 ms on / 350 ms off (dim green (#000A00)) ×2',
    );
    expect(describeStep({ kind: 'breathe', color: COLOR.cyan, periodMs: 4000, waveform: 'triangle', count: 1 })).toBe(
      'breathe cyan, 4000 ms per breath (linear fade)',
    );
    expect(describeStep({ kind: 'solid', color: COLOR.orange, durationMs: 250 })).toBe('solid orange 250 ms');
    expect(describeStep({ kind: 'solid', color: COLOR.cyan, durationMs: Infinity })).toBe('solid cyan');
    expect(describeStep({ kind: 'off', durationMs: 800 })).toBe('off 800 ms');
    expect(describeStep({ kind: 'irregular-blink', color: COLOR.magenta, minToggleMs: 25, maxToggleMs: 500, durationMs: 1000 })).toMatch(/magenta.*25–500 ms/);
  });
});

describe('describePattern', () => {
  it('describes loops, repeats and the reboot', () => {
    expect(describePattern(pickVariant(getMode('connecting-network')).pattern, { compact: true })).toBe('blink green 100/100 ms, repeating');
    const sos = describePattern(pickVariant(getMode('sos')).pattern, { compact: true });
    expect(sos).toMatch(/^\[blink red 150\/100 ms ×3, off 100 ms, .*blink red 300\/300 ms × code, off 800 ms\] ×2, then the device resets$/);
    expect(describePattern(pickVariant(getMode('handshake-no-internet')).pattern, { compact: true })).toBe(
      'blink cyan 100/100 ms ×10, then blink orange 250/250 ms ×2',
    );
    expect(describePattern(pickVariant(getMode('off')).pattern)).toBe('off');
  });
});

describe('colour names', () => {
  it('labels and nearest contract colours', () => {
    expect(colorLabel(COLOR.cyan)).toBe('cyan');
    expect(colorLabel({ name: null, hex: '#EE82EE' })).toBe('violet (#EE82EE)');
    expect(colorLabel({ name: 'orange', hex: '#FFA500' })).toBe('orange (#FFA500)');
    expect(nearestColorName('#FF6000')).toBe('orange');
    expect(nearestColorName('#F0F0F0')).toBe('white');
    expect(nearestColorName('#10E010')).toBe('green');
    expect(nearestColorName('#2020FF')).toBe('blue');
    expect(customColor('ff8800')).toEqual({ name: 'orange', hex: '#FF8800' });
  });
});
