import { describe, expect, it } from 'vitest';
import {
  COLOR_NAMES,
  DEVICE_IDS,
  MODE_IDS,
  catalogFor,
  codeEntry,
  codeLabel,
  isFaultCode,
  defaultCatalog,
  expandPattern,
  findMode,
  getMode,
  isCatalogModeId,
  isColorName,
  isDeviceId,
  isModeId,
  patternFor,
  pickVariant,
  stepsDurationMs,
  textFor,
  timing,
  type CatalogModeId,
  type DeviceId,
  type Step,
} from '../../src/catalog/index.js';
import { readSeed } from './seed-page.js';

const catalog = defaultCatalog();
const ids = (c = catalog) => c.modes.map((m) => m.id);
const devicesOf = (id: CatalogModeId) => getMode(id).devices;

describe('catalog completeness', () => {
  it('has one entry for every contract mode id except unknown', () => {
    const expected = MODE_IDS.filter((m) => m !== 'unknown');
    expect(catalog.modes).toHaveLength(27);
    expect([...ids()].sort()).toEqual([...expected].sort());
  });

  it('every entry is well formed', () => {
    for (const m of catalog.modes) {
      expect(m.name.length, m.id).toBeGreaterThan(3);
      expect(m.seedHeadings.length, m.id).toBeGreaterThan(0);
      expect(m.variants.length, m.id).toBeGreaterThan(0);
      expect(m.variants[0].id.startsWith('firmware'), `${m.id} starts with the firmware's variant`).toBe(true);
      expect(new Set(m.variants.map((v) => v.id)).size, m.id).toBe(m.variants.length);
      for (const v of m.variants) {
        expect(v.pattern.loop.length, `${m.id}/${v.id}`).toBeGreaterThan(0);
        expect(v.source.ref.length, `${m.id}/${v.id}`).toBeGreaterThan(5);
        for (const d of v.devices ?? []) expect(m.devices, `${m.id}/${v.id}`).toContain(d);
      }
      for (const d of m.devices) expect(isDeviceId(d)).toBe(true);
      for (const c of m.colors) expect(isColorName(c)).toBe(true);
      expect(m.meaning.default.length, m.id).toBeGreaterThan(20);
      expect(m.advice.default.length, m.id).toBeGreaterThan(10);
      for (const key of [...Object.keys(m.meaning), ...Object.keys(m.advice)]) expect(key === 'default' || isDeviceId(key), `${m.id}: ${key}`).toBe(true);
      expect(m.tolerance.fraction).toBeGreaterThan(0);
      expect(m.group).toBeDefined();
    }
  });

  it('severity follows DESIGN §3', () => {
    const faults = ids().filter((id) => getMode(id).severity === 'fault').sort();
    expect(faults).toEqual(
      ['handshake-auth-error', 'handshake-cloud-unreachable', 'handshake-decryption-error', 'handshake-error', 'handshake-no-internet', 'power-issue', 'sos'].sort(),
    );
    const events = ids().filter((id) => getMode(id).severity === 'event').sort();
    expect(events).toEqual(['rainbow', 'signal-strength']);
  });

  it('colour parameters: solid takes all 8, tracker cloud modes yellow|green', () => {
    expect(getMode('solid').colorParam).toEqual([...COLOR_NAMES]);
    expect(getMode('tracker-connecting-cloud').colorParam).toEqual(['yellow', 'green']);
    expect(getMode('tracker-connected').colorParam).toEqual(['yellow', 'green']);
    const withParam = ids().filter((id) => getMode(id).colorParam);
    expect(withParam.sort()).toEqual(['solid', 'tracker-connected', 'tracker-connecting-cloud']);
  });

  it('meanings and advice are our own words, not sentences lifted from the seed page', () => {
    const norm = (s: string) => s.toLowerCase().replace(/[^a-z0-9 ]+/g, ' ').replace(/\s+/g, ' ').trim();
    const page = norm(readSeed());
    const WINDOW = 9;
    for (const m of catalog.modes) {
      const texts = [...Object.values(m.meaning), ...Object.values(m.advice), ...(m.codes?.entries ?? []).flatMap((c) => [c.meaning, c.advice ?? ''])];
      for (const text of texts) {
        const words = norm(text ?? '').split(' ');
        for (let i = 0; i + WINDOW <= words.length; i++) {
          const run = words.slice(i, i + WINDOW).join(' ');
          expect(page.includes(run), `${m.id}: "${run}" is copied from the page`).toBe(false);
        }
      }
    }
  });
});

