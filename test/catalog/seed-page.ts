import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEVICE_IDS, hasCapability, type Capability, type DeviceId } from '../../src/catalog/index.js';

/** Helpers that read the seed page and evaluate its Handlebars conditionals per device. */

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const inRepoSeedPath = path.join(repoRoot, 'src/catalog/seed/status-led-and-device-modes.md');
export const sharedSeedPath = path.resolve(repoRoot, '../shared/seed/status-led-and-device-modes.md');

export function readSeed(): string {
  return readFileSync(inRepoSeedPath, 'utf8');
}

export function sharedSeedExists(): boolean {
  return existsSync(sharedSeedPath);
}

export interface Heading {
  level: number;
  text: string;
  line: number;
}

export function headings(markdown: string): Heading[] {
  const out: Heading[] = [];
  let inFence = false;
  markdown.split('\n').forEach((line, i) => {
    if (line.startsWith('```')) inFence = !inFence;
    if (inFence) return;
    const m = /^(#{1,6})\s+(.*?)\s*$/.exec(line);
    if (m) out.push({ level: m[1].length, text: m[2], line: i + 1 });
  });
  return out;
}

const FLAG_CAPABILITY: Record<string, Capability> = {
  'has-wifi': 'wifi',
  'has-cellular': 'cellular',
  'has-gen3': 'gen3',
  'has-stm32': 'stm32',
  'has-cellular-strength': 'cellular-strength',
  'has-gen3-argon-boron-xenon': 'gen3-argon-boron-xenon',
};

function flag(device: DeviceId, name: string): boolean {
  if ((DEVICE_IDS as readonly string[]).includes(name)) return device === name;
  const cap = FLAG_CAPABILITY[name];
  if (!cap) throw new Error(`the seed page uses a conditional we do not map: ${name}`);
  return hasCapability(device, cap);
}

/** The headings a device's rendering of the page shows (conditionals evaluated, comments dropped). */
export function visibleHeadings(markdown: string, device: DeviceId): Heading[] {
  const text = markdown.replace(/\{\{!--[\s\S]*?--\}\}/g, (m) => m.replace(/[^\n]/g, ''));
  const stack: { cond: boolean; inElse: boolean }[] = [];
  const visible = () => stack.every((s) => (s.inElse ? !s.cond : s.cond));
  const out: Heading[] = [];
  let inFence = false;
  text.split('\n').forEach((line, i) => {
    if (line.startsWith('```')) inFence = !inFence;
    const h = inFence ? null : /^(#{1,6})\s+(.*?)\s*$/.exec(line);
    if (h && visible()) out.push({ level: h[1].length, text: h[2], line: i + 1 });
    for (const t of line.matchAll(/\{\{\s*(#if|#unless|else|\/if|\/unless)\s*([\w-]*)\s*\}\}/g)) {
      const [, op, arg] = t;
      if (op === '#if') stack.push({ cond: flag(device, arg), inElse: false });
      else if (op === '#unless') stack.push({ cond: !flag(device, arg), inElse: false });
      else if (op === 'else') stack[stack.length - 1].inElse = true;
      else stack.pop();
    }
  });
  if (stack.length !== 0) throw new Error('unbalanced conditionals in the seed page');
  return out;
}
