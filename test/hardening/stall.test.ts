import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveFfmpeg } from '../../src/source/binaries.js';
import { ensureBuilt, FIXTURES, readJsonl, removeBuild, runCli, type CliRun } from '../batch/cli-helpers.js';

/**
 * A decoder that stops producing output (a damaged stream, a share that stopped answering) must not
 * hang ledscope: the watchdog kills it after LEDSCOPE_STALL_TIMEOUT_S and the file is bad input
 * (exit 2, one line saying it stalls the decoder). The stalls are real processes: LEDSCOPE_FFMPEG
 * points at a script that runs the real ffmpeg for everything but a decode, and for a decode goes
 * silent — from the start, or after handing over a few frames.
 */
const STALL_S = 1;
/**
 * Watchdog plus node start-up on a busy shared machine (8 s seen at load 10); the fake hangs for
 * 120 s, so finishing well inside this means the watchdog ended it.
 */
const BOUND_MS = 40_000;

let dir: string;
const clip = join(FIXTURES, 'mode-connected.mp4');

/** A fake ffmpeg: `decode` is the shell that runs for a decode (`-i` in its arguments). */
function fakeFfmpeg(name: string, decode: string): { path: string; pidFile: string } {
  const path = join(dir, name);
  const pidFile = join(dir, `${name}.pid`);
  const real = resolveFfmpeg().path;
  writeFileSync(path, `#!/bin/sh\ncase " $* " in *" -i "*) ;; *) exec "${real}" "$@";; esac\n${decode.replaceAll('REAL', `"${real}"`)}\necho $$ > "${pidFile}"\nexec sleep 120\n`);
  chmodSync(path, 0o755);
  return { path, pidFile };
}

let silent: { path: string; pidFile: string };
let midStream: { path: string; pidFile: string };

beforeAll(() => {
  ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), 'ledscope-stall-'));
  silent = fakeFfmpeg('ffmpeg-silent', '');
  // ~5 search frames (480x270 rgb24), then the real ffmpeg dies of SIGPIPE and the script hangs
  midStream = fakeFfmpeg('ffmpeg-mid-stream', 'REAL "$@" | head -c 2000000');
}, 60_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  removeBuild();
});

async function timed(run: Promise<CliRun>): Promise<CliRun & { ms: number }> {
  const t0 = Date.now();
  const result = await run;
  return { ...result, ms: Date.now() - t0 };
}

/** The hung process was killed, not left behind. */
function expectGone(pidFile: string): void {
  expect(existsSync(pidFile), 'the fake ffmpeg never reached its stall').toBe(true);
  const pid = Number(readFileSync(pidFile, 'utf8'));
  expect(() => process.kill(pid, 0)).toThrow(/ESRCH/);
}

function expectStallLine(run: CliRun & { ms: number }): void {
  expect(run.code, run.stderr).toBe(2);
  expect(run.stdout).toBe('');
  const lines = run.stderr.split('\n').filter(Boolean);
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^ledscope: .*mode-connected\.mp4 stalls the decoder: ffmpeg gave no output for 1 s/);
  expect(run.ms).toBeLessThan(BOUND_MS);
}

describe('a stalled ffmpeg is killed and the file reported as bad input', { timeout: BOUND_MS + 10_000 }, () => {
  it('diagnose: an ffmpeg silent from the start → exit 2, one line, no process left', async () => {
    const run = await timed(runCli(['diagnose', '--json', clip], dir, { LEDSCOPE_FFMPEG: silent.path, LEDSCOPE_STALL_TIMEOUT_S: String(STALL_S) }));
    expectStallLine(run);
    expectGone(silent.pidFile);
  });

  it('diagnose: an ffmpeg that stalls after some frames → exit 2, one line, no process left', async () => {
    const run = await timed(runCli(['diagnose', '--json', clip], dir, { LEDSCOPE_FFMPEG: midStream.path, LEDSCOPE_STALL_TIMEOUT_S: String(STALL_S) }));
    expectStallLine(run);
    expectGone(midStream.pidFile);
  });

  it('batch: the stalled clip is an `error` line of kind bad-input, and the run finishes', async () => {
    const out = join(dir, 'stall.jsonl');
    const run = await timed(
      runCli(['batch', clip, '--jobs', '1', '--out', out, '--json'], dir, { LEDSCOPE_FFMPEG: silent.path, LEDSCOPE_STALL_TIMEOUT_S: String(STALL_S) }),
    );
    expect(run.code, run.stderr).toBe(1);
    expect(run.ms).toBeLessThan(BOUND_MS);
    const [record, ...rest] = readJsonl(out);
    expect(rest).toEqual([]);
    expect(record).toMatchObject({ status: 'error', errorKind: 'bad-input', diagnosis: null });
    expect(record.error).toMatch(/stalls the decoder/);
  });
});
