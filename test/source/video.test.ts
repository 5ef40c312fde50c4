import { statSync, truncateSync, copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BadInputError } from '../../src/errors.js';
import { openVideo, planDecode } from '../../src/source/video.js';
import type { RgbFrame } from '../../src/source/types.js';
import {
  brightBox,
  ffmpegChildren,
  ffprobeFramePts,
  makeTempDir,
  markerClip,
  rotated,
  testPattern,
  vfrClip,
} from './media.js';

const tmp = makeTempDir('video');
const clip = (name: string) => join(tmp.dir, name);
const MARKER = { x: 20, y: 30, size: 16 };

beforeAll(() => {
  testPattern(clip('cfr.mp4'));
  vfrClip(clip('vfr.mp4'));
  markerClip(clip('marker.mp4'), MARKER);
  rotated(clip('marker.mp4'), clip('marker-rot.mp4'));
  markerClip(clip('big-marker.mp4'), { x: 450, y: 210, size: 24 }, { width: 640, height: 360 });
  testPattern(clip('cfr.webm'), { seconds: 1, extra: ['-c:v', 'libvpx', '-deadline', 'realtime', '-cpu-used', '8', '-b:v', '300k'] });
  testPattern(clip('cfr.mkv'), { seconds: 1, extra: ['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p'] });
  testPattern(clip('cfr.avi'), { seconds: 1, extra: ['-c:v', 'mpeg4', '-q:v', '5'] });
  testPattern(clip('cfr.mov'), { seconds: 1 });
  testPattern(clip('cfr.m4v'), { seconds: 1 });
  testPattern(clip('one.mp4'), { seconds: 1, extra: ['-frames:v', '1', '-c:v', 'libx264', '-pix_fmt', 'yuv420p'] });
  testPattern(clip('long.mp4'), { seconds: 10, fps: 30, size: '160x120' });
});
afterAll(() => tmp.cleanup());

async function collect(iter: AsyncIterable<RgbFrame>): Promise<RgbFrame[]> {
  const frames: RgbFrame[] = [];
  for await (const frame of iter) frames.push(frame);
  return frames;
}

describe('openVideo: frames and timestamps', () => {
  it('streams every frame of a 30 fps clip at 1/30 s steps, first at 0', async () => {
    const source = await openVideo(clip('cfr.mp4'));
    const frames = await collect(source.frames());
    expect(frames).toHaveLength(60);
    frames.forEach((f, i) => {
      expect(f.index).toBe(i);
      expect(f.timestampMs).toBeCloseTo((i * 1000) / 30, 2);
      expect([f.width, f.height, f.channels, f.data.length]).toEqual([320, 240, 3, 320 * 240 * 3]);
    });
    expect(source.notes).toEqual([]);
  });

  it('gives a variable-frame-rate clip its real, uneven timestamps, matching ffprobe', async () => {
    const source = await openVideo(clip('vfr.mp4'));
    const frames = await collect(source.frames({ maxSide: 64 }));
    const probed = ffprobeFramePts(clip('vfr.mp4'));
    expect(frames).toHaveLength(probed.length);
    const expected = probed.map((t) => (t - probed[0]) * 1000);
    frames.forEach((f, i) => expect(f.timestampMs).toBeCloseTo(expected[i], 3));
    const deltas = frames.slice(1).map((f, i) => f.timestampMs - frames[i].timestampMs);
    expect(Math.max(...deltas) - Math.min(...deltas)).toBeGreaterThan(15);
  });

  it.each(['cfr.webm', 'cfr.mkv', 'cfr.avi', 'cfr.mov', 'cfr.m4v'])('decodes %s: 30 frames about 33 ms apart', async (name) => {
    const source = await openVideo(clip(name));
    const frames = await collect(source.frames());
    expect(frames).toHaveLength(30);
    expect(frames[0].timestampMs).toBe(0);
    // matroska/webm store milliseconds, so steps alternate 33/34 ms
    frames.slice(1).forEach((f, i) => expect(Math.abs(f.timestampMs - frames[i].timestampMs - 1000 / 30)).toBeLessThan(1));
  });

  it('startS/durationS select a window of clip time', async () => {
    const source = await openVideo(clip('vfr.mp4'));
    const all = await collect(source.frames({ maxSide: 32 }));
    const window = await collect(source.frames({ maxSide: 32, startS: 0.5, durationS: 0.3 }));
    const expected = all.filter((f) => f.timestampMs >= 500 && f.timestampMs < 800).map((f) => f.timestampMs);
    expect(expected.length).toBeGreaterThan(3);
    expect(window.map((f) => f.timestampMs)).toEqual(expected);
  });

  it('a one-frame clip yields exactly one frame at 0 ms', async () => {
    const frames = await collect((await openVideo(clip('one.mp4'))).frames());
    expect(frames.map((f) => f.timestampMs)).toEqual([0]);
  });
});

