import { describe, expect, it } from 'vitest';
import { catalogFor } from '../../src/catalog/index.js';
import { DEVICE_IDS, type DeviceId } from '../../src/catalog/types.js';
import { buildTemplates } from '../../src/classify/templates.js';

// buildTemplates copies a loop's repeats and a steady step's level instead of drawing every grid
// sample; the templates must be exactly the ones drawing every sample gives
describe('buildTemplates shortcuts', () => {
  const devices: (DeviceId | undefined)[] = [undefined, ...DEVICE_IDS];
  for (const device of devices) {
    it(`gives the same templates as drawing every sample (${device ?? 'no device'})`, () => {
      const modes = catalogFor(device).modes;
      const fast = buildTemplates(modes, { device, horizonMs: 20000 });
      const reference = buildTemplates(modes, { device, horizonMs: 20000, drawEverySample: true });
      expect(fast.length).toBeGreaterThan(50);
      expect(fast).toEqual(reference);
    });
  }

  it('gives the same templates at the longest horizon a span covers', () => {
    const modes = catalogFor('boron').modes;
    const fast = buildTemplates(modes, { device: 'boron', horizonMs: 60000 });
    expect(fast).toEqual(buildTemplates(modes, { device: 'boron', horizonMs: 60000, drawEverySample: true }));
  });
});
