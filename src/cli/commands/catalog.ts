import type { Command } from 'commander';
import { parseDeviceOption, readThemeFile } from '../../diagnose/settings.js';
import {
  DEVICE_IDS,
  DEVICE_NAMES,
  catalogFor,
  colorLabel,
  describePattern,
  pickVariant,
  textFor,
  type Catalog,
  type DeviceId,
  type ModeEntry,
  type ModeGroup,
} from '../../catalog/index.js';

/** `ledscope catalog [--device D] [--json] [--theme FILE]`: print what each LED mode looks like and means. */

const GROUP_TITLES: Record<ModeGroup, string> = {
  standard: 'Standard modes',
  troubleshooting: 'Troubleshooting modes',
  tracker: 'Tracker LED scheme',
};

function colorsText(entry: ModeEntry): string {
  if (entry.colorParam) return entry.colorParam.join(' | ');
  if (entry.colors.length > 0) return entry.colors.join(', ');
  for (const s of entry.variants[0].pattern.loop) if (s.kind !== 'off') return colorLabel(s.color);
  return 'dark';
}

function codesText(codes: NonNullable<ModeEntry['codes']>): string {
  const named = codes.entries.filter((c) => !/^\d/.test(c.name));
  const list = named.map((c) => `${c.code} ${c.name}`).join('; ');
  return `${codes.min}–${codes.max}${list ? ` (${list})` : ''}`;
}

/** The listing as text: modes grouped as the seed page groups them. Pure, for tests and the CLI. */
export function formatCatalogText(catalog: Catalog, device?: DeviceId): string {
  const lines: string[] = [];
  lines.push(device ? `LED modes of the ${DEVICE_NAMES[device]} (${catalog.modes.length})` : `LED modes, all devices (${catalog.modes.length})`);
  for (const group of ['standard', 'troubleshooting', 'tracker'] as const) {
    const modes = catalog.modes.filter((m) => (m.group ?? 'troubleshooting') === group);
    if (modes.length === 0) continue;
    lines.push('', `${GROUP_TITLES[group]}:`);
    for (const m of modes) {
      lines.push('', `  ${m.name}  [${m.id}]`);
      lines.push(`    colour:  ${colorsText(m)}`);
      lines.push(`    pattern: ${describePattern(pickVariant(m).pattern, { compact: true })}`);
      for (const v of m.variants.slice(1)) lines.push(`      or (${v.id}): ${describePattern(v.pattern, { compact: true })}`);
      if (m.codes) lines.push(`    codes:   ${codesText(m.codes)}`);
      lines.push(`    meaning: ${textFor(m.meaning, device)}`);
      if (!device) lines.push(`    devices: ${m.devices.join(', ')}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** JSON has no Infinity: "forever" durations and repeats are written as the string "Infinity". */
export function formatCatalogJson(catalog: Catalog, device?: DeviceId): string {
  return `${JSON.stringify({ device: device ?? null, modes: catalog.modes }, (_k, v) => (v === Infinity ? 'Infinity' : v), 2)}\n`;
}

export function register(program: Command): void {
  program
    .command('catalog')
    .description('List the status LED modes: what each looks like (firmware timing) and what it means.')
    .option('--device <device>', `only modes this device shows (${DEVICE_IDS.join(', ')})`)
    .option('--json', 'print the catalog data as JSON')
    .option('--theme <file>', 'restyle the modes with a custom LED theme (JSON: signal → { color, pattern, speed })')
    .action((options: { device?: string; json?: boolean; theme?: string }) => {
      const device = parseDeviceOption(options.device);
      const theme = options.theme !== undefined ? readThemeFile(options.theme) : undefined;
      const catalog = catalogFor(device, theme);
      process.stdout.write(options.json ? formatCatalogJson(catalog, device) : formatCatalogText(catalog, device));
    });
}
