import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveFfmpeg, resolveFfprobe } from '../../src/source/binaries.js';
import { ensureBuilt, FIXTURES, readJsonl, removeBuild, runCli } from '../batch/cli-helpers.js';
import { topBoxes } from './mp4-boxes.js';

/**
 * A recording cut off mid-mdat keeps a header that lists every frame. `diagnose --json` (and each
 * batch line) must say how many frames the diagnosis rests on — the frames that really decode, as
 * ffprobe counts them — not the header's figure; a whole clip still reports the container's.
 */
const fixture = join(FIXTURES, 'mode-connected.mp4'); // 6 s, 180 frames at 30 fps
let dir: string;
let cut: string;
let decodable: number;

beforeAll(() => {
  ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), 'ledscope-truncated-'));
  // moov in front, then cut the mdat at 60%: ffmpeg decodes what is left and exits 0
  const front = join(dir, 'front.mp4');
  execFileSync(resolveFfmpeg().path, ['-v', 'error', '-y', '-i', fixture, '-c', 'copy', '-movflags', '+faststart', front]);
  const bytes = readFileSync(front);
  const mdat = topBoxes(bytes).get('mdat');
  if (!mdat || (topBoxes(bytes).get('moov')?.at ?? Infinity) > mdat.at) throw new Error('expected the moov box before mdat');
  cut = join(dir, 'cut.mp4');
  writeFileSync(cut, bytes.subarray(0, mdat.at + Math.floor(mdat.size * 0.6)));
  const counted = execFileSync(
    resolveFfprobe().path,
    ['-v', 'quiet', '-count_frames', '-select_streams', 'v:0', '-show_entries', 'stream=nb_read_frames,nb_frames', '-of', 'json', cut],
    { encoding: 'utf8' },
  );
  const stream = (JSON.parse(counted) as { streams: Array<{ nb_read_frames: string; nb_frames: string }> }).streams[0];
  decodable = Number(stream.nb_read_frames);
  // the premise: the header still claims the whole clip
  expect(Number(stream.nb_frames)).toBe(180);
  expect(decodable).toBeGreaterThan(30);
  expect(decodable).toBeLessThan(150);
}, 60_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  removeBuild();
});

describe('a truncated clip reports the frames actually decoded', { timeout: 60_000 }, () => {
  it('diagnose --json and the batch line give the decoded frames and span; a whole clip keeps the header figures', async () => {
    const out = join(dir, 'r.jsonl');
    const [diagnosed, whole, batch] = await Promise.all([
      runCli(['diagnose', '--json', cut], dir),
      runCli(['diagnose', '--json', fixture], dir),
      runCli(['batch', cut, '--jobs', '1', '--out', out, '--json'], dir),
    ]);

    expect(diagnosed.code, diagnosed.stderr).toBe(0);
    const video = (JSON.parse(diagnosed.stdout) as { video: { frames: number; durationS: number; fps: number } }).video;
    expect(video.frames).toBe(decodable);
    // the span of what decoded (last frame + one interval), not the header's 6 s
    expect(video.durationS).toBeCloseTo(decodable / 30, 1);

    expect(whole.code, whole.stderr).toBe(0);
    expect((JSON.parse(whole.stdout) as { video: unknown }).video).toMatchObject({ frames: 180, durationS: 6 });

    expect([0, 1]).toContain(batch.code);
    const [record] = readJsonl(out);
    expect(record.status).not.toBe('error');
    expect(record.video).toEqual(video);
  });
});
