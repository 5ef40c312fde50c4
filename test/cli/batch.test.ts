import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, makeClipFolder, readJsonl, removeBuild, runCli } from '../batch/cli-helpers.js';
import { parseXmlStrict } from '../report/junit-xml-check.js';

// two short real clips and three bad files
const REAL = { 'line-1/unit-a.mp4': 'mode-safe-mode.mp4', 'line-2/unit-b.mp4': 'mode-dfu.mp4' };
const BAD = { zero: 'zero.mp4', text: 'text.mp4', random: 'random.mp4' };

let dir: string;
beforeAll(() => {
  ensureBuilt();
  dir = makeClipFolder(REAL, BAD);
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  removeBuild();
});

describe('ledscope batch (CLI)', () => {
  it('diagnoses every clip, keeps going past bad files, judges --expect, and writes every report', async () => {
    const run = await runCli(['batch', 'clips', '--jobs', '2', '--expect', 'dfu', '--out', 'r.jsonl', '--report', 'r.csv,r.xml', '--report', 's.json', '--json'], dir);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1); // the bad files are errors

    const lines = readJsonl(join(dir, 'r.jsonl'));
    expect(lines.map((l) => l.file).sort()).toEqual(['clips/line-1/unit-a.mp4', 'clips/line-2/unit-b.mp4', 'clips/random.mp4', 'clips/text.mp4', 'clips/zero.mp4']);
    for (const l of lines) {
      expect(Object.keys(l)).toEqual(['file', 'device', 'video', 'led', 'diagnosis', 'timeline', 'status', 'expected', 'failure', 'error', 'errorKind', 'elapsedS', 'path']);
      expect(l.path).toBe(join(dir, l.file));
      expect(l.expected).toBe('dfu');
      if (/unit-/.test(l.file)) {
        // a real clip: the diagnose contract, and a verdict that follows from it
        expect(Object.keys(l.diagnosis)).toEqual(['mode', 'code', 'color', 'meaning', 'advice', 'confidence', 'startS', 'endS']);
        expect(l.video).toMatchObject({ width: 640, height: 360 });
        expect(Array.isArray(l.timeline)).toBe(true);
        expect(l.status).toBe(l.diagnosis.mode === 'dfu' ? 'pass' : 'fail');
        if (l.status === 'fail') expect(l.failure).toBe(`expected dfu, diagnosed ${l.diagnosis.code !== null ? `${l.diagnosis.mode}:${l.diagnosis.code}` : l.diagnosis.mode}`);
        expect(l.error).toBeNull();
      } else {
        expect(l).toMatchObject({ status: 'error', errorKind: 'bad-input', diagnosis: null, timeline: null, video: null, led: null, failure: null });
        expect(l.error).toMatch(/\S/);
        expect(l.error).not.toContain('\n');
      }
    }
    expect(lines.find((l) => l.file.endsWith('zero.mp4'))!.error).toMatch(/empty/);

    const summary = JSON.parse(run.stdout);
    const count = (status: string): number => lines.filter((l) => l.status === status).length;
    expect(summary).toMatchObject({ files: 5, pass: count('pass'), fail: count('fail'), error: 3, errorKinds: { 'bad-input': 3 } });
    expect(summary.run.processed).toBe(5);
    expect(summary.run.filesPerS).toBeGreaterThan(0);
    expect(Object.values(summary.modes as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(2);
    expect(JSON.parse(readFileSync(join(dir, 's.json'), 'utf8'))).toEqual(summary);

    const csv = readFileSync(join(dir, 'r.csv'), 'utf8').split('\r\n');
    expect(csv[0]).toBe('file,status,mode,code,color,confidence,startS,endS,expected,error');
    expect(csv).toHaveLength(7); // header, 5 rows, and the empty string after the last CRLF
    const suite = parseXmlStrict(readFileSync(join(dir, 'r.xml'), 'utf8')).children[0];
    expect(suite.attrs).toMatchObject({ tests: '5', errors: '3', failures: String(count('fail')) });
    expect(suite.children.filter((c) => c.children.some((e) => e.name === 'error'))).toHaveLength(3);
  });

  it('exits 0 when every clip passes', async () => {
    const run = await runCli(['batch', 'clips/line-*/unit-a.mp4', '--jobs', '1', '--out', 'one.jsonl'], dir);
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: 'batch: 1 clip, 1 job → one.jsonl\n' });
    expect(run.stdout).toMatch(/^1 clips: 1 pass, 0 fail, 0 error/);
    expect(readJsonl(join(dir, 'one.jsonl'))).toHaveLength(1);
  });

  it('splits the clips across shards that are disjoint and together cover all', async () => {
    const names = Array.from({ length: 9 }, (_, i) => `bad-${i}.mp4`);
    for (const name of names) writeFileSync(join(dir, 'clips', name), '');
    const runs = await Promise.all([1, 2, 3].map((k) => runCli(['batch', 'clips/bad-*.mp4', '--shard', `${k}/3`, '--jobs', '1', '--json'], dir)));
    expect(runs.map((r) => r.code)).toEqual([1, 1, 1].map((c, i) => (JSON.parse(runs[i].stdout).files > 0 ? c : 0)));
    const shards = [1, 2, 3].map((k) => readJsonl(join(dir, `ledscope-results.shard-${k}-of-3.jsonl`)).map((l) => l.file));
    const union = shards.flat();
    expect(union.sort()).toEqual(names.map((n) => `clips/${n}`).sort());
    expect(new Set(union).size).toBe(union.length);
    expect(JSON.parse(runs[1].stdout).run.shard).toBe('2/3');
  });

  it('refuses usage errors with exit 2 and one line, before touching any file', async () => {
    writeFileSync(join(dir, 'old.jsonl'), '');
    const cases: Array<[string[], RegExp]> = [
      [['batch', 'clips', '--expect', 'breathing-cyan'], /unknown mode "breathing-cyan"/],
      [['batch', 'clips', '--expect-sequence', 'connected,nope'], /unknown mode "nope"/],
      [['batch', 'no-such-folder'], /no such file or folder/],
      [['batch', 'clips/*.mov'], /matched no video files/],
      [['batch', 'clips', '--out', 'old.jsonl'], /old\.jsonl already exists: pass --resume/],
      [['batch', 'clips', '--report', 'r.html'], /\.csv .* \.xml .* \.json/],
      [['batch', 'clips', '--shard', '3/2'], /--shard "3\/2"/],
      [['batch', 'clips', '--jobs', '0'], /--jobs "0"/],
      [['batch', 'clips', '--within', '5'], /--within needs --expect/],
      [['batch', 'clips', '--device', 'toaster'], /unknown device "toaster"/],
    ];
    const runs = await Promise.all(cases.map(([args]) => runCli([...args, '--json'], dir)));
    for (const [i, [args, message]] of cases.entries()) {
      const run = runs[i];
      expect({ args, code: run.code }).toEqual({ args, code: 2 });
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
      expect(run.stderr).toMatch(message);
      expect(run.stdout).toBe('');
    }
    expect(existsSync(join(dir, 'ledscope-results.jsonl'))).toBe(false);
    expect(readFileSync(join(dir, 'old.jsonl'), 'utf8')).toBe('');
  });
});
