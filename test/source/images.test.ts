import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BadInputError } from '../../src/errors.js';
import { frameTimes, naturalSort, openImageSequence, stampMs } from '../../src/source/images.js';
import type { RgbFrame } from '../../src/source/types.js';
import { brightBox, makeTempDir } from './media.js';

const tmp = makeTempDir('images');
const dir = (name: string) => join(tmp.dir, name);

/** A black still with a white square; the square's x encodes the frame number. */
function still(index: number, width = 160, height = 120) {
  const marker = Buffer.from(
    `<svg width="${width}" height="${height}"><rect x="${10 + index * 10}" y="40" width="8" height="8" fill="#fff"/></svg>`,
  );
  return sharp({ create: { width, height, channels: 3, background: '#000' } }).composite([{ input: marker }]);
}

async function collect(iter: AsyncIterable<RgbFrame>): Promise<RgbFrame[]> {
  const frames: RgbFrame[] = [];
  for await (const frame of iter) frames.push(frame);
  return frames;
}

beforeAll(async () => {
  mkdirSync(dir('stamped'));
  mkdirSync(dir('plain'));
  mkdirSync(dir('empty'));
  mkdirSync(dir('mixed'));
  const stamps = [0, 40, 75, 120, 200];
  for (let i = 0; i < stamps.length; i++) {
    await still(i).png().toFile(join(dir('stamped'), `cam_${stamps[i]}ms.png`));
  }
  // names sort wrongly as plain text: frame10 must come after frame9
  for (const i of [1, 2, 9, 10, 11]) await still(i % 10).png().toFile(join(dir('plain'), `frame${i}.png`));
  writeFileSync(join(dir('plain'), 'readme.txt'), 'not an image');
  await still(0).png().toFile(join(dir('mixed'), 'a1.png'));
  await still(1, 80, 60).png().toFile(join(dir('mixed'), 'a2.png'));
  writeFileSync(dir('broken.png'), 'this is not a png');
  // EXIF orientation 6: stored landscape, displayed turned 90° clockwise (portrait)
  await still(0).jpeg().withMetadata({ orientation: 6 }).toFile(dir('turned.jpg'));
});
afterAll(() => tmp.cleanup());

describe('openImageSequence', () => {
  it('times frames from ms stamps in the file names', async () => {
    const source = await openImageSequence(dir('stamped'));
    const frames = await collect(source.frames());
    expect(frames.map((f) => f.timestampMs)).toEqual([0, 40, 75, 120, 200]);
    expect(frames.map((f) => brightBox(f.data, f.width, f.height)!.x0)).toEqual([10, 20, 30, 40, 50]);
    expect(source.info).toMatchObject({ width: 160, height: 120, frames: 5, codec: 'png' });
    expect(source.notes).toEqual([]);
  });

  it('sorts names naturally, skips non-images, and assumes 30 fps with a note', async () => {
    const source = await openImageSequence(dir('plain'));
    expect(source.files.map((f) => f.split('/').pop())).toEqual(['frame1.png', 'frame2.png', 'frame9.png', 'frame10.png', 'frame11.png']);
    const frames = await collect(source.frames());
    frames.forEach((f, i) => expect(f.timestampMs).toBeCloseTo((i * 1000) / 30, 6));
    expect(source.notes.join(' ')).toMatch(/assuming 30 fps/);
  });

  it('uses a given interval, and reads a glob and a list', async () => {
    const fromGlob = await openImageSequence(join(dir('plain'), 'frame1*.png'), { intervalMs: 100 });
    expect(fromGlob.files.map((f) => f.split('/').pop())).toEqual(['frame1.png', 'frame10.png', 'frame11.png']);
    expect((await collect(fromGlob.frames())).map((f) => f.timestampMs)).toEqual([0, 100, 200]);
    const fromList = await openImageSequence([join(dir('plain'), 'frame2.png'), join(dir('plain'), 'frame9.png')], { intervalMs: 50 });
    expect(fromList.info.fps).toBe(20);
  });

  it('crops then shrinks, with origin and scale mapping back to the full image', async () => {
    const source = await openImageSequence(dir('stamped'));
    // frame 2's square is at x 30..37, y 40..47 (centre 33.5, 43.5)
    const [frame] = await collect(source.frames({ crop: { x: 21, y: 31, width: 40, height: 30 }, maxSide: 20, startS: 0.07, durationS: 0.01 }));
    expect([frame.originX, frame.originY, frame.width, frame.height, frame.index]).toEqual([20, 30, 20, 15, 0]); // snapped to 42x32, shrunk to fit 20
    expect(frame.timestampMs).toBe(75);
    const box = brightBox(frame.data, frame.width, frame.height, 40)!;
    expect(Math.abs(frame.originX + (box.cx + 0.5) * frame.scale - 0.5 - 33.5)).toBeLessThanOrEqual(frame.scale);
    expect(Math.abs(frame.originY + (box.cy + 0.5) * frame.scale - 0.5 - 43.5)).toBeLessThanOrEqual(frame.scale);
  });

  it('applies EXIF orientation', async () => {
    const source = await openImageSequence(dir('turned.jpg'));
    expect([source.info.width, source.info.height]).toEqual([120, 160]);
    const [frame] = await collect(source.frames());
    expect([frame.width, frame.height]).toEqual([120, 160]);
    const box = brightBox(frame.data, frame.width, frame.height)!;
    // stored square at x 10..17, y 40..47 of 160x120; a clockwise quarter turn puts it at x 72..79, y 10..17
    expect(Math.abs(box.cx - 75.5)).toBeLessThanOrEqual(1);
    expect(Math.abs(box.cy - 13.5)).toBeLessThanOrEqual(1);
  });

  it.each([
    ['empty', /^no PNG or JPEG images in .*empty$/],
    ['broken.png', /^cannot read image .*broken\.png: /],
    ['nowhere', /^cannot read .*nowhere: no such file or folder$/],
  ])('rejects %s with one line', async (name, message) => {
    const error = await openImageSequence(dir(name)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadInputError);
    expect((error as Error).message).toMatch(message);
  });

  it('rejects a sequence whose stills differ in size', async () => {
    const source = await openImageSequence(dir('mixed'), { intervalMs: 100 });
    await expect(collect(source.frames())).rejects.toThrow(/a2\.png is 80x60 but .*a1\.png is 160x120/);
  });
});

describe('file-name helpers', () => {
  it('reads ms stamps', () => {
    expect(stampMs('/x/frame_t=1234ms.png')).toBe(1234);
    expect(stampMs('cam_0099ms.jpg')).toBe(99);
    expect(stampMs('frame_000123.png')).toBeUndefined();
    expect(stampMs('ms_intro.png')).toBeUndefined();
  });
  it('falls back when stamps do not increase', () => {
    const notes: string[] = [];
    expect(frameTimes(['a_50ms.png', 'b_20ms.png'], undefined, notes)).toEqual([0, 1000 / 30]);
    expect(notes).toHaveLength(1);
  });
  it('sorts naturally', () => {
    expect(naturalSort(['f10.png', 'f9.png', 'F1.png'])).toEqual(['F1.png', 'f9.png', 'f10.png']);
  });
});
