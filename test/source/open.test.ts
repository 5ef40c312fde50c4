import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BadInputError } from '../../src/errors.js';
import { openSource } from '../../src/source/open.js';
import { makeTempDir, testPattern } from './media.js';

const tmp = makeTempDir('open');
const path = (name: string) => join(tmp.dir, name);

beforeAll(async () => {
  testPattern(path('clip.mp4'), { seconds: 1 });
  copyFileSync(path('clip.mp4'), path('clip.unknown-extension'));
  mkdirSync(path('stills'));
  for (let i = 0; i < 3; i++) {
    await sharp({ create: { width: 32, height: 24, channels: 3, background: '#0000ff' } }).png().toFile(path(`stills/s${i}.png`));
  }
  copyFileSync(path('stills/s0.png'), path('photo.mp4'));
  writeFileSync(path('notes.mp4'), 'just some text\n');
});
afterAll(() => tmp.cleanup());

describe('openSource', () => {
  it('opens a video file, choosing by content rather than extension', async () => {
    for (const name of ['clip.mp4', 'clip.unknown-extension']) {
      const source = await openSource(path(name));
      expect(source.kind).toBe('video');
      expect(source.info).toMatchObject({ width: 320, height: 240, frames: 30 });
    }
  });

  it('opens a folder, a glob or a single still as images', async () => {
    expect((await openSource(path('stills'), { intervalMs: 100 })).info).toMatchObject({ frames: 3, fps: 10 });
    expect((await openSource(path('stills/*.png'))).kind).toBe('images');
    const single = await openSource(path('stills/s1.png'));
    expect(single.kind).toBe('images');
    let n = 0;
    for await (const frame of single.frames()) n += frame.data.length;
    expect(n).toBe(32 * 24 * 3);
  });

  it.each([
    ['missing.mp4', /^cannot read .*missing\.mp4: no such file or folder$/],
    ['photo.mp4', /photo\.mp4 is a PNG image, not a video/],
    ['notes.mp4', /^not a video file: .*notes\.mp4 is text$/],
  ])('%s is bad input, said in one line', async (name, message) => {
    const error = await openSource(path(name)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadInputError);
    expect((error as Error).message).toMatch(message);
  });
});
