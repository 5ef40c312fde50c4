import { describe, expect, it } from 'vitest';
import { catalogFor } from '../../src/catalog/index.js';
import type { CatalogModeId, ColorName, DeviceId } from '../../src/catalog/types.js';
import { run, triple } from './helpers.js';

/** Every catalog mode on a device that shows it, through a clean 30 fps camera. */
const MODES: Array<{ mode: CatalogModeId; device: DeviceId; color?: ColorName; durationMs?: number }> = [
  { mode: 'connected', device: 'argon', durationMs: 9000 },
  { mode: 'connecting-cloud', device: 'argon' },
  { mode: 'connecting-network', device: 'argon' },
  { mode: 'cloud-not-connected', device: 'argon', durationMs: 9000 },
  { mode: 'network-not-connected', device: 'photon', durationMs: 9000 },
  { mode: 'network-off', device: 'argon', durationMs: 9000 },
  { mode: 'listening', device: 'argon' },
  { mode: 'network-reset', device: 'argon' },
  { mode: 'safe-mode', device: 'argon', durationMs: 9000 },
  { mode: 'ota-update', device: 'argon' },
  { mode: 'dfu', device: 'argon' },
  { mode: 'firmware-reset', device: 'argon' },
  { mode: 'factory-reset', device: 'argon' },
  { mode: 'power-issue', device: 'argon', durationMs: 8000 },
  { mode: 'rainbow', device: 'argon' },
  // (a solid orange, blue or white alone is doubted as a possible distractor: distractor-lookalike.test.ts)
  { mode: 'solid', device: 'argon', color: 'magenta' },
  { mode: 'tracker-connecting-cellular', device: 'tracker-som' },
  { mode: 'tracker-connecting-cloud', device: 'tracker-som', color: 'green' },
  { mode: 'tracker-connected', device: 'tracker-som', color: 'yellow' },
];

describe('classifySeries on simulated clean series', () => {
  it.each(MODES)('$mode', ({ mode, device, color, durationMs }) => {
    const { result, expected } = run({ device, parts: [{ mode, color, durationMs: durationMs ?? 6000 }] }, 1);
    expect(triple(result.diagnosis)).toBe(triple(expected));
    expect(result.diagnosis.confidence).toBeGreaterThan(0.5);
  });

  it('covers every catalog mode except the coded/dark ones tested elsewhere', () => {
    const tested = new Set<string>([...MODES.map((m) => m.mode), 'sos', 'signal-strength', 'off']);
    for (const id of ['handshake-decryption-error', 'handshake-no-internet', 'handshake-cloud-unreachable', 'handshake-auth-error', 'handshake-error']) tested.add(id);
    const all = catalogFor().modes.map((m) => m.id);
    expect(all.filter((id) => !tested.has(id))).toEqual([]);
  });

  it('a boot sequence ends as connected, with the stages in order', () => {
    const { result } = run(
      {
        device: 'argon',
        parts: [
          { mode: 'off', durationMs: 800 },
          { mode: 'solid', color: 'white', durationMs: 500 },
          { mode: 'connecting-network', durationMs: 3000 },
          { mode: 'connecting-cloud', durationMs: 2000 },
          { mode: 'connected', durationMs: 9000 },
        ],
      },
      3,
    );
    expect(triple(result.diagnosis)).toBe('connected/null/cyan');
    const modes = result.timeline.map((s) => s.mode);
    expect(modes.indexOf('connecting-network')).toBeGreaterThanOrEqual(0);
    expect(modes.indexOf('connecting-network')).toBeLessThan(modes.indexOf('connecting-cloud'));
    expect(modes.indexOf('connecting-cloud')).toBeLessThan(modes.lastIndexOf('connected'));
    for (let k = 1; k < result.timeline.length; k++) expect(result.timeline[k].startS).toBeGreaterThanOrEqual(result.timeline[k - 1].startS);
  });

  it('an SOS that ends in the reset and reboot is still the SOS with its code', () => {
    const { result } = run({ device: 'boron', parts: [{ mode: 'sos', code: 3, durationMs: 2 * (4600 + 1800) + 9000 }] }, 5);
    expect(triple(result.diagnosis)).toBe('sos/3/red');
    expect(result.diagnosis.reason).toBe('fault');
    expect(result.timeline.some((s) => s.mode === 'connecting-network' || s.mode === 'connected' || s.mode === 'connecting-cloud')).toBe(true);
  });
});
