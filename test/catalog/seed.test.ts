import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEVICE_IDS, defaultCatalog } from '../../src/catalog/index.js';
import { headings, readSeed, sharedSeedExists, sharedSeedPath, visibleHeadings } from './seed-page.js';

const seed = readSeed();
const catalog = defaultCatalog();
const covered = new Set(catalog.modes.flatMap((m) => m.seedHeadings));

/** Headings of the page that are not LED modes: the title, section titles, and sub-headings
 *  inside the "More information" / "Repair instructions" collapses. */
const NOT_MODES = [
  'Status LED - {{device}}',
  'Tracker SoM Mode',
  'Standard modes',
  'Troubleshooting modes',
  'SIM not activated',
  'Device not compatible',
  'No local carrier',
  'Antenna problems',
  'Battery required in some cases',
  '1\\. Is your SIM card inserted?',
  '2\\. Is your SIM card *fully* inserted?',
  '3\\. Try a cold boot',
  '4\\. Check the integrity of your SIM card holder',
  "I can't flash my device anymore",
  'Cause 1: Blocking the loop',
  'Solution 1: Add some Particle.process() calls',
  'Solution 2: Enable SYSTEM_THREAD',
  'Side note: Wi-Fi only mode',
];

/** Where our device lists knowingly differ from which headings a device's page shows. */
const HEADING_EXCEPTIONS: { device: string; mode: string; why: string }[] = [
  // The Photon's "Firmware reset" section exists only to say firmware reset is not available.
  { device: 'photon', mode: 'firmware-reset', why: 'the Photon section says it is not available' },
  // The Xenon renders the breathing-white section without a heading (neither has-wifi nor has-cellular).
  { device: 'xenon', mode: 'network-off', why: 'section body shown without a heading' },
  // The Electron's "Firmware reset" section says the LED flashes "green or white": white is the factory reset.
  { device: 'electron', mode: 'factory-reset', why: 'described inside the Electron firmware reset section' },
];
const isException = (device: string, mode: string) => HEADING_EXCEPTIONS.some((e) => e.device === device && e.mode === mode);

describe('seed page copy', () => {
  it('is in the repo and matches the shared seed when that exists', () => {
    expect(seed.length).toBeGreaterThan(1000);
    if (sharedSeedExists()) expect(seed).toBe(readFileSync(sharedSeedPath, 'utf8'));
  });
});

describe('seed headings', () => {
  const all = headings(seed);

  it('every heading is either covered by a mode entry or listed as not a mode', () => {
    const uncovered = all.filter((h) => !covered.has(h.text) && !NOT_MODES.includes(h.text));
    expect(uncovered).toEqual([]);
  });

  it('every ### heading is a mode heading and is covered', () => {
    const level3 = all.filter((h) => h.level === 3).map((h) => h.text);
    expect(level3.length).toBeGreaterThanOrEqual(25);
    for (const text of level3) expect(covered, text).toContain(text);
  });

  it('the exclusion list and the seedHeadings are not stale', () => {
    const texts = new Set(all.map((h) => h.text));
    for (const text of NOT_MODES) expect(texts, text).toContain(text);
    for (const m of catalog.modes) for (const h of m.seedHeadings) expect(texts, `${m.id}: ${h}`).toContain(h);
  });
});

describe('device lists follow the page conditionals', () => {
  for (const device of DEVICE_IDS) {
    it(`${device}: sees exactly the modes whose headings its page shows`, () => {
      const seen = new Set(visibleHeadings(seed, device).map((h) => h.text));
      for (const m of catalog.modes) {
        const shown = m.seedHeadings.some((h) => seen.has(h));
        const listed = m.devices.includes(device);
        if (isException(device, m.id)) expect(shown, `${m.id} is an exception for ${device}`).not.toBe(listed);
        else expect(listed, `${m.id} on ${device}`).toBe(shown);
      }
    });
  }

  it('sanity of the conditional reader', () => {
    const photon = visibleHeadings(seed, 'photon').map((h) => h.text);
    expect(photon).toContain('Wi-Fi off');
    expect(photon).not.toContain('Cellular off');
    expect(photon).not.toContain('Connecting to cellular - Tracker');
    const tracker = visibleHeadings(seed, 'tracker-som').map((h) => h.text);
    expect(tracker).toContain('Connecting to cellular - Tracker');
    expect(tracker).toContain('Connected');
    expect(tracker).not.toContain('Factory reset');
  });
});
