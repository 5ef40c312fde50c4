import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expandInputs } from '../../src/batch/inputs.js';
import { BadInputError } from '../../src/errors.js';

let root: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'ledscope-inputs-'));
  const files = [
    'day/line-1/b.mp4',
    'day/line-1/a.MOV',
    'day/line-1/notes.txt',
    'day/line-1/._a.MOV',
    'day/line-2/a.mp4',
    'day/line-2/c.webm',
    'day/.trash/old.mp4',
    'other/x.mkv',
    'other/y.avi',
    'other/z.m4v',
    'loose.dat',
  ];
  for (const f of files) {
    mkdirSync(join(root, f, '..'), { recursive: true });
    writeFileSync(join(root, f), '');
  }
  mkdirSync(join(root, 'empty'));
  symlinkSync(join(root, 'day'), join(root, 'day', 'line-2', 'loop')); // a symlink loop must not hang the walk
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const files = (args: string[]): string[] => expandInputs(args, root).map((i) => i.file);

describe('batch inputs', () => {
  it('walks folders recursively for video files, skipping hidden ones, sorted', () => {
    expect(files(['day'])).toEqual(['day/line-1/a.MOV', 'day/line-1/b.mp4', 'day/line-2/a.mp4', 'day/line-2/c.webm']);
  });

  it('keys each clip by its path below the input, for sharding', () => {
    expect(expandInputs(['day/line-1'], root).map((i) => i.key)).toEqual(['a.MOV', 'b.mp4']);
    expect(expandInputs([join(root, 'day', 'line-2', 'a.mp4')], root)[0]).toMatchObject({ key: 'a.mp4', file: 'day/line-2/a.mp4' });
  });

  it('matches globs below their base, keeping video files and walking matched folders', () => {
    expect(files(['day/*/a.*'])).toEqual(['day/line-1/a.MOV', 'day/line-2/a.mp4']);
    expect(files(['**/*.{mkv,avi}'])).toEqual(['other/x.mkv', 'other/y.avi']);
    expect(files(['day/line-*'])).toEqual(['day/line-1/a.MOV', 'day/line-1/b.mp4', 'day/line-2/a.mp4', 'day/line-2/c.webm']);
  });

  it('takes an explicitly named file whatever its extension, and de-duplicates', () => {
    expect(files(['loose.dat', 'other', 'other/x.mkv'])).toEqual(['loose.dat', 'other/x.mkv', 'other/y.avi', 'other/z.m4v']);
  });

  it('refuses inputs that give nothing, so a typo is not an empty green day', () => {
    expect(() => expandInputs([], root)).toThrow(BadInputError);
    expect(() => expandInputs(['nope'], root)).toThrow(/no such file or folder/);
    expect(() => expandInputs(['empty'], root)).toThrow(/holds no video files/);
    expect(() => expandInputs(['day/*.mkv'], root)).toThrow(/matched no video files/);
  });

  it('shows paths outside the working folder as absolute', () => {
    const out = expandInputs([join(root, 'other')], join(root, 'day'));
    expect(out.map((i) => i.file)).toEqual(['x.mkv', 'y.avi', 'z.m4v'].map((f) => join(root, 'other', f)));
  });
});
