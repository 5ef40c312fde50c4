import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * The user-facing error contract of the built CLI: bad input is one line on stderr and exit 2,
 * never a stack trace. (`npm test` builds dist/ before vitest runs.)
 */
const repo = resolve(import.meta.dirname, '../..');
const cli = join(repo, 'dist/cli/main.js');
let dir: string;

function run(...args: string[]) {
  const result = spawnSync(process.execPath, [cli, ...args], { cwd: repo, encoding: 'utf8', timeout: 60_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function expectOneLineError(stderr: string): void {
  const lines = stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^ledscope: /);
  expect(stderr).not.toMatch(/\n\s+at /); // no stack frames
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ledscope-cli-'));
});

describe('CLI error contract', () => {
  it('a missing file is bad input (exit 2, one line)', () => {
    const { status, stderr } = run('diagnose', join(dir, 'no-such-clip.mp4'));
    expect(status).toBe(2);
    expectOneLineError(stderr);
    expect(stderr).toMatch(/no-such-clip\.mp4/);
  });

  it('a text file named .mp4 is bad input (exit 2, one line)', () => {
    const file = join(dir, 'notes.mp4');
    writeFileSync(file, 'this is not a video\n'.repeat(50));
    const { status, stderr } = run('diagnose', file, '--json');
    expect(status).toBe(2);
    expectOneLineError(stderr);
  });

  it('an unknown device is bad input and names the valid ones', () => {
    const { status, stderr } = run('diagnose', join(repo, 'fixtures/example-connected.mp4'), '--device', 'nokia');
    expect(status).toBe(2);
    expectOneLineError(stderr);
    expect(stderr).toMatch(/boron/);
  });

  it('an unknown command is a usage error (exit 2)', () => {
    const { status, stderr } = run('diagnoze', 'x.mp4');
    expect(status).toBe(2);
    expect(stderr).toMatch(/unknown command/);
  });
});
