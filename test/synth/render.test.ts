import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveFfmpeg, resolveFfprobe } from '../../src/source/binaries.js';
import { defaultConditions, otherCameraConditions, randomConditions, rateCameraConditions, type RenderConditions } from '../../src/synth/conditions.js';
import { prepareClip } from '../../src/synth/frames.js';
import { modeScenario, presetScenario } from '../../src/synth/presets.js';
import { renderClip } from '../../src/synth/render.js';
import type { ClipLabel } from '../../src/synth/scenario.js';

const dir = mkdtempSync(join(tmpdir(), 'ledscope-synth-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const small = (over: Partial<RenderConditions> = {}): RenderConditions => ({ ...defaultConditions(), width: 160, height: 96, ledRadiusPx: 5, ...over });

function probe(file: string, entries: string, extra: string[] = []): string {
  return execFileSync(resolveFfprobe().path, ['-v', 'error', ...extra, '-show_entries', entries, '-of', 'json', file], { encoding: 'utf8' });
}

function frameHashes(seed: number, frames: number): string[] {
  const clip = prepareClip(modeScenario('connecting-cloud', { durationMs: 1000 }), small({ shakePx: 3, vfr: true }), seed);
  const out: string[] = [];
  for (const f of clip.frames()) {
    if (f.index >= frames) break;
    out.push(createHash('sha1').update(f.rgb).digest('hex'));
  }
  return out;
}

describe('synthetic clips', () => {
  it('renders the same bytes from the same seed, and other bytes from another', () => {
    const a = frameHashes(42, 6);
    expect(frameHashes(42, 6)).toEqual(a);
    expect(frameHashes(43, 6)).not.toEqual(a);
    expect(new Set(a).size).toBeGreaterThan(1); // frames differ over time (blink, noise, shake)
  });

  it('draws the LED: its halo follows the drive in its own hue, the board further out barely changes', () => {
    const c = small({ ledRadiusPx: 6, shakePx: 0, driftPx: 0, ledAt: { u: 0.5, v: 0.5 }, noise: 0.001, shotNoise: 0 });
    const clip = prepareClip(modeScenario('listening', { durationMs: 1000 }), c, 3);
    const { x, y } = clip.label.led;
    const at = (rgb: Uint8Array, dy: number) => {
      const i = (Math.round(y - dy) * c.width + Math.round(x)) * 3;
      return Array.from(rgb.subarray(i, i + 3));
    };
    const seen: { t: number; halo: number[]; far: number[] }[] = [];
    for (const f of clip.frames()) seen.push({ t: f.tMs, halo: at(f.rgb, 1.5 * c.ledRadiusPx), far: at(f.rgb, 5 * c.ledRadiusPx) });
    // listening = blue blink 250/250 from the catalog: ON during [0, 250), OFF during [250, 500)
    const on = seen.find((s) => s.t >= 50 && s.t < 200)!;
    const off = seen.find((s) => s.t >= 300 && s.t < 450)!;
    expect(on.halo[2]).toBeGreaterThan(off.halo[2] + 40);
    expect(on.halo[2]).toBeGreaterThan(on.halo[0] + 40); // the halo keeps the hue
    expect(Math.abs(on.far[0] - off.far[0])).toBeLessThan(25);
  });

  it('films like another phone when given a look: more saturated, sharpened, same scene and timing', () => {
    const c = small({ ledRadiusPx: 6, shakePx: 0, driftPx: 0, ledAt: { u: 0.5, v: 0.5 }, noise: 0.001, shotNoise: 0 });
    const scenario = modeScenario('connecting-network', { durationMs: 600 });
    const first = (cond: RenderConditions) => {
      const clip = prepareClip(scenario, cond, 5);
      const f = clip.frames().next().value!;
      return { rgb: Uint8Array.from(f.rgb), led: clip.label.led, tMs: f.tMs };
    };
    const plain = first(c);
    const other = first({ ...c, look: { saturation: 1.5, hueShiftDeg: 0, toneGamma: 1, sharpen: 0 } });
    const neutral = first({ ...c, look: { saturation: 1, hueShiftDeg: 0, toneGamma: 1, sharpen: 0 } });
    expect(neutral.rgb).toEqual(plain.rgb);
    expect(other.tMs).toBe(plain.tMs);
    // the green LED's halo: a saturation boost widens the gap between green and the other channels
    const i = (Math.round(plain.led.y - 1.5 * c.ledRadiusPx) * c.width + Math.round(plain.led.x)) * 3;
    const spread = (rgb: Uint8Array) => rgb[i + 1] - Math.max(rgb[i], rgb[i + 2]);
    expect(spread(plain.rgb)).toBeGreaterThan(20);
    expect(spread(other.rgb)).toBeGreaterThan(spread(plain.rgb) + 5);
    // sharpening adds detail energy (sum of squared neighbour differences)
    const detail = (rgb: Uint8Array) => {
      let e = 0;
      for (let k = 3; k < rgb.length; k++) e += (rgb[k] - rgb[k - 3]) ** 2;
      return e;
    };
    const sharp = first({ ...c, look: { saturation: 1, hueShiftDeg: 0, toneGamma: 1, sharpen: 1 } });
    expect(detail(sharp.rgb)).toBeGreaterThan(1.1 * detail(plain.rgb));
    // the held-out draw keeps everything else of the ordinary draw
    const held = otherCameraConditions(123, 'hard');
    const { look, ...rest } = held;
    expect(look).toBeDefined();
    expect(rest).toEqual(randomConditions(123, 'hard'));
    // the frame-rate camera is the held-out camera at a frame rate no other draw uses
    const rates = new Set<number>();
    for (let seed = 0; seed < 40; seed++) {
      const { fps, ...others } = rateCameraConditions(seed, 'clean');
      const { fps: _, ...held } = otherCameraConditions(seed, 'clean');
      expect(others).toEqual(held);
      rates.add(fps);
    }
    expect([...rates].sort((a, b) => a - b)).toEqual([15, 25, 50]);
  });

  it('reads the sensor line by line (rolling shutter), across x when the phone was turned', () => {
    const edgeFrame = (rotationDeg: 0 | 90) => {
      // listening blinks 250/250 ms: frame 7 at 30 fps starts at 233 ms and its 30 ms readout
      // straddles the 250 ms edge, so the lines read first see the LED on and the later ones off.
      const c = small({ width: 96, height: 96, ledRadiusPx: 14, shakePx: 0, driftPx: 0, ledAt: { u: 0.5, v: 0.5 }, noise: 0, shotNoise: 0, exposureMs: 1, readoutMs: 30, rotationDeg });
      const clip = prepareClip(modeScenario('listening', { durationMs: 300 }), c, 8);
      let frame: Uint8Array | null = null;
      for (const f of clip.frames()) if (f.index === 7) frame = f.rgb.slice();
      return { frame: frame!, led: clip.label.led };
    };
    const blueAt = (rgb: Uint8Array, storedW: number, x: number, y: number) => rgb[(Math.round(y) * storedW + Math.round(x)) * 3 + 2];
    const upright = edgeFrame(0);
    const { x, y } = upright.led;
    expect(blueAt(upright.frame, 96, x, y - 20)).toBeGreaterThan(blueAt(upright.frame, 96, x, y + 20) + 40);
    // rotated 90°: stored (x0, y0) shows displayed (95 − y0, x0); the sensor's first lines are the
    // displayed frame's right-hand columns
    const turned = edgeFrame(90);
    const stored = (dx: number, dy: number) => blueAt(turned.frame, 96, dy, 95 - dx);
    expect(stored(turned.led.x + 20, turned.led.y)).toBeGreaterThan(stored(turned.led.x - 20, turned.led.y) + 40);
  });

  it('writes an mp4 ffprobe agrees with, and a label that says what it holds', async () => {
    const out = join(dir, 'sos.mp4');
    const label = await renderClip({ scenario: modeScenario('sos', { code: 2, durationMs: 1500 }), out, seed: 9, conditions: small({ crf: 30 }) });
    const info = JSON.parse(probe(out, 'stream=width,height,nb_frames,r_frame_rate,codec_name,pix_fmt'));
    expect(info.streams[0]).toMatchObject({ width: 160, height: 96, nb_frames: '45', r_frame_rate: '30/1', codec_name: 'h264', pix_fmt: 'yuv420p' });
    const onDisk = JSON.parse(readFileSync(join(dir, 'sos.json'), 'utf8')) as ClipLabel;
    expect(onDisk).toEqual(label);
    expect(label.file).toBe('sos.mp4');
    expect(label.expected).toEqual({ mode: 'sos', code: 2, color: 'red' });
    expect(label.timeline).toEqual([{ mode: 'sos', code: 2, color: 'red', startS: 0, endS: 1.5 }]);
    expect(label.video).toEqual({ width: 160, height: 96, fps: 30, durationS: 1.5, frames: 45, rotationDeg: 0, vfr: false, crf: 30 });
    expect(label.led.x).toBeGreaterThan(0);
    expect(label.led.x).toBeLessThan(160);
    expect(label.led.radius).toBe(5);
    expect(label.conditions).toContain('crf30');
  });

  it('writes variable-frame-rate timestamps that really vary', async () => {
    const out = join(dir, 'vfr.mp4');
    const label = await renderClip({ scenario: modeScenario('connected', { durationMs: 2000 }), out, seed: 4, conditions: small({ vfr: true, fps: 30 }) });
    const frames = JSON.parse(probe(out, 'frame=pts_time')).frames.map((f: { pts_time: string }) => Number(f.pts_time));
    expect(frames.length).toBe(label.video.frames);
    const gaps = frames.slice(1).map((t: number, i: number) => Math.round((t - frames[i]) * 1000));
    expect(Math.min(...gaps)).toBeGreaterThan(0);
    expect(new Set(gaps).size).toBeGreaterThan(3);
    expect(Math.max(...gaps) - Math.min(...gaps)).toBeGreaterThan(4);
    expect(label.conditions).toContain('vfr');
  });

  it('stores a portrait clip turned, with a rotation tag that turns it upright', async () => {
    const out = join(dir, 'rot.mp4');
    // displayed 96×160 (portrait): stored 160×96 with a 90° tag
    const label = await renderClip({ scenario: modeScenario('connected', { durationMs: 500 }), out, seed: 5, conditions: small({ width: 96, height: 160, rotationDeg: 90, ledAt: { u: 0.25, v: 0.2 } }) });
    const info = JSON.parse(probe(out, 'stream=width,height:stream_side_data=rotation'));
    expect(info.streams[0].width).toBe(160);
    expect(info.streams[0].height).toBe(96);
    expect(info.streams[0].side_data_list?.[0]?.rotation).toBe(-90); // ffprobe's sign: tag 90 = clockwise
    // ffmpeg applies the tag when decoding: the LED is where the label says in the displayed frame
    const gray = execFileSync(resolveFfmpeg().path, ['-v', 'error', '-i', out, '-frames:v', '1', '-f', 'rawvideo', '-pix_fmt', 'gray', '-'], { maxBuffer: 1 << 24 });
    expect(gray.length).toBe(96 * 160);
    let best = { v: -1, x: 0, y: 0 };
    for (let yy = 0; yy < 160; yy++) for (let xx = 0; xx < 96; xx++) if (gray[yy * 96 + xx] > best.v) best = { v: gray[yy * 96 + xx], x: xx, y: yy };
    expect(Math.hypot(best.x - label.led.x, best.y - label.led.y)).toBeLessThan(8);
    expect(label.led.x).toBeCloseTo(96 * 0.25, -1);
    expect(label.conditions).toContain('rotate90');
  });

  it('writes a y4m Chromium can use as a fake camera (4:2:0, integer fps)', async () => {
    const out = join(dir, 'cam.y4m');
    await renderClip({ scenario: modeScenario('listening', { durationMs: 400 }), out, seed: 6, conditions: small({ fps: 25 }) });
    const bytes = readFileSync(out);
    const header = bytes.subarray(0, bytes.indexOf(0x0a)).toString('latin1');
    expect(header).toMatch(/^YUV4MPEG2 W160 H96 F25:1 /);
    expect(header).toMatch(/ C420/);
    const frameBytes = 6 + (160 * 96 * 3) / 2; // "FRAME\n" + I420 planes
    expect(bytes.length - header.length - 1).toBe(10 * frameBytes);
  });

  it('labels a hard clip with its conditions and a preset with its ranked diagnosis', () => {
    const hard = randomConditions(100003, 'hard');
    const clip = prepareClip(presetScenario('rainbow', { seed: 2 }), { ...hard, width: 64, height: 64 }, 2);
    expect(clip.label.expected.mode).toBe('rainbow');
    expect(clip.label.conditions).toContain('small-led');
    expect(clip.label.video.fps).toBe(hard.fps);
    expect(clip.label.timeline.map((s) => s.mode)).toEqual(['connected', 'rainbow', 'connected']);
  });
});
