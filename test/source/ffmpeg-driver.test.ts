import { execFileSync } from 'node:child_process';
import { chmodSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resetBinaryCache } from '../../src/source/binaries.js';
import { passthroughSyncOptions, spawnRawVideo } from '../../src/source/ffmpeg-driver.js';
import { ffmpegChildren, makeTempDir, testPattern } from './media.js';

const tmp = makeTempDir('driver');
const clip = join(tmp.dir, 'clip.mp4');
const FRAME_BYTES = 320 * 240 * 3;

beforeAll(() => testPattern(clip, { seconds: 2 }));
afterAll(() => tmp.cleanup());

async function drain(stream: AsyncIterable<Uint8Array>): Promise<number> {
  let bytes = 0;
  for await (const chunk of stream) bytes += chunk.length;
  return bytes;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('spawnRawVideo', () => {
  it('writes raw rgb24 frames and settles cleanly', async () => {
    const lines: string[] = [];
    const proc = spawnRawVideo(clip, {
      filters: ['format=rgb24', 'showinfo'],
      pixFmt: 'rgb24',
      outputOptions: passthroughSyncOptions(),
      onStderrLine: (line) => lines.push(line),
    });
    const bytes = await drain(proc.stdout);
    const exit = await proc.done;
    expect(bytes).toBe(60 * FRAME_BYTES);
    expect(exit).toMatchObject({ error: null, killed: false, stalled: false });
    expect(lines.filter((l) => /Parsed_showinfo.*\sn:\s*\d+/.test(l))).toHaveLength(60);
  });

  it('pauses ffmpeg while the reader is slow, without the stall watchdog firing', async () => {
    let decoded = 0;
    const proc = spawnRawVideo(clip, {
      filters: ['format=rgb24', 'showinfo'],
      pixFmt: 'rgb24',
      outputOptions: passthroughSyncOptions(),
      stallTimeoutS: 0.3,
      onStderrLine: (line) => {
        if (/Parsed_showinfo.*\sn:\s*\d+/.test(line)) decoded++;
      },
    });
    await sleep(1500);
    // unread: only what fits in the pipe and our buffer (~1 MB ≈ 5 frames) plus ffmpeg's queue
    expect(decoded).toBeLessThan(30);
    expect(await drain(proc.stdout)).toBe(60 * FRAME_BYTES);
    expect((await proc.done).stalled).toBe(false);
  });

  it('kills an ffmpeg that produces nothing and says it stalled', async () => {
    const fifo = join(tmp.dir, 'never-written.fifo');
    execFileSync('mkfifo', [fifo]);
    const started = Date.now();
    const proc = spawnRawVideo(fifo, { filters: ['format=rgb24'], pixFmt: 'rgb24', stallTimeoutS: 1 });
    const bytes = await drain(proc.stdout);
    const exit = await proc.done;
    expect(bytes).toBe(0);
    expect(exit.stalled).toBe(true);
    expect(exit.error?.message).toMatch(/never-written\.fifo stalls the decoder: ffmpeg gave no output for 1 s/);
    expect(exit.error).toMatchObject({ exitCode: 2 }); // bad input, as the contract's other unusable files
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(ffmpegChildren()).toEqual([]);
  });

  it('kill() ends the process and done reports it as killed, not failed', async () => {
    const proc = spawnRawVideo(clip, { filters: ['format=rgb24'], pixFmt: 'rgb24' });
    proc.kill();
    const exit = await proc.done;
    expect(exit.killed).toBe(true);
    expect(exit.stalled).toBe(false);
    expect(ffmpegChildren()).toEqual([]);
  });

  it('an ffmpeg that cannot be started ends the stream and reports an error instead of hanging', async () => {
    const fake = join(tmp.dir, 'vanishing-ffmpeg');
    writeFileSync(fake, "#!/bin/sh\necho 'ffmpeg version 6.0 Copyright (c) 2000-2023'\n");
    chmodSync(fake, 0o755);
    const saved = process.env.LEDSCOPE_FFMPEG;
    process.env.LEDSCOPE_FFMPEG = fake;
    resetBinaryCache();
    try {
      const proc = spawnRawVideo(clip, { filters: ['format=rgb24'], pixFmt: 'rgb24' });
      rmSync(fake); // resolved (it answered -version), then gone before the spawn
      expect(await drain(proc.stdout)).toBe(0);
      expect((await proc.done).error).toBeInstanceOf(Error);
    } finally {
      if (saved === undefined) delete process.env.LEDSCOPE_FFMPEG;
      else process.env.LEDSCOPE_FFMPEG = saved;
      resetBinaryCache();
    }
  });
});
