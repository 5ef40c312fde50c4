/**
 * Kill-and-resume for real: SIGKILL the CLI mid-run, tear its last line, resume, interrupt that
 * with SIGINT, resume again; every clip must end up with exactly one complete line.
 */
import { appendFileSync, existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, makeClipFolder, readJsonl, removeBuild, runCli, startCli } from './cli-helpers.js';

const REAL = { 'a1.mp4': 'mode-safe-mode.mp4', 'a2.mp4': 'mode-network-reset.mp4', 'a3.mp4': 'mode-dfu.mp4' };
const ALL = ['a1.mp4', 'a2.mp4', 'a3.mp4', 'b-random.mp4', 'b-text.mp4', 'b-zero.mp4'].map((f) => `clips/${f}`);

let dir: string;
beforeAll(() => {
  ensureBuilt();
  dir = makeClipFolder(REAL, { random: 'b-random.mp4', text: 'b-text.mp4', zero: 'b-zero.mp4' });
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  removeBuild();
});

const lineCount = (file: string): number => (existsSync(file) ? readFileSync(file, 'utf8').split('\n').length - 1 : 0);

async function waitFor(test: () => boolean, timeoutMs: number): Promise<void> {
  const start = Date.now();
  while (!test()) {
    if (Date.now() - start > timeoutMs) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('batch --resume', () => {
  it('survives SIGKILL, a torn line and SIGINT without losing or duplicating a clip', async () => {
    const out = join(dir, 'day.jsonl');
    const args = ['batch', 'clips', '--jobs', '1', '--out', 'day.jsonl', '--expect', 'safe-mode', '--report', 'day.csv'];

    // 1. killed outright once the first result is on disk
    const first = startCli(args, dir);
    await waitFor(() => lineCount(out) >= 1, 60_000);
    first.child.kill('SIGKILL');
    const killed = await first.done;
    expect(killed.signal).toBe('SIGKILL');
    const afterKill = lineCount(out);
    expect(afterKill).toBeGreaterThanOrEqual(1);
    expect(afterKill).toBeLessThan(ALL.length); // it really was cut short
    expect(readFileSync(out, 'utf8').endsWith('\n')).toBe(true); // every line fsync'ed whole

    // a write torn by a crash: the start of the next clip's line, no newline
    const torn = '{"file":"clips/a9.mp4","device":null,"video":{"wid';
    appendFileSync(out, torn);
    const sizeWithTorn = statSync(out).size;

    // 2. without --resume the run refuses to touch the file
    const refused = await runCli(args, dir);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/--resume/);
    expect(statSync(out).size).toBe(sizeWithTorn);

    // 3. resumed, then interrupted with SIGINT after one more result
    const second = startCli([...args, '--resume'], dir);
    await waitFor(() => !readFileSync(out, 'utf8').includes(torn) && lineCount(out) >= afterKill + 1, 60_000);
    second.child.kill('SIGINT');
    const interrupted = await second.done;
    expect(interrupted.code).toBe(130);
    expect(interrupted.stderr).toMatch(/cut away a torn last line/);
    expect(interrupted.stderr).toMatch(/interrupted: \d+ of 6 clips have results in day\.jsonl .*--resume/);
    expect(existsSync(join(dir, 'day.csv'))).toBe(false); // reports are only written for a finished run

    // 4. resumed to the end
    const third = await runCli([...args, '--resume', '--json'], dir);
    expect(third.stderr).toBe("");
    expect(third.code).toBe(1); // the bad files are errors
    const summary = JSON.parse(third.stdout);
    expect(summary.files).toBe(6);
    expect(summary.run.resumed + summary.run.processed).toBe(6);
    expect(summary.run.resumed).toBeGreaterThanOrEqual(afterKill + 1);

    const text = readFileSync(out, 'utf8');
    expect(text).not.toContain(torn);
    expect(text.endsWith('\n')).toBe(true);
    const files = readJsonl(out).map((l) => l.file); // every line parses
    expect(files.sort()).toEqual(ALL); // each clip exactly once
    const csvFiles = readFileSync(join(dir, 'day.csv'), 'utf8').trim().split('\r\n').slice(1).map((row) => row.split(',')[0]);
    expect(csvFiles).toEqual(ALL); // the report covers the clips of all three runs
    expect(existsSync(`${out}.lock`)).toBe(false);
  });
});