describe('firmware timings', () => {
  const firstStep = (id: CatalogModeId, variant?: string): Step => pickVariant(getMode(id), variant).pattern.loop[0];

  it('connecting-network covers 200 ms and fast (DHCP) 100 ms blinking green', () => {
    expect(firstStep('connecting-network')).toMatchObject({ kind: 'blink', onMs: 100, offMs: 100, color: { name: 'green', hex: '#00FF00' } });
    expect(firstStep('connecting-network', 'firmware-dhcp')).toMatchObject({ kind: 'blink', onMs: 50, offMs: 50 });
  });

  it('connecting-cloud covers 200 ms and 100 ms (handshake) cyan', () => {
    expect(firstStep('connecting-cloud')).toMatchObject({ kind: 'blink', onMs: 100, offMs: 100, color: { name: 'cyan' } });
    expect(firstStep('connecting-cloud', 'firmware-handshake')).toMatchObject({ kind: 'blink', onMs: 50, offMs: 50 });
  });

  it('breathing modes are 4 s linear triangles in firmware and half-sines in the docs', () => {
    for (const id of ['connected', 'cloud-not-connected', 'network-not-connected', 'network-off', 'safe-mode'] as const) {
      expect(firstStep(id)).toMatchObject({ kind: 'breathe', periodMs: 4000, waveform: 'triangle' });
      expect(firstStep(id, 'docs')).toMatchObject({ kind: 'breathe', waveform: 'half-sine' });
    }
  });

  it('listening is 250/250 in firmware and 300/300 on the page', () => {
    expect(firstStep('listening')).toMatchObject({ onMs: 250, offMs: 250 });
    expect(firstStep('listening', 'docs')).toMatchObject({ onMs: 300, offMs: 300 });
  });

  it('SOS: one cycle lasts 4600 + 600·N ms, plays twice and reboots; the docs loop adds a 2700 ms pause forever', () => {
    const sos = getMode('sos');
    for (const code of [1, 8, 14]) {
      const fw = expandPattern(pickVariant(sos).pattern, code);
      expect(stepsDurationMs(fw.loop)).toBe(4600 + 600 * code);
      expect(fw.repeat).toBe(2);
      expect(fw.then).toBe('reboot');
      const blinks = fw.loop.filter((s) => s.kind === 'blink').map((s) => s.count);
      expect(blinks).toEqual([3, 3, 3, code]);
    }
    const docs = expandPattern(pickVariant(sos, 'docs').pattern, 3);
    expect(docs.repeat).toBe(Infinity);
    const offs = docs.loop.filter((s) => s.kind === 'off').map((s) => s.durationMs);
    expect(offs.at(-1)).toBe(900 + 2700);
  });

  it('cloud errors: blinking cyan intro, then 250/250 orange blinks; handshake failures hold ~250 ms', () => {
    for (const [id, n] of [
      ['handshake-no-internet', 2],
      ['handshake-cloud-unreachable', 3],
    ] as const) {
      const p = pickVariant(getMode(id)).pattern;
      expect(p.intro?.[0]).toMatchObject({ kind: 'blink', color: { name: 'cyan' } });
      expect(p.loop[0]).toMatchObject({ kind: 'blink', onMs: 250, offMs: 250, count: n, color: { name: 'orange', hex: '#FF6000' } });
    }
    for (const [id, color] of [
      ['handshake-decryption-error', 'orange'],
      ['handshake-auth-error', 'magenta'],
      ['handshake-error', 'red'],
    ] as const) {
      const p = pickVariant(getMode(id)).pattern;
      expect(p.intro?.[0]).toMatchObject({ kind: 'blink', onMs: 50, color: { name: 'cyan' } });
      expect(p.loop[0]).toMatchObject({ kind: 'solid', durationMs: 250, color: { name: color } });
      expect(pickVariant(getMode(id), 'docs').pattern.loop[0]).toMatchObject({ kind: 'blink', onMs: 200, offMs: 200, count: 1 });
    }
  });

  it('signal strength: dim green, N bars of 50 ms bright, back to dim', () => {
    const p = expandPattern(pickVariant(getMode('signal-strength')).pattern, 3);
    expect(p.intro[0]).toMatchObject({ kind: 'solid', durationMs: 750, color: { hex: '#000A00' } });
    expect(p.loop[0]).toMatchObject({ kind: 'blink', onMs: 50, offMs: 350, count: 3, offColor: { hex: '#000A00' } });
    // 350 ms dim after the last bar + the rest = 750 ms dim in all
    expect(p.loop[0].kind === 'blink' && p.loop[0].offMs + (p.loop[1].kind === 'solid' ? p.loop[1].durationMs : 0)).toBe(750);
    expect(getMode('signal-strength').codes).toMatchObject({ min: 0, max: 5 });
  });

  it('rainbow: 7 solids of 100 ms', () => {
    const loop = pickVariant(getMode('rainbow')).pattern.loop;
    expect(loop).toHaveLength(7);
    for (const s of loop) expect(s).toMatchObject({ kind: 'solid', durationMs: 100 });
    expect(loop.map((s) => (s.kind === 'solid' ? s.color.hex : ''))).toEqual(['#EE82EE', '#4B0082', '#0000FF', '#00FF00', '#FFFF00', '#FFA500', '#FF0000']);
  });

  it('power issue loops a white flash then blinking green; OTA is an irregular magenta blink', () => {
    const p = pickVariant(getMode('power-issue')).pattern;
    expect(p.repeat).toBe(Infinity);
    expect(p.loop[0]).toMatchObject({ kind: 'solid', color: { name: 'white' } });
    expect(p.loop[1]).toMatchObject({ kind: 'blink', color: { name: 'green' } });
    expect(firstStep('ota-update')).toMatchObject({ kind: 'irregular-blink', color: { name: 'magenta' } });
  });

  it('resets are fast bootloader toggles (~51 ms); DFU is the slow one (~101 ms)', () => {
    expect(firstStep('firmware-reset')).toMatchObject({ kind: 'blink', onMs: 51, color: { name: 'yellow' } });
    expect(firstStep('factory-reset')).toMatchObject({ kind: 'blink', onMs: 51, color: { name: 'white' } });
    expect(firstStep('network-reset')).toMatchObject({ kind: 'blink', onMs: 50, color: { name: 'blue' } });
    expect(firstStep('dfu')).toMatchObject({ kind: 'blink', onMs: 101, color: { name: 'yellow' } });
  });

  it('tracker scheme: red breathe 500 ms, cloud breathe 1000 ms, solid when connected', () => {
    expect(firstStep('tracker-connecting-cellular')).toMatchObject({ kind: 'breathe', periodMs: 500, color: { name: 'red' } });
    expect(firstStep('tracker-connecting-cloud')).toMatchObject({ kind: 'breathe', periodMs: 1000 });
    expect(firstStep('tracker-connected')).toMatchObject({ kind: 'solid', durationMs: Infinity });
    expect(timing.TRACKER_BRIGHTNESS).toBe(255);
    expect(timing.DEFAULT_BRIGHTNESS).toBe(96);
  });
});

