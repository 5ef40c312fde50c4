import { describe, expect, it } from 'vitest';
import { globToRegExp, hasGlobMagic, splitGlobBase } from '../../src/batch/glob.js';

const m = (pattern: string, path: string): boolean => globToRegExp(pattern).test(path);

describe('glob matcher', () => {
  it('* and ? stay within one folder and skip hidden names', () => {
    expect(m('*.mp4', 'unit-1.mp4')).toBe(true);
    expect(m('*.mp4', 'day/unit-1.mp4')).toBe(false);
    expect(m('*.mp4', '._unit-1.mp4')).toBe(false);
    expect(m('.*.mp4', '._unit-1.mp4')).toBe(true);
    expect(m('unit-?.mp4', 'unit-7.mp4')).toBe(true);
    expect(m('unit-?.mp4', 'unit-17.mp4')).toBe(false);
  });

  it('** spans any number of folders, including none', () => {
    expect(m('**/*.mp4', 'a.mp4')).toBe(true);
    expect(m('**/*.mp4', 'x/y/z/a.mp4')).toBe(true);
    expect(m('line-*/**/*.mov', 'line-2/a/b/clip.mov')).toBe(true);
    expect(m('line-*/**/*.mov', 'line-2/clip.mov')).toBe(true);
    expect(m('**/*.mp4', '.hidden/a.mp4')).toBe(false);
    expect(m('day/**', 'day/a/b.mp4')).toBe(true);
  });

  it('classes, negated classes and alternatives', () => {
    expect(m('unit-[0-4].mp4', 'unit-3.mp4')).toBe(true);
    expect(m('unit-[0-4].mp4', 'unit-5.mp4')).toBe(false);
    expect(m('unit-[!0-4].mp4', 'unit-5.mp4')).toBe(true);
    expect(m('*.{mp4,mov}', 'a.mov')).toBe(true);
    expect(m('*.{mp4,mov}', 'a.mkv')).toBe(false);
    expect(m('{a,b}*.mp4', 'bee.mp4')).toBe(true);
  });

  it('treats regex characters in names literally', () => {
    expect(m('unit (2)+.mp4', 'unit (2)+.mp4')).toBe(true);
    expect(m('a.mp4', 'aXmp4')).toBe(false);
    expect(m('$x^.mp4', '$x^.mp4')).toBe(true);
  });

  it('splits off the literal base folder', () => {
    expect(splitGlobBase('recordings/2026-11-*/**/*.mp4')).toEqual({ base: 'recordings', rest: '2026-11-*/**/*.mp4' });
    expect(splitGlobBase('*.mp4')).toEqual({ base: '.', rest: '*.mp4' });
    expect(splitGlobBase('/mnt/nas/*.mp4')).toEqual({ base: '/mnt/nas', rest: '*.mp4' });
    expect(hasGlobMagic('plain/file.mp4')).toBe(false);
    expect(hasGlobMagic('a/{b,c}.mp4')).toBe(true);
  });
});