describe('openVideo: geometry', () => {
  it('turns a rotated clip upright: displayed size swapped, marker where the rotation puts it', async () => {
    const source = await openVideo(clip('marker-rot.mp4'));
    expect([90, 270]).toContain(source.info.rotationDeg);
    expect([source.info.width, source.info.height]).toEqual([240, 320]);
    const [frame] = await collect(source.frames({ durationS: 0.01 }));
    expect([frame.width, frame.height]).toEqual([240, 320]);
    const box = brightBox(frame.data, frame.width, frame.height)!;
    // stored frame is 320x240, marker at x 20..35, y 30..45; rotate that clockwise by rotationDeg
    const { x, y, size } = MARKER;
    const want =
      source.info.rotationDeg === 90
        ? { x0: 240 - (y + size), y0: x } // (x, y) → (H-1-y, x)
        : { x0: y, y0: 320 - (x + size) }; // (x, y) → (y, W-1-x)
    expect(box.x0).toBeCloseTo(want.x0, 0);
    expect(box.y0).toBeCloseTo(want.y0, 0);
    expect(box.x1 - box.x0 + 1).toBe(size);
  });

  it('crops a rotated clip in displayed coordinates', async () => {
    const source = await openVideo(clip('marker-rot.mp4'));
    const [whole] = await collect(source.frames({ durationS: 0.01 }));
    const full = brightBox(whole.data, whole.width, whole.height)!;
    const crop = { x: full.x0 - 10, y: full.y0 - 12, width: 40, height: 40 };
    const [frame] = await collect(source.frames({ crop, durationS: 0.01 }));
    const box = brightBox(frame.data, frame.width, frame.height)!;
    expect([box.x0 + frame.originX, box.y0 + frame.originY, box.x1 + frame.originX, box.y1 + frame.originY]).toEqual([
      full.x0, full.y0, full.x1, full.y1,
    ]);
  });

  it('a full-resolution crop returns the region exactly, with its origin', async () => {
    const source = await openVideo(clip('big-marker.mp4'));
    const [frame] = await collect(source.frames({ crop: { x: 401, y: 181, width: 101, height: 81 }, durationS: 0.01 }));
    // snapped outwards to even pixels
    expect([frame.originX, frame.originY, frame.width, frame.height, frame.scale]).toEqual([400, 180, 102, 82, 1]);
    const box = brightBox(frame.data, frame.width, frame.height)!;
    expect([box.x0 + frame.originX, box.y0 + frame.originY, box.x1 + frame.originX, box.y1 + frame.originY]).toEqual([
      450, 210, 473, 233,
    ]);
  });

  it.each([
    { label: 'whole frame, maxSide 160', options: { maxSide: 160 } },
    { label: 'crop then maxSide 40', options: { crop: { x: 380, y: 150, width: 200, height: 150 }, maxSide: 40 } },
  ])('maps buffer pixels back to displayed pixels ($label)', async ({ options }) => {
    const source = await openVideo(clip('big-marker.mp4'));
    const [frame] = await collect(source.frames({ ...options, durationS: 0.01 }));
    expect(Math.max(frame.width, frame.height)).toBe(options.maxSide);
    const box = brightBox(frame.data, frame.width, frame.height, 60)!;
    const cx = frame.originX + box.cx * frame.scale;
    const cy = frame.originY + box.cy * frame.scale;
    // marker centre is (461.5, 221.5); mapping is good to about one buffer pixel
    expect(Math.abs(cx - 461.5)).toBeLessThanOrEqual(frame.scale);
    expect(Math.abs(cy - 221.5)).toBeLessThanOrEqual(frame.scale);
  });

  it('planDecode crops before scaling and reports the scale', () => {
    const plan = planDecode({ width: 1920, height: 1080 }, { crop: { x: 100, y: 100, width: 400, height: 200 }, maxSide: 100 });
    expect(plan.filters).toEqual(['crop=400:200:100:100', 'scale=100:50:flags=area', 'format=rgb24']);
    expect([plan.width, plan.height, plan.originX, plan.originY, plan.scale]).toEqual([100, 50, 100, 100, 4]);
    expect(planDecode({ width: 320, height: 240 }, { maxSide: 480 }).filters).toEqual(['format=rgb24']);
    expect(() => planDecode({ width: 320, height: 240 }, { crop: { x: 400, y: 10, width: 10, height: 10 } })).toThrow(
      BadInputError,
    );
  });
});

describe('openVideo: stopping and broken files', () => {
  it('an early break kills ffmpeg and leaves no process behind', async () => {
    const source = await openVideo(clip('long.mp4'));
    let n = 0;
    for await (const frame of source.frames()) {
      expect(frame.index).toBe(n);
      if (++n === 3) break;
    }
    expect(n).toBe(3);
    expect(ffmpegChildren()).toEqual([]);
  });

  it('a file cut in half with its index in front yields the frames that survive, then ends', async () => {
    const whole = testPattern(clip('fast.mp4'), {
      extra: ['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-movflags', '+faststart'],
    });
    const cut = clip('fast-cut.mp4');
    copyFileSync(whole, cut);
    truncateSync(cut, Math.floor(statSync(whole).size / 2));
    const source = await openVideo(cut);
    expect(source.info.frames).toBe(60);
    const frames = await collect(source.frames());
    expect(frames.length).toBeGreaterThan(0);
    expect(frames.length).toBeLessThan(60);
    expect(source.notes.join(' ')).toMatch(new RegExp(`truncated: decoded ${frames.length} of the 60 frames`));
    expect(ffmpegChildren()).toEqual([]);
  });

  it('a file whose surviving bytes hold no whole frame is a BadInputError saying so', async () => {
    const whole = markerClip(clip('tiny.mp4'), MARKER, { seconds: 2, faststart: true });
    const cut = clip('tiny-cut.mp4');
    copyFileSync(whole, cut);
    truncateSync(cut, Math.floor(statSync(whole).size / 2));
    const source = await openVideo(cut);
    await expect(collect(source.frames())).rejects.toThrow(/cannot decode any frame of .*truncated or corrupt/);
  });

  it('a decode that yields no frame is a BadInputError', async () => {
    const source = await openVideo(clip('cfr.mp4'));
    await expect(collect(source.frames({ startS: 30 }))).rejects.toThrow(/no frames decoded .* at or after 30 s/);
  });
});
