import { describe, expect, it } from 'vitest';
import { createLiveTracker } from '../../src/extract/live-tracker.js';
import { createLedSearch } from '../../src/locate/search.js';
import { downsampleFrame } from '../../src/locate/frame-ops.js';
import { hueDeg, hueDistanceDeg, onColor } from '../../src/signal/measure.js';
import type { LedSample } from '../../src/signal/types.js';
import { BLUE_D7, ORANGE_CHARGE, blink, breathe, expectNear, frames, makeScene, solid, type SceneOptions } from './scene.js';

function run(opts: SceneOptions, fps: number, durationMs: number) {
  const live = createLiveTracker();
  const samples: LedSample[] = [];
  for (const f of frames(makeScene(opts), fps, durationMs)) {
    const s = live.push(f);
    if (s) samples.push(s);
  }
  return { led: live.led, samples };
}

describe('locate on constructed frames', () => {
  it('finds a blinking green LED among an orange charge LED, a blue D7 LED and silkscreen', () => {
    const { led, samples } = run(
      {
        width: 640,
        height: 360,
        leds: [
          { x: 400, y: 150, sigma: 3, color: [0, 1, 0], intensity: 6, drive: blink(200) },
          ORANGE_CHARGE(200, 250),
          BLUE_D7(500, 300),
        ],
      },
      30,
      5000,
    );
    expectNear(led, 400, 150, 2);
    const c = onColor(samples)!;
    expect(hueDistanceDeg(hueDeg(c.r, c.g, c.b)!, 120)).toBeLessThan(15);
    // the blink shows in luma: both dark and bright samples
    expect(samples.filter((s) => s.luma > 0.7).length).toBeGreaterThan(20);
    expect(samples.filter((s) => s.luma < 0.1).length).toBeGreaterThan(20);
  });

  it('finds a solid (never changing) cyan LED larger than the steady distractors', () => {
    const { led } = run(
      {
        width: 640,
        height: 360,
        leds: [
          { x: 300, y: 120, sigma: 3.5, color: [0, 1, 1], intensity: 5, drive: solid },
          ORANGE_CHARGE(120, 260),
          BLUE_D7(520, 80),
        ],
      },
      30,
      4500,
    );
    expectNear(led, 300, 120, 2);
  });

  it('finds a slowly breathing blue LED', () => {
    const { led } = run(
      { width: 640, height: 360, leds: [{ x: 150, y: 200, sigma: 3, color: [0, 0, 1], intensity: 4, drive: breathe(4000) }, ORANGE_CHARGE(500, 100)] },
      30,
      5000,
    );
    expectNear(led, 150, 200, 2);
  });

  it('finds a far 2 px LED in a 854x480 frame', () => {
    const { led } = run(
      { width: 854, height: 480, leds: [{ x: 611, y: 233, sigma: 1.2, color: [0, 1, 1], intensity: 4, drive: blink(500) }] },
      30,
      4500,
    );
    expectNear(led, 611, 233, led ? led.radius + 2 : 4);
  });

  it('finds a 40 px macro LED with a clipped core and recovers its hue', () => {
    const { led, samples } = run(
      { width: 960, height: 540, leds: [{ x: 520, y: 290, sigma: 18, color: [1, 0, 1], intensity: 8, drive: blink(1000) }] },
      15,
      4000,
    );
    expectNear(led, 520, 290, 4);
    expect(led!.radius).toBeGreaterThan(12);
    const lit = samples.filter((s) => s.luma > 0.5);
    expect(lit.some((s) => s.clipped)).toBe(true);
    const c = onColor(samples)!;
    // read through a clipped core and sensor crosstalk: within 20° (a naive core mean reads white)
    expect(hueDistanceDeg(hueDeg(c.r, c.g, c.b)!, 300)).toBeLessThan(20);
  });

  it('tracks through hand shake and drift', () => {
    const shake = (t: number) => ({ dx: 7 * Math.sin(t / 170) + t / 400, dy: 5 * Math.cos(t / 230) });
    const live = createLiveTracker();
    const render = makeScene({
      width: 640,
      height: 360,
      shake,
      leds: [{ x: 320, y: 180, sigma: 2.5, color: [1, 0, 0], intensity: 5, drive: blink(400) }, BLUE_D7(420, 200)],
    });
    let worst = 0;
    let lit = 0;
    let measured = 0;
    for (const f of frames(render, 30, 6000)) {
      const s = live.push(f);
      if (!s) continue;
      // luma is relative to the brightest level seen so far: the first samples have no history yet
      if (++measured <= 4 || s.luma < 0.5) continue;
      lit++;
      const p = live.position!;
      const { dx, dy } = shake(f.timestampMs);
      // scene pixels are whole-pixel shifted
      worst = Math.max(worst, Math.hypot(p.x - (320 + Math.round(dx)), p.y - (180 + Math.round(dy))));
    }
    expect(lit).toBeGreaterThan(40);
    expect(worst).toBeLessThan(1.5);
  });

  it('returns no location for a board with no LED', () => {
    const search = createLedSearch();
    for (const f of frames(makeScene({ width: 640, height: 360, leds: [] }), 30, 4500)) {
      if (search.push(downsampleFrame(f, 480))) break;
    }
    expect(search.result().location).toBeNull();
  });
});
