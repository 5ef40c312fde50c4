import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatCatalogJson, formatCatalogText } from '../../src/cli/commands/catalog.js';
import { parseDeviceOption, readThemeFile } from '../../src/diagnose/settings.js';
import { catalogFor } from '../../src/catalog/index.js';
import { BadInputError } from '../../src/errors.js';

describe('ledscope catalog formatting', () => {
  it('text lists every mode grouped like the page, with timing and meaning', () => {
    const text = formatCatalogText(catalogFor());
    const std = text.indexOf('Standard modes:');
    const trouble = text.indexOf('Troubleshooting modes:');
    const tracker = text.indexOf('Tracker LED scheme:');
    expect(std).toBeGreaterThan(-1);
    expect(trouble).toBeGreaterThan(std);
    expect(tracker).toBeGreaterThan(trouble);
    for (const m of catalogFor().modes) expect(text).toContain(`[${m.id}]`);
    expect(text).toContain('blink green 100/100 ms, repeating');
    expect(text).toMatch(/Breathing cyan {2}\[connected\]\n {4}colour: {2}cyan\n {4}pattern: breathe cyan 4000 ms linear, repeating/);
  });

  it('text for one device leaves out what it never shows', () => {
    const text = formatCatalogText(catalogFor('photon'), 'photon');
    expect(text).toContain('LED modes of the Photon');
    expect(text).not.toContain('[signal-strength]');
    expect(text).not.toContain('Tracker LED scheme');
    expect(text).toContain('Trying to join Wi-Fi');
  });

  it('JSON carries the data, with Infinity spelled out', () => {
    const data = JSON.parse(formatCatalogJson(catalogFor('boron'), 'boron'));
    expect(data.device).toBe('boron');
    expect(data.modes.map((m: { id: string }) => m.id)).toContain('signal-strength');
    const connected = data.modes.find((m: { id: string }) => m.id === 'connected');
    expect(connected.variants[0].pattern.repeat).toBe('Infinity');
    expect(connected.variants[0].pattern.loop[0]).toMatchObject({ kind: 'breathe', periodMs: 4000 });
  });

  it('device option: case-insensitive, unknown → BadInputError listing the valid ones', () => {
    expect(parseDeviceOption('Boron')).toBe('boron');
    expect(parseDeviceOption(undefined)).toBeUndefined();
    expect(() => parseDeviceOption('nokia')).toThrow(BadInputError);
    expect(() => parseDeviceOption('nokia')).toThrow(/unknown device "nokia" \(valid: photon, electron, argon, boron, xenon, tracker-som\)/);
  });

  it('theme files: read, validated, with one-line errors', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ledscope-theme-'));
    const good = path.join(dir, 'good.json');
    writeFileSync(good, JSON.stringify({ 'cloud-connected': { color: '#00FF00', pattern: 'breathe', speed: 'normal' } }));
    expect(readThemeFile(good).signals['cloud-connected']?.color.name).toBe('green');
    const bad = path.join(dir, 'bad.json');
    writeFileSync(bad, '{ not json');
    expect(() => readThemeFile(bad)).toThrow(/is not valid JSON/);
    expect(() => readThemeFile(path.join(dir, 'missing.json'))).toThrow(/cannot read theme file .*ENOENT/);
  });
});