describe('device filtering', () => {
  it('follows the page for the modes it singles out', () => {
    expect(devicesOf('signal-strength')).toEqual(['boron', 'tracker-som']);
    expect(devicesOf('network-not-connected')).toEqual(['photon', 'electron']);
    expect(devicesOf('network-reset')).toEqual(expect.arrayContaining(['argon', 'boron', 'xenon', 'tracker-som']));
    expect(devicesOf('network-reset')).not.toContain('electron');
    expect(devicesOf('firmware-reset')).toEqual(expect.arrayContaining(['electron', 'argon', 'boron', 'xenon']));
    expect(devicesOf('firmware-reset')).not.toContain('photon');
    for (const id of ['tracker-connecting-cellular', 'tracker-connecting-cloud', 'tracker-connected'] as const) expect(devicesOf(id)).toEqual(['tracker-som']);
    expect(devicesOf('solid')).toEqual([...DEVICE_IDS]);
    expect(devicesOf('off')).toEqual([...DEVICE_IDS]);
  });

  it('catalogFor keeps only what a device shows', () => {
    for (const device of DEVICE_IDS) {
      const c = catalogFor(device);
      for (const m of c.modes) {
        expect(m.devices).toContain(device);
        for (const v of m.variants) if (v.devices) expect(v.devices).toContain(device);
      }
    }
    const tracker = ids(catalogFor('tracker-som'));
    expect(tracker).toEqual(expect.arrayContaining(['tracker-connected', 'connected', 'connecting-network', 'signal-strength']));
    expect(ids(catalogFor('argon'))).not.toContain('tracker-connected');
    expect(catalogFor().modes).toHaveLength(27);
  });

  it('the Electron firmware reset is green, the Gen 3 one yellow', () => {
    const electron = getMode('firmware-reset', catalogFor('electron'));
    expect(electron.colors).toEqual(['green']);
    expect(pickVariant(electron).pattern.loop[0]).toMatchObject({ color: { name: 'green' } });
    const boron = getMode('firmware-reset', catalogFor('boron'));
    expect(boron.colors).toEqual(['yellow']);
  });

  it('per-device text falls back to the default', () => {
    const green = getMode('connecting-network');
    expect(textFor(green.advice, 'photon')).toMatch(/WPA2 Enterprise/);
    expect(textFor(green.advice, 'argon')).toMatch(/2\.4 GHz/);
    expect(textFor(green.advice, 'argon')).not.toMatch(/WPA2 Enterprise/);
    expect(textFor(green.advice, 'boron')).toMatch(/SIM/);
    expect(textFor(green.advice, 'boron')).toMatch(/antenna/);
    expect(textFor(getMode('listening').advice, 'electron')).toMatch(/SIM/);
    expect(textFor(getMode('cloud-not-connected').advice, 'boron')).toMatch(/Particle\.process\(\)/);
    expect(textFor(getMode('cloud-not-connected').advice, 'boron')).toMatch(/SYSTEM_THREAD/);
    expect(textFor(getMode('handshake-error').advice)).toMatch(/particle keys server/);
    expect(textFor(getMode('handshake-error').advice)).toMatch(/particle keys doctor/);
    expect(textFor(getMode('safe-mode').meaning, 'xenon')).toBe(getMode('safe-mode').meaning.default);
    expect(textFor(getMode('safe-mode').meaning)).toBe(getMode('safe-mode').meaning.default);
  });
});

