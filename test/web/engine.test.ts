/**
 * The page's worker engine in Node, fed the way the page feeds it: whole RGBA frames while it
 * searches, then crops where it says the LED is. Synthetic frames straight from the renderer.
 */
import { describe, expect, it } from 'vitest';
import { catalogFor } from '../../src/catalog/index.js';
import { explain } from '../../src/report/diagnosis-json.js';
import { defaultConditions } from '../../src/synth/conditions.js';
import { prepareClip } from '../../src/synth/frames.js';
import { modeScenario } from '../../src/synth/presets.js';
import { createTrackerEngine, createWebEngine } from '../../src/web/engine.js';
import type { DiagnosisUpdate, FrameDone, FrameMessage, FromWorker } from '../../src/web/protocol.js';
import type { Region } from '../../src/source/types.js';
import { encodeYuv } from './yuv-encode.js';

function rgba(rgb: Uint8Array, width: number, height: number, crop: Region | null): { data: Uint8Array; w: number; h: number } {
  const r = crop ?? { x: 0, y: 0, width, height };
  const out = new Uint8Array(r.width * r.height * 4);
  for (let y = 0; y < r.height; y++) {
    for (let x = 0; x < r.width; x++) {
      const i = ((r.y + y) * width + r.x + x) * 3;
      const o = (y * r.width + x) * 4;
      out[o] = rgb[i];
      out[o + 1] = rgb[i + 1];
      out[o + 2] = rgb[i + 2];
      out[o + 3] = 255;
    }
  }
  return { data: out, w: r.width, h: r.height };
}

