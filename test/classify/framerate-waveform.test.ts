import { describe, expect, it } from 'vitest';
import { catalogFor, parseTheme } from '../../src/catalog/index.js';
import { classifySeries } from '../../src/classify/index.js';
import { CLEAN_SERIES_CAMERA, simulateSeries } from '../../src/synth/series.js';
import { run, triple } from './helpers.js';

describe('frame-rate limits', () => {
  it('at 15 fps DFU cannot be told from the fast yellow toggle: confidence drops, the rival is named', () => {
    const at30 = run({ device: 'argon', parts: [{ mode: 'dfu', durationMs: 6000 }] }, 11, { fps: 30 });
    const at15 = run({ device: 'argon', parts: [{ mode: 'dfu', durationMs: 6000 }] }, 11, { fps: 15 });
    expect(at30.result.diagnosis.mode).toBe('dfu');
    expect(at15.result.diagnosis.confidence).toBeLessThan(at30.result.diagnosis.confidence);
    expect(at15.result.diagnosis.confidence).toBeLessThanOrEqual(0.6);
    const named = [at15.result.diagnosis.mode, ...(at15.result.diagnosis.alternatives ?? []).map((a) => a.mode)];
    expect(named).toContain('dfu');
    expect(named).toContain('firmware-reset');
  });

  it('a 100 ms blink is still resolved at 30 fps', () => {
    const { result } = run({ device: 'argon', parts: [{ mode: 'firmware-reset', durationMs: 6000 }] }, 12, { fps: 30 });
    expect(result.diagnosis.mode).toBe('firmware-reset');
  });
});

describe('breathing is classified by its waveform, not as a slow blink', () => {
  it('firmware triangle and docs half-sine breathing cyan are both connected', () => {
    const tri = run({ device: 'argon', parts: [{ mode: 'connected', durationMs: 9000 }] }, 13);
    const sine = run({ device: 'argon', parts: [{ mode: 'connected', variant: 'docs', durationMs: 9000 }] }, 13);
    expect(triple(tri.result.diagnosis)).toBe('connected/null/cyan');
    expect(triple(sine.result.diagnosis)).toBe('connected/null/cyan');
    expect(tri.result.timeline[tri.result.diagnosis.spanIndex].evidence.variant).toBe('firmware');
    expect(sine.result.timeline[sine.result.diagnosis.spanIndex].evidence.variant).toBe('docs');
    // most frames of a breath sit at intermediate brightness
    expect(tri.result.timeline[tri.result.diagnosis.spanIndex].evidence.rampFraction).toBeGreaterThan(0.3);
  });

  it('the fast red breath of the Tracker is not the red 250/250 error blink', () => {
    const { result } = run({ device: 'tracker-som', parts: [{ mode: 'tracker-connecting-cellular', durationMs: 6000 }] }, 14);
    expect(result.diagnosis.mode).toBe('tracker-connecting-cellular');
    expect(result.timeline.every((s) => s.mode !== 'handshake-cloud-unreachable' && s.mode !== 'sos')).toBe(true);
  });

  it('a blink keeps a low intermediate-level fraction', () => {
    const { result } = run({ device: 'argon', parts: [{ mode: 'listening', durationMs: 6000 }] }, 15);
    expect(result.diagnosis.mode).toBe('listening');
    expect(result.timeline[result.diagnosis.spanIndex].evidence.rampFraction).toBeLessThan(0.15);
    expect(result.timeline[result.diagnosis.spanIndex].evidence.periodMs).toBeGreaterThan(450);
    expect(result.timeline[result.diagnosis.spanIndex].evidence.periodMs).toBeLessThan(550);
  });
});

describe('device context and themes', () => {
  it('a custom theme is decoded with the catalog it restyles', () => {
    // breathing cyan restyled as a slow green blink
    const theme = parseTheme({ 'cloud-connected': { color: 'green', pattern: 'blink', speed: 'slow' } });
    const catalog = catalogFor('argon', theme);
    const { result } = run({ device: 'argon', parts: [{ mode: 'connected', durationMs: 6000 }] }, 16, {}, catalog);
    expect(result.diagnosis.mode).toBe('connected');
    expect(result.diagnosis.color).toBe('green');
    // against the factory catalog the same light is not breathing cyan
    const factory = classifySeries(simulateSeries({ device: 'argon', parts: [{ mode: 'connected', durationMs: 6000 }] }, catalog, 16, CLEAN_SERIES_CAMERA).series, { device: 'argon' });
    expect(factory.diagnosis.mode).not.toBe('connected');
  });

  it('tracker-som prefers the Tracker scheme for a solid yellow', () => {
    const { result } = run({ device: 'tracker-som', parts: [{ mode: 'tracker-connected', color: 'yellow', durationMs: 5000 }] }, 17);
    expect(triple(result.diagnosis)).toBe('tracker-connected/null/yellow');
  });

  it('without a device a solid yellow is the generic solid state', () => {
    const { result } = run({ device: 'argon', parts: [{ mode: 'solid', color: 'yellow', durationMs: 5000 }] }, 17);
    expect(triple(result.diagnosis)).toBe('solid/null/yellow');
  });

  it('abstains on a series too short to say anything', () => {
    const { result } = run({ device: 'argon', parts: [{ mode: 'connected', durationMs: 400 }] }, 18);
    expect(result.diagnosis.mode).toBe('unknown');
    expect(result.diagnosis.confidence).toBe(0);
  });
});
