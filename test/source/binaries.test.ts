import { chmodSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { LedscopeError } from '../../src/errors.js';
import {
  ensureExecutable,
  parseVersionLine,
  pathIsPreferred,
  resetBinaryCache,
  resolveFfmpeg,
  resolveFfprobe,
} from '../../src/source/binaries.js';
import { makeTempDir } from './media.js';

const tmp = makeTempDir('bin');
const saved = { PATH: process.env.PATH, LEDSCOPE_FFMPEG: process.env.LEDSCOPE_FFMPEG };

afterEach(() => {
  process.env.PATH = saved.PATH;
  if (saved.LEDSCOPE_FFMPEG === undefined) delete process.env.LEDSCOPE_FFMPEG;
  else process.env.LEDSCOPE_FFMPEG = saved.LEDSCOPE_FFMPEG;
  resetBinaryCache();
});
afterAll(() => tmp.cleanup());

/** A stand-in ffmpeg on a private PATH directory that only answers -version. */
function fakeFfmpeg(dir: string, versionLine: string): string {
  const file = join(dir, 'ffmpeg');
  writeFileSync(file, `#!/bin/sh\necho '${versionLine}'\n`);
  chmodSync(file, 0o755);
  return file;
}

describe('parseVersionLine', () => {
  it('reads releases and git snapshots', () => {
    expect(parseVersionLine('ffmpeg version 6.1.1-3ubuntu5 Copyright (c) 2000-2023 the FFmpeg developers')).toEqual({
      version: '6.1.1-3ubuntu5',
      major: 6,
      year: 2023,
    });
    expect(parseVersionLine('ffmpeg version n7.0 Copyright (c) 2000-2024 the FFmpeg developers').major).toBe(7);
    expect(
      parseVersionLine('ffmpeg version N-47683-g0e8eb07980-static https://johnvansickle.com/ffmpeg/  Copyright (c) 2000-2018 the FFmpeg developers'),
    ).toEqual({ version: 'N-47683-g0e8eb07980-static', major: null, year: 2018 });
  });
});

describe('pathIsPreferred', () => {
  const bundled = { version: 'N-47683', major: null, year: 2018 };
  it('prefers a modern or newer PATH build, not an older one', () => {
    expect(pathIsPreferred({ version: '6.1', major: 6, year: 2023 }, bundled)).toBe(true);
    expect(pathIsPreferred({ version: '4.4', major: 4, year: 2021 }, bundled)).toBe(true);
    expect(pathIsPreferred({ version: '3.4', major: 3, year: 2017 }, bundled)).toBe(false);
    expect(pathIsPreferred({ version: '4.1', major: 4, year: 2018 }, bundled)).toBe(false);
  });
});

describe('resolveFfmpeg / resolveFfprobe', () => {
  it('finds working binaries and says where they came from', () => {
    for (const binary of [resolveFfmpeg(), resolveFfprobe()]) {
      expect(['env', 'path', 'npm']).toContain(binary.origin);
      expect(binary.version).not.toBe('unknown');
      expect(binary.reason.length).toBeGreaterThan(0);
    }
    expect(resolveFfmpeg()).toBe(resolveFfmpeg()); // cached
  });

  it('takes a newer ffmpeg from the PATH over the bundled 2018 build', () => {
    const bundled = resolveFfmpeg();
    if (bundled.origin !== 'npm' || bundled.year === null || bundled.year > 2018) return; // only meaningful against the 2018 build
    resetBinaryCache();
    const fake = fakeFfmpeg(tmp.dir, 'ffmpeg version 6.1.1 Copyright (c) 2000-2023 the FFmpeg developers');
    process.env.PATH = tmp.dir;
    expect(resolveFfmpeg()).toMatchObject({ path: fake, origin: 'path', major: 6 });
  });

  it('keeps the bundled build over an older PATH one', () => {
    const bundled = resolveFfmpeg();
    if (bundled.origin !== 'npm') return; // a PATH or env ffmpeg is in use here; nothing to compare
    resetBinaryCache();
    fakeFfmpeg(tmp.dir, 'ffmpeg version 3.4.8 Copyright (c) 2000-2017 the FFmpeg developers');
    process.env.PATH = tmp.dir;
    expect(resolveFfmpeg()).toMatchObject({ path: bundled.path, origin: 'npm' });
    expect(resolveFfmpeg().reason).toMatch(/not newer/);
  });

  it('LEDSCOPE_FFMPEG wins, and a bad one is a one-line error saying what to do', () => {
    const real = resolveFfmpeg().path;
    resetBinaryCache();
    process.env.LEDSCOPE_FFMPEG = real;
    expect(resolveFfmpeg()).toMatchObject({ path: real, origin: 'env', reason: 'set by LEDSCOPE_FFMPEG' });
    resetBinaryCache();
    process.env.LEDSCOPE_FFMPEG = join(tmp.dir, 'no-such-ffmpeg');
    expect(() => resolveFfmpeg()).toThrow(LedscopeError);
    expect(() => resolveFfmpeg()).toThrow(/^LEDSCOPE_FFMPEG=.*no-such-ffmpeg is not a runnable ffmpeg; point it at a working ffmpeg binary or unset it$/);
  });
});

describe('ensureExecutable', () => {
  it('restores the execute bit npm may have skipped', () => {
    const file = join(tmp.dir, 'tool');
    writeFileSync(file, '#!/bin/sh\n');
    chmodSync(file, 0o644);
    expect(ensureExecutable(file)).toBeNull();
    expect(statSync(file).mode & 0o111).toBe(0o111);
  });
  it('says in one line when it cannot', () => {
    const problem = ensureExecutable(join(tmp.dir, 'absent'));
    expect(problem).toMatch(/absent is not executable and chmod failed \(ENOENT\); run chmod \+x on it$/);
  });
});