describe('web engine (the page worker)', () => {
  it('searches whole frames, then tracks crops, and diagnoses the clip when it ends', () => {
    const conditions = { ...defaultConditions(), width: 320, height: 180, ledRadiusPx: 5 };
    const clip = prepareClip(modeScenario('listening', { device: 'photon', durationMs: 6000 }), conditions, 7);
    const posted: FromWorker[] = [];
    const engine = createWebEngine((m) => posted.push(m));
    engine.handle({ type: 'device', device: 'photon' });
    engine.handle({ type: 'reset', session: 1, source: 'file', width: 320, height: 180, at: null });

    // a crop before the LED is known is ignored, not fed to the search
    engine.handle({ type: 'frame', session: 1, kind: 'crop', width: 8, height: 8, originX: 0, originY: 0, scale: 1, timestampMs: 0, index: 0, data: new Uint8Array(256).buffer });
    const first = posted.pop() as FrameDone;
    expect(first).toMatchObject({ type: 'frame-done', state: 'searching', sample: null });

    let state: 'searching' | 'tracking' = 'searching';
    let crop: Region | null = null;
    let crops = 0;
    for (const f of clip.frames()) {
      const { data, w, h } = rgba(f.rgb, 320, 180, state === 'tracking' ? crop : null);
      const msg: FrameMessage = {
        type: 'frame',
        session: 1,
        kind: state === 'tracking' ? 'crop' : 'search',
        width: w,
        height: h,
        originX: state === 'tracking' && crop ? crop.x : 0,
        originY: state === 'tracking' && crop ? crop.y : 0,
        scale: 1,
        timestampMs: f.tMs,
        index: f.index + 1,
        data: data.buffer as ArrayBuffer,
      };
      if (msg.kind === 'crop') crops++;
      engine.handle(msg);
      const done = posted.filter((m): m is FrameDone => m.type === 'frame-done').at(-1)!;
      expect(done.index).toBe(f.index + 1);
      state = done.state;
      crop = done.nextCrop;
      if (crop) {
        // the crop the page reads next holds the LED and stays inside the frame
        expect(crop.x).toBeGreaterThanOrEqual(0);
        expect(crop.y).toBeGreaterThanOrEqual(0);
        expect(crop.x + crop.width).toBeLessThanOrEqual(320);
        expect(crop.y + crop.height).toBeLessThanOrEqual(180);
        expect(done.position!.x).toBeGreaterThan(crop.x);
        expect(done.position!.x).toBeLessThan(crop.x + crop.width);
      }
    }
    expect(state).toBe('tracking');
    expect(crops).toBeGreaterThan(60);
    const done = posted.filter((m): m is FrameDone => m.type === 'frame-done');
    const led = clip.label.led;
    const last = done.at(-1)!.position!;
    expect(Math.hypot(last.x - led.x, last.y - led.y)).toBeLessThan(3);
    expect(done.filter((d) => d.sample).length).toBe(done.filter((d) => d.state === 'tracking').length);

    // a shrunk search frame still in flight when the LED was found is not measured as if it were a crop
    const n = done.filter((d) => d.sample).length;
    engine.handle({ type: 'frame', session: 1, kind: 'search', width: 320, height: 180, originX: 0, originY: 0, scale: 1, timestampMs: 1e5, index: 5000, data: new Uint8Array(320 * 180 * 4).buffer });
    expect(posted.at(-1)).toMatchObject({ type: 'frame-done', state: 'tracking', sample: null });
    expect(posted.filter((m): m is FrameDone => m.type === 'frame-done' && m.sample !== null).length).toBe(n);

    // frames of an old session are dropped silently
    const before = posted.length;
    engine.handle({ type: 'frame', session: 0, kind: 'search', width: 1, height: 1, originX: 0, originY: 0, scale: 1, timestampMs: 1e6, index: 999, data: new Uint8Array(4).buffer });
    expect(posted.length).toBe(before);

    engine.handle({ type: 'finish', session: 1 });
    const final = posted.at(-1) as DiagnosisUpdate;
    expect(final.type).toBe('diagnosis');
    expect(final.final).toBe(true);
    expect(final.confirmed?.mode).toBe('listening');
    expect(final.confirmed?.color).toBe('blue');
    const text = explain('listening', null, catalogFor('photon'), 'photon');
    expect(final.confirmed?.meaning).toBe(text.meaning);
    expect(final.confirmed?.advice).toBe(text.advice);
    expect(final.timeline.length).toBeGreaterThan(0);

    // a device change re-reads the same evidence through that device's catalog
    engine.handle({ type: 'device', device: 'boron' });
    const redo = posted.at(-1) as DiagnosisUpdate;
    expect(redo.type).toBe('diagnosis');
    expect(redo.final).toBe(true);
    expect(redo.confirmed?.meaning).toBe(explain(redo.confirmed!.mode, redo.confirmed!.code, catalogFor('boron'), 'boron').meaning);
  });

  it('searches the camera\'s own YUV planes (shrunk in the worker) and finds the renderer\'s LED', () => {
    const W = 640, H = 360;
    const clip = prepareClip(modeScenario('listening', { device: 'photon', durationMs: 4000 }), { ...defaultConditions(), width: W, height: H, ledRadiusPx: 6 }, 3);
    const done: FrameDone[] = [];
    const tracker = createTrackerEngine((m) => {
      if (m.type === 'frame-done') done.push(m);
    });
    tracker.handle({ type: 'reset', session: 1, source: 'camera', width: W, height: H, at: null });
    let crop: Region | null = null;
    for (const f of clip.frames()) {
      const state = done.at(-1)?.state ?? 'searching';
      if (state === 'searching') {
        // every 3rd camera frame, as the page searches
        if (f.index % 3) continue;
        const { data, layout } = encodeYuv(f.rgb, W, H, 'I420', 'bt601', false, 0);
        tracker.handle({ type: 'frame', session: 1, kind: 'search', format: 'I420', yuv: layout, width: W, height: H, originX: 0, originY: 0, scale: 1, timestampMs: f.tMs, index: f.index, data: data.buffer as ArrayBuffer });
      } else {
        const { data, w, h } = rgba(f.rgb, W, H, crop);
        tracker.handle({ type: 'frame', session: 1, kind: 'crop', width: w, height: h, originX: crop!.x, originY: crop!.y, scale: 1, timestampMs: f.tMs, index: f.index, data: data.buffer as ArrayBuffer });
      }
      crop = done.at(-1)!.nextCrop;
    }
    const last = done.at(-1)!;
    expect(last.state).toBe('tracking');
    // found within the search's first seconds (it decides on time, not on a frame count)
    const foundAt = done.findIndex((d) => d.state === 'tracking');
    expect(done[foundAt].index).toBeLessThan(90);
    const led = clip.label.led;
    expect(Math.hypot(last.position!.x - led.x, last.position!.y - led.y)).toBeLessThan(3);
    expect(done.filter((d) => d.sample).length).toBeGreaterThan(30);
  });
});
