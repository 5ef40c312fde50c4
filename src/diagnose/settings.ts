/**
 * Reading the per-run flags every command shares: the device name and a custom LED theme file. Node
 * side (reads files); the catalog itself stays isomorphic.
 */
import { readFileSync } from 'node:fs';
import { DEVICE_IDS, isDeviceId, parseTheme, type DeviceId, type Theme } from '../catalog/index.js';
import { BadInputError } from '../errors.js';

export function parseDeviceOption(value: string | undefined): DeviceId | undefined {
  if (value === undefined) return undefined;
  const v = value.trim().toLowerCase();
  if (isDeviceId(v)) return v;
  throw new BadInputError(`unknown device "${value}" (valid: ${DEVICE_IDS.join(', ')})`);
}

export function readThemeFile(file: string): Theme {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new BadInputError(`cannot read theme file ${file}${code ? ` (${code})` : ''}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new BadInputError(`theme file ${file} is not valid JSON: ${(error as Error).message.split('\n')[0]}`);
  }
  return parseTheme(json);
}
