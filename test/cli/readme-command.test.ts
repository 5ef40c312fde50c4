/**
 * The README's first command, as a new user types it after `npm ci`: `npx ledscope diagnose` on the
 * bundled example. (npx runs the package's own bin: it must be executable straight after the build.)
 */
import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const repo = fileURLToPath(new URL('../../', import.meta.url));

describe('README main command', () => {
  it('npx ledscope diagnose fixtures/example-connected.mp4 diagnoses the example', () => {
    expect(statSync(new URL('../../dist/cli/main.js', import.meta.url)).mode & 0o111).not.toBe(0);
    const out = execFileSync('npx', ['--no-install', 'ledscope', 'diagnose', 'fixtures/example-connected.mp4', '--json'], { cwd: repo, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    const json = JSON.parse(out) as { diagnosis: { mode: string; color: string } };
    expect([json.diagnosis.mode, json.diagnosis.color]).toEqual(['connected', 'cyan']);
  });
});
