import { execFileSync } from 'node:child_process';
import { copyFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BadInputError } from '../../src/errors.js';
import { isVariableFrameRate, probeVideo, rotationOf } from '../../src/source/probe.js';
import { ffmpeg, makeTempDir, rotated, testPattern, vfrClip } from './media.js';

const tmp = makeTempDir('probe');
const file = (name: string) => join(tmp.dir, name);

/** Deterministic noise (xorshift), so the "random bytes" case is the same every run. */
function noise(bytes: number, seed = 0x9e3779b9): Uint8Array {
  const out = new Uint8Array(bytes);
  let s = seed >>> 0;
  for (let i = 0; i < bytes; i++) {
    s ^= s << 13; s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5; s >>>= 0;
    out[i] = s & 0xff;
  }
  return out;
}

beforeAll(async () => {
  testPattern(file('cfr.mp4'));
  vfrClip(file('vfr.mp4'));
  rotated(file('cfr.mp4'), file('rot.mp4'));
  testPattern(file('cfr.webm'), { seconds: 1, extra: ['-c:v', 'libvpx', '-deadline', 'realtime', '-cpu-used', '8'] });
  testPattern(file('cfr.mkv'), { seconds: 1, extra: ['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p'] });
  testPattern(file('cfr.avi'), { seconds: 1, extra: ['-c:v', 'mpeg4'] });
  testPattern(file('one.mp4'), { extra: ['-frames:v', '1', '-c:v', 'libx264', '-pix_fmt', 'yuv420p'] });
  ffmpeg(['-f', 'lavfi', '-i', 'anullsrc=r=48000:cl=mono', '-t', '1', '-c:a', 'aac', '-f', 'mp4', file('audio.mp4')]);
  writeFileSync(file('empty.mp4'), '');
  writeFileSync(file('noise.mp4'), noise(20_000));
  writeFileSync(file('notes.mp4'), 'Remember to film the LED for ten seconds.\nThen run ledscope diagnose.\n');
  writeFileSync(file('notes.txt'), 'Remember to film the LED for ten seconds.\n');
  await sharp({ create: { width: 64, height: 48, channels: 3, background: '#00ffff' } }).png().toFile(file('still.mp4'));
  execFileSync('mkfifo', [file('pipe.mp4')]); // opening it for reading would block forever
  copyFileSync(file('cfr.mp4'), file('cut.mp4'));
  truncateSync(file('cut.mp4'), Math.floor(statSync(file('cfr.mp4')).size / 2));
});
afterAll(() => tmp.cleanup());

describe('probeVideo', () => {
  it('reads size, rate, duration, frames and codec of a CFR clip', async () => {
    const info = await probeVideo(file('cfr.mp4'));
    expect(info).toMatchObject({ width: 320, height: 240, fps: 30, frames: 60, rotationDeg: 0, codec: 'h264', variableFrameRate: false });
    expect(info.durationS).toBeCloseTo(2, 2);
  });

  it('flags a variable-frame-rate clip', async () => {
    expect((await probeVideo(file('vfr.mp4'))).variableFrameRate).toBe(true);
  });

  it('reports the displayed (rotated) size of a clip with a rotation flag', async () => {
    const info = await probeVideo(file('rot.mp4'));
    expect([90, 270]).toContain(info.rotationDeg);
    expect([info.width, info.height, info.codedWidth, info.codedHeight]).toEqual([240, 320, 320, 240]);
  });

  it.each([
    ['cfr.webm', 'vp8'],
    ['cfr.mkv', 'h264'],
    ['cfr.avi', 'mpeg4'],
  ])('reads %s', async (name, codec) => {
    const info = await probeVideo(file(name));
    expect(info).toMatchObject({ width: 320, height: 240, codec, variableFrameRate: false });
    expect(info.fps).toBeCloseTo(30, 1);
    expect(info.frames).toBeGreaterThanOrEqual(29);
    expect(info.frames).toBeLessThanOrEqual(31);
  });

  it('accepts a one-frame clip (the caller decides whether one frame is enough)', async () => {
    expect((await probeVideo(file('one.mp4'))).frames).toBe(1);
  });
});

describe('probeVideo: bad input is one clear BadInputError', () => {
  it.each([
    ['missing.mp4', /^cannot read .*missing\.mp4: no such file$/],
    ['empty.mp4', /^file is empty: .*empty\.mp4$/],
    ['noise.mp4', /^not a video file: .*noise\.mp4 \(ffmpeg does not recognise its contents\)$/],
    ['notes.mp4', /^not a video file: .*notes\.mp4 is text$/],
    ['notes.txt', /^not a video file: .*notes\.txt is text$/],
    ['still.mp4', /^.*still\.mp4 is a PNG image, not a video/],
    ['audio.mp4', /^no video stream in .*audio\.mp4 \(it holds only audio\)$/],
    ['cut.mp4', /^.*cut\.mp4 is truncated or corrupt \(no index: moov atom not found\)/],
    ['.', /is a directory, not a video file$/],
    ['pipe.mp4', /^cannot read .*pipe\.mp4: not a regular file$/],
  ])('%s', async (name, message) => {
    const error = await probeVideo(file(name)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadInputError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain('\n');
  });
});

describe('rotationOf', () => {
  it('reads the clockwise rotate tag and the counter-clockwise display matrix', () => {
    expect(rotationOf({ tags: { rotate: '90' } })).toBe(90);
    expect(rotationOf({ tags: { rotate: '270' } })).toBe(270);
    expect(rotationOf({ side_data_list: [{ side_data_type: 'Display Matrix', rotation: -90 }] })).toBe(90);
    expect(rotationOf({ side_data_list: [{ side_data_type: 'Display Matrix', rotation: 90 }] })).toBe(270);
    expect(rotationOf({ side_data_list: [{ side_data_type: 'Display Matrix', rotation: 180 }] })).toBe(180);
    expect(rotationOf({ side_data_list: [{ side_data_type: 'Display Matrix', rotation: -180 }] })).toBe(180);
    expect(rotationOf({})).toBe(0);
  });
});

describe('isVariableFrameRate', () => {
  const cfr = Array.from({ length: 120 }, (_, i) => i / 30);
  it('is false for even spacing, including millisecond rounding and decode-order input', () => {
    expect(isVariableFrameRate(cfr)).toBe(false);
    expect(isVariableFrameRate(cfr.map((t) => Math.round(t * 1000) / 1000))).toBe(false);
    const decodeOrder = cfr.map((_, i) => cfr[i % 3 === 1 ? i + 1 : i % 3 === 2 ? i - 1 : i] ?? cfr[i]);
    expect(isVariableFrameRate(decodeOrder)).toBe(false);
  });
  it('is true for phone-like jitter and for too few frames is false', () => {
    const jitter = cfr.map((t, i) => t + (i % 4 === 0 ? 0.012 : 0));
    expect(isVariableFrameRate(jitter)).toBe(true);
    expect(isVariableFrameRate([0, 0.05])).toBe(false);
  });
});
