import { describe, expect, it } from 'vitest';
import { createLiveTracker } from '../../src/extract/live-tracker.js';
import { createLedSearch } from '../../src/locate/search.js';
import { blink, BLUE_D7, breathe, expectNear, frames, makeScene, ORANGE_CHARGE, solid, type SceneOptions } from './scene.js';

/** The 640×360 view every scene here is filmed in. */
const VIEW = { width: 640, height: 360 };

function locate(leds: SceneOptions['leds'], fps: number, durationMs: number, more: Partial<SceneOptions> = {}) {
  const live = createLiveTracker();
  for (const f of frames(makeScene({ ...VIEW, ...more, leds }), fps, durationMs)) live.push(f);
  return live.led;
}

describe('locate: failure classes seen on the synthetic dev set', () => {
  it('does not take a steady LED sliding in and out at the frame edge for a blinking one', () => {
    // the D7 LED sits 3 px from the right edge; hand shake carries it out of view and back
    const led = locate(
      [
        { x: 250, y: 200, sigma: 3, color: [1, 0, 1], intensity: 3, drive: breathe(4000) },
        { ...BLUE_D7(637, 150), sigma: 2, intensity: 4 },
      ],
      30,
      5000,
      { shake: (t) => ({ dx: 9 * Math.sin(t / 300), dy: 2 * Math.cos(t / 410) }) },
    );
    expectNear(led, 250, 200, 4);
  });

  it('finds a solid LED whose wide glow runs into a brighter charge LED beside it', () => {
    // one connected bright region holds both: each local maximum must be a candidate of its own
    const led = locate(
      [
        { x: 300, y: 180, sigma: 9, color: [1, 0, 1], intensity: 1.6, drive: solid },
        { ...ORANGE_CHARGE(326, 180), sigma: 2, intensity: 8 },
      ],
      30,
      4500,
    );
    expectNear(led, 300, 180, 5);
  });

  it('reports an unclipped LED radius near its linear half-maximum, not the wider 8-bit one', () => {
    // Gaussian spot: linear half maximum at sigma·√(2 ln 2)
    const sigma = 5;
    const led = locate(
      [{ x: 320, y: 180, sigma, color: [0, 1, 0], intensity: 0.7, drive: breathe(2000) }],
      30,
      4500,
    );
    expect(led).not.toBeNull();
    const want = sigma * Math.sqrt(2 * Math.LN2);
    expect(Math.abs(led!.radius - want) / want).toBeLessThan(0.3);
  });

  it('takes a solid LED that clips in every frame over a smaller unclipped light whose level dips a fifth', () => {
    // other-1040023's shape: a solid LED that clips lost to a small unclipped light (a lit pad) whose
    // measured level moved a little (shake, compression) and so passed for changing
    const dips = (t: number) => (Math.floor(t / 170) % 3 === 0 ? 0.8 : 1);
    const led = locate(
      [
        { x: 300, y: 180, sigma: 3, color: [1, 0.04, 0.04], intensity: 6, drive: solid },
        { x: 450, y: 250, sigma: 2, color: [0.2, 1, 0.2], intensity: 0.8, drive: dips },
      ],
      30,
      6000,
    );
    expectNear(led, 300, 180, 3);
  });

  it('does not give the always-clipped weight to a light that changes: a dim breathing LED beside a bright one that never goes dark', () => {
    // the clip weight is for steady lights; a breathing light clipped through its whole breath (as
    // pieces of a blooming LED's ring are, more than the view of the whole light) keeps the plain one
    const breath = breathe(4000);
    const search = createLedSearch({});
    const scene = makeScene({
      ...VIEW,
      leds: [
        { x: 300, y: 180, sigma: 2.5, color: [0, 1, 1], intensity: 1, drive: breath },
        // (its clipped core flattens the swing: it dims to 15 % so the light measurably changes)
        { x: 450, y: 230, sigma: 3, color: [0, 1, 1], intensity: 8, drive: (t) => 0.15 + 0.85 * breath(t) },
      ],
    });
    for (const f of frames(scene, 30, 9000)) if (search.push(f)) break;
    const { location, candidates } = search.result();
    const bright = candidates.find((c) => Math.hypot(c.x - 450, c.y - 230) < 3);
    // (the bright one clips in every frame and changes: it is no steady light)
    expect(bright?.clippedFraction).toBeGreaterThanOrEqual(0.9);
    expect(bright?.change).toBeGreaterThanOrEqual(0.45);
    expectNear(location, 300, 180, 3);
  });
});

describe('locate: inconclusive first seconds', () => {
  it('keeps searching past the usual span when two steady lights tie, and takes the one that starts to change', () => {
    // two alike steady green lights; the right one is the status LED and starts blinking at 5.5 s
    const late = (t: number) => (t < 5500 ? 1 : blink(500)(t));
    const led = locate(
      [
        { x: 200, y: 180, sigma: 3, color: [0, 1, 0], intensity: 3, drive: solid },
        { x: 440, y: 180, sigma: 3, color: [0, 1, 0], intensity: 3, drive: late },
      ],
      15,
      9000,
    );
    expectNear(led, 440, 180, 4);
  });

});
