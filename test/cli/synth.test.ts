import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { register } from '../../src/cli/commands/synth.js';
import { BadInputError } from '../../src/errors.js';
import type { ClipLabel } from '../../src/synth/scenario.js';

const dir = mkdtempSync(join(tmpdir(), 'ledscope-cli-synth-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(...args: string[]): Promise<string> {
  const program = new Command().exitOverride();
  register(program);
  let out = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  try {
    await program.parseAsync(['node', 'ledscope', 'synth', ...args]);
  } finally {
    spy.mockRestore();
  }
  return out;
}

describe('ledscope synth', () => {
  it('renders a mode to the file named, with its label beside it', async () => {
    const out = join(dir, 'sos.mp4');
    const text = await run('--mode', 'sos', '--code', '8', '--device', 'boron', '--out', out, '--width', '128', '--height', '72', '--duration', '1', '--seed', '3');
    expect(text).toContain(`wrote ${out}`);
    expect(text).toContain('expected sos code 8');
    expect(statSync(out).size).toBeGreaterThan(1000);
    const label = JSON.parse(readFileSync(join(dir, 'sos.json'), 'utf8')) as ClipLabel;
    expect(label.expected).toEqual({ mode: 'sos', code: 8, color: 'red' });
    expect(label.seed).toBe(3);
    expect(label.video.width).toBe(128);
  });

  it('turns bad arguments into one-line BadInputErrors', async () => {
    const out = join(dir, 'x.mp4');
    const bad: [string[], RegExp][] = [
      [['--mode', 'sos', '--preset', 'boot'], /exactly one of --mode/],
      [['--mode', 'blinking-purple'], /not a mode id/],
      [['--mode', 'sos', '--code', '99'], /codes run from 1 to 15/],
      [['--mode', 'signal-strength', '--device', 'photon'], /does not show signal-strength/],
      [['--mode', 'connected', '--fps', 'fast'], /--fps fast/],
      [['--mode', 'connected', '--rotate', '45'], /--rotate 45/],
      [['--preset', 'party'], /--preset party/],
      [['--mode', 'connected', '--conditions', 'medium'], /clean or hard/],
    ];
    for (const [args, message] of bad) {
      const error = await run(...args, '--out', out).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(BadInputError);
      expect((error as Error).message).toMatch(message);
      expect((error as Error).message).not.toContain('\n');
    }
    await expect(run('--mode', 'connected', '--out', join(dir, 'x.avi'))).rejects.toThrow(/\.mp4, \.mov, \.webm or \.y4m/);
    await expect(run('--mode', 'connected', '--rotate', '90', '--out', join(dir, 'x.webm'))).rejects.toThrow(/needs an \.mp4 or \.mov/);
    await expect(run('--mode', 'connected', '--vfr', '--out', join(dir, 'x.y4m'))).rejects.toThrow(/constant whole frame rate/);
  });
});
