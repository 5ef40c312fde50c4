import { afterEach, describe, expect, it } from 'vitest';
import { runChecks } from '../../src/cli/commands/doctor.js';
import { resetBinaryCache } from '../../src/source/binaries.js';

const savedFfmpeg = process.env.LEDSCOPE_FFMPEG;
afterEach(() => {
  if (savedFfmpeg === undefined) delete process.env.LEDSCOPE_FFMPEG;
  else process.env.LEDSCOPE_FFMPEG = savedFfmpeg;
  resetBinaryCache();
});

describe('doctor', () => {
  it('finds every required part working here', async () => {
    const checks = await runChecks();
    expect(checks.map((c) => c.name)).toEqual(['node', 'ffmpeg', 'ffprobe', 'sharp', 'opencv', 'tfjs']);
    for (const check of checks) expect({ name: check.name, ok: check.ok, summary: check.summary }).toMatchObject({ ok: true });
    const ffmpeg = checks.find((c) => c.name === 'ffmpeg')!;
    expect(ffmpeg.details).toMatchObject({ testDecodeFrames: 4 });
    expect(['env', 'path', 'npm']).toContain(ffmpeg.details.origin);
    expect(checks.find((c) => c.name === 'opencv')!.details.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(checks.find((c) => c.name === 'tfjs')!.details.backends).toMatchObject({ cpu: true });
  });

  it('reports a broken ffmpeg as a failed required part', async () => {
    process.env.LEDSCOPE_FFMPEG = '/nonexistent/ffmpeg';
    resetBinaryCache();
    const ffmpeg = (await runChecks()).find((c) => c.name === 'ffmpeg')!;
    expect(ffmpeg.ok).toBe(false);
    expect(ffmpeg.summary).toMatch(/^LEDSCOPE_FFMPEG=\/nonexistent\/ffmpeg is not a runnable ffmpeg/);
  });
});
