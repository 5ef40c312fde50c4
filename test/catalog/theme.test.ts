import { describe, expect, it } from 'vitest';
import { BadInputError } from '../../src/errors.js';
import {
  DEFAULT_THEME,
  LED_SIGNALS,
  applyTheme,
  catalogFor,
  defaultCatalog,
  getMode,
  normalizeSignalName,
  parseTheme,
  pickVariant,
  quantizeTheme4Bit,
} from '../../src/catalog/index.js';

function expectBadInput(fn: () => unknown, pattern: RegExp): void {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(BadInputError);
    const message = (error as Error).message;
    expect(message).toMatch(pattern);
    expect(message).not.toContain('\n');
    return;
  }
  throw new Error('expected a BadInputError');
}

describe('parseTheme', () => {
  it('reads colours, patterns and speeds, with firmware storage rules', () => {
    const theme = parseTheme({
      'network-connecting': { color: '#FF8800', pattern: 'blink', speed: 'fast' },
      'cloud-connected': { color: 'orange', pattern: 'fade', speed: 'slow' },
      LED_SIGNAL_LISTENING_MODE: { color: '#123456', speed: 130 },
      'power-off': { pattern: 'solid', color: 'white' },
    });
    expect(theme.signals['network-connecting']).toEqual({ color: { name: 'orange', hex: '#FF8800' }, pattern: 'blink', periodMs: 100 });
    expect(theme.signals['cloud-connected']).toEqual({ color: { name: 'orange', hex: '#FF6000' }, pattern: 'breathe', periodMs: 8000 });
    // 4 bits per channel, 50 ms units; pattern kept from the default theme (blink)
    expect(theme.signals.listening).toMatchObject({ color: { hex: '#113355' }, pattern: 'blink', periodMs: 150 });
    expect(theme.signals['power-off']).toMatchObject({ pattern: 'solid', periodMs: 0 });
  });

  it('accepts the { signals: … } wrapper and fills missing fields from the default theme', () => {
    const theme = parseTheme({ name: 'fleet', signals: { dfu: { color: 'red' } } });
    expect(theme.signals.dfu).toEqual({ color: { name: 'red', hex: '#FF0000' }, pattern: 'blink', periodMs: DEFAULT_THEME.dfu.periodMs });
  });

  it('rejects bad input with one clear line', () => {
    expectBadInput(() => parseTheme([]), /JSON object/);
    expectBadInput(() => parseTheme({}), /no LED signals/);
    expectBadInput(() => parseTheme({ 'network-blah': { color: 'red' } }), /unknown LED signal "network-blah".*network-off/);
    expectBadInput(() => parseTheme({ dfu: { color: 'lime' } }), /dfu\.color "lime" is not a colour/);
    expectBadInput(() => parseTheme({ dfu: { color: 12 } }), /dfu\.color must be a string/);
    expectBadInput(() => parseTheme({ dfu: { pattern: 'strobe' } }), /pattern must be solid, blink or breathe/);
    expectBadInput(() => parseTheme({ dfu: { speed: 'ludicrous' } }), /speed must be slow, normal, fast/);
    expectBadInput(() => parseTheme({ dfu: { speed: -5 } }), /period in ms/);
    expectBadInput(() => parseTheme({ dfu: { speed: 100000 } }), /period in ms/);
    expectBadInput(() => parseTheme({ dfu: { colour: 'red' } }), /unknown field "colour"/);
    expectBadInput(() => parseTheme({ dfu: 'red' }), /dfu must be an object/);
    expectBadInput(() => parseTheme({ dfu: { color: 'red' }, DFU_MODE: { color: 'blue' } }), /given twice/);
    expectBadInput(() => parseTheme({ signals: { dfu: {} }, extra: 1 }), /unknown top-level field "extra"/);
  });

  it('knows every Device OS LED signal', () => {
    expect(LED_SIGNALS).toHaveLength(13); // LED_SIGNAL_COUNT in system_led_signal.h
    for (const s of LED_SIGNALS) expect(normalizeSignalName(s)).toBe(s);
    expect(normalizeSignalName('LED_SIGNAL_NETWORK_DHCP')).toBe('network-dhcp');
    expect(normalizeSignalName('dfu_mode')).toBe('dfu');
    expect(normalizeSignalName('nope')).toBeUndefined();
  });

  it('quantises like the firmware (nibble repeated)', () => {
    expect(quantizeTheme4Bit('#FF6000')).toBe('#FF6600');
    expect(quantizeTheme4Bit('#00FFFF')).toBe('#00FFFF');
    expect(quantizeTheme4Bit('#123456')).toBe('#113355');
  });
});

describe('applyTheme', () => {
  const theme = parseTheme({
    'cloud-connected': { color: '#FF8800', pattern: 'breathe', speed: 'fast' },
    'network-connecting': { color: 'white', pattern: 'blink', speed: 'slow' },
    'cloud-connecting': { color: 'magenta' },
    dfu: { color: 'blue', pattern: 'blink', speed: 'fast' },
  });
  const themed = applyTheme(defaultCatalog(), theme);

  it('restyles the modes drawn by themed signals', () => {
    const connected = getMode('connected', themed);
    expect(connected.colors).toEqual(['orange']);
    expect(connected.variants.map((v) => v.id)).toEqual(['firmware']); // the docs drawing shows default cyan
    expect(connected.variants[0].pattern.loop[0]).toMatchObject({ kind: 'breathe', periodMs: 1000, count: 1, color: { hex: '#FF8800' }, waveform: 'triangle' });
    expect(connected.name).toMatch(/custom theme/);
  });

  it('keeps unthemed parts of composite modes', () => {
    const power = pickVariant(getMode('power-issue', themed)).pattern;
    expect(power.loop[0]).toMatchObject({ kind: 'solid', color: { name: 'white' }, durationMs: 500 });
    // 10 blinks of 200 ms (2 s) become 4 blinks of the slow 500 ms period
    expect(power.loop[1]).toMatchObject({ kind: 'blink', onMs: 250, offMs: 250, count: 4, color: { name: 'white' } });
    const err = pickVariant(getMode('handshake-no-internet', themed)).pattern;
    expect(err.intro?.[0]).toMatchObject({ kind: 'blink', color: { name: 'magenta' }, onMs: 100 });
    expect(err.loop[0]).toMatchObject({ color: { name: 'orange', hex: '#FF6000' }, onMs: 250 });
    expect(getMode('handshake-no-internet', themed).colors).toEqual(['orange', 'magenta']);
  });

  it('bootloader indications take the theme colour only', () => {
    const dfu = getMode('dfu', themed);
    expect(pickVariant(dfu).pattern.loop[0]).toMatchObject({ kind: 'blink', onMs: 101, color: { name: 'blue' } });
    expect(pickVariant(dfu, 'firmware-system').pattern.loop[0]).toMatchObject({ kind: 'blink', onMs: 50, color: { name: 'blue' } });
    expect(dfu.colors).toEqual(['blue']);
  });

  it('leaves other modes and the input catalog untouched', () => {
    expect(getMode('sos', themed)).toBe(getMode('sos'));
    expect(getMode('connected').colors).toEqual(['cyan']);
    expect(pickVariant(getMode('connected')).pattern.loop[0]).toMatchObject({ color: { name: 'cyan' } });
  });

  it('combines with the device filter', () => {
    const c = catalogFor('photon', theme);
    expect(getMode('connected', c).colors).toEqual(['orange']);
    expect(c.modes.some((m) => m.id === 'signal-strength')).toBe(false);
  });
});