describe('codes', () => {
  it('SOS codes 1–15 are complete', () => {
    const sos = getMode('sos').codes!;
    expect(sos.min).toBe(1);
    expect(sos.max).toBe(15);
    expect(sos.entries.map((e) => e.code)).toEqual(Array.from({ length: 15 }, (_, i) => i + 1));
    for (const e of sos.entries) {
      expect(e.meaning.length).toBeGreaterThan(20);
      expect((e.advice ?? '').length).toBeGreaterThan(20);
    }
    expect(codeEntry('sos', 1)?.name).toBe('Hard fault');
    expect(codeEntry('sos', 1)?.advice).toMatch(/Wire\.begin\(\)/);
    expect(codeEntry('sos', 7)?.meaning).toMatch(/abort\(\)/);
    expect(codeEntry('sos', 8)?.name).toBe('Out of heap memory');
    expect(codeEntry('sos', 13)?.advice).toMatch(/stack/);
    expect(codeEntry('sos', 14)?.advice).toMatch(/ISR/);
    expect(codeEntry('sos', 16)).toBeUndefined();
    expect(codeEntry('signal-strength', 3)?.name).toBe('3 bars');
    expect(codeEntry('connected', 1)).toBeUndefined();
  });

  it('says whether a code is a fault fact or a changing reading, and how it reads', () => {
    expect(isFaultCode('sos')).toBe(true);
    expect(isFaultCode('signal-strength')).toBe(false);
    expect(isFaultCode('connected')).toBe(false);
    expect(codeLabel('sos', 8)).toBe('code 8');
    expect(codeLabel('signal-strength', 1)).toBe('1 bar');
    expect(codeLabel('signal-strength', 4)).toBe('4 bars');
  });
});

describe('helpers', () => {
  it('guards', () => {
    expect(isDeviceId('boron')).toBe(true);
    expect(isDeviceId('nokia')).toBe(false);
    expect(isModeId('unknown')).toBe(true);
    expect(isCatalogModeId('unknown')).toBe(false);
    expect(isCatalogModeId('sos')).toBe(true);
    expect(isColorName('orange')).toBe(true);
    expect(isColorName('lime')).toBe(false);
    expect(isColorName(3)).toBe(false);
  });

  it('getMode throws for a mode the catalog lacks, findMode returns undefined', () => {
    expect(() => getMode('signal-strength', catalogFor('photon'))).toThrow(RangeError);
    expect(findMode('signal-strength', catalogFor('photon'))).toBeUndefined();
  });

  it('patternFor applies a colour parameter', () => {
    const p = patternFor({ mode: 'tracker-connected', color: 'green' });
    expect(p.loop[0]).toMatchObject({ kind: 'solid', color: { name: 'green', hex: '#00FF00' } });
    expect(patternFor({ mode: 'solid', color: 'red' }).loop[0]).toMatchObject({ color: { name: 'red' } });
    expect(() => patternFor({ mode: 'tracker-connected', color: 'blue' })).toThrow(RangeError);
    expect(patternFor({ mode: 'listening', variant: 'docs' }).loop[0]).toMatchObject({ onMs: 300 });
  });

  it('the default catalog is frozen', () => {
    expect(Object.isFrozen(catalog.modes)).toBe(true);
    expect(Object.isFrozen(getMode('connected').variants[0].pattern.loop[0])).toBe(true);
  });

  it('every device id of the catalog is a contract device', () => {
    const all = new Set<DeviceId>(catalog.modes.flatMap((m) => m.devices));
    expect([...all].sort()).toEqual([...DEVICE_IDS].sort());
  });
});
