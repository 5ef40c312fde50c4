import { describe, expect, it } from 'vitest';
import { createLedSearch, type SearchOptions } from '../../src/locate/search.js';
import { downsampleFrame } from '../../src/locate/frame-ops.js';
import type { RgbFrame } from '../../src/source/types.js';
import { Prng } from '../../src/synth/prng.js';
import { BLUE_D7, expectNear, frames, makeScene, ORANGE_CHARGE, solid, type SceneOptions } from './scene.js';

function search(all: Iterable<RgbFrame>, options: SearchOptions = {}) {
  const s = createLedSearch(options);
  for (const f of all) if (s.push(downsampleFrame(f, 480))) break;
  return s.result();
}

// 480x270 at 15 fps keeps the constructed frames cheap; the search sees them at their own size
const scene = (opts: SceneOptions) => frames(makeScene(opts), 15, 4500);

/** A flat grey-green view whose every pixel flickers with strong sensor noise, frame to frame. */
function* noisyView(width: number, height: number, count: number): Generator<RgbFrame> {
  const rng = new Prng(11);
  for (let i = 0; i < count; i++) {
    const data = new Uint8Array(width * height * 3);
    for (let p = 0; p < data.length; p += 3) {
      const n = (rng.next() - 0.5) * 48;
      data[p] = 42 + n;
      data[p + 1] = 58 + n;
      data[p + 2] = 42 + n;
    }
    yield { width, height, channels: 3, data, timestampMs: (i * 1000) / 30, index: i, originX: 0, originY: 0, scale: 1 };
  }
}

describe('locate: no status LED in view', () => {
  it('finds nothing when the only lights are a charge LED and a D7 LED that do not saturate', () => {
    const dim = (led: ReturnType<typeof ORANGE_CHARGE>) => ({ ...led, intensity: 0.6 });
    const res = search(scene({ width: 480, height: 270, leds: [dim(ORANGE_CHARGE(150, 190)), dim(BLUE_D7(380, 90))] }));
    expect(res.location).toBeNull();
    // both were seen, and turned down as distractors
    expect(res.candidates.length).toBeGreaterThanOrEqual(2);
  });

  // a solid orange, blue or white status LED is a frozen LED (seed § Solid colors): a saturating steady
  // light of a distractor's hue is taken, and of two the larger, as the status LED is the board's largest
  it('takes a solid orange status LED beside the smaller charge LED and D7 LED', () => {
    const res = search(
      scene({
        width: 480,
        height: 270,
        leds: [{ ...ORANGE_CHARGE(320, 150), sigma: 3, intensity: 4 }, ORANGE_CHARGE(150, 190), BLUE_D7(380, 90)],
      }),
    );
    expectNear(res.location, 320, 150, 3);
  });

  // ...but only where the person filming put their subject: the same saturating orange light out in
  // the view's outer quarter, with nothing else lit, is the charge LED beside a dark status LED
  it('finds nothing when the only light is a saturating steady orange at the edge of the view', () => {
    const res = search(scene({ width: 480, height: 270, leds: [{ ...ORANGE_CHARGE(440, 240), sigma: 3, intensity: 4 }] }));
    expect(res.location).toBeNull();
    expect(res.candidates.length).toBeGreaterThanOrEqual(1);
  });

  // a small steady light's measured level wanders with sub-pixel drift and the codec's chroma of it:
  // a swing of a tenth of its height over the board is not a change, however close its own darkest
  // level sits under its brightest (the D7 LED then stays what it is, a steady blue distractor)
  it('finds nothing when the only light is a D7 LED whose measured level wanders by a tenth', () => {
    const wander = (t: number) => 0.9 + 0.1 * Math.sin((2 * Math.PI * t) / 3000);
    const res = search(scene({ width: 480, height: 270, leds: [{ ...BLUE_D7(150, 190), sigma: 1.6, intensity: 0.9, drive: wander }] }));
    expect(res.location).toBeNull();
    expect(res.candidates[0].change).toBeLessThan(0.3);
  });

  // a dark status LED's white package, a pad or a label catching the room's light, tinted by the
  // camera, stands a little above the view's brightest surfaces without clipping: no change vouches
  // for it, so it is no LED however coloured it reads
  const tinted = (intensity: number) => ({ x: 250, y: 140, sigma: 2.5, color: [0.1, 0.7, 1] as [number, number, number], intensity, drive: solid });
  it('finds nothing when the only light is a steady unclipped one just above the brightest surfaces', () => {
    const res = search(scene({ width: 480, height: 270, silkscreen: false, leds: [tinted(0.12)] }));
    expect(res.location).toBeNull();
    const seen = res.candidates.find((c) => Math.hypot(c.x - 250, c.y - 140) < 6);
    expect(seen?.clippedFraction).toBe(0);
  });

  it('still takes a steady unclipped LED that outshines the brightest surfaces by far', () => {
    const res = search(scene({ width: 480, height: 270, silkscreen: false, leds: [tinted(0.3)] }));
    expectNear(res.location, 250, 140, 3);
  });

  it('finds nothing in a view of flickering sensor noise', () => {
    const res = search(noisyView(480, 270, 60));
    expect(res.location).toBeNull();
    expect(res.noiseCodes).toBeGreaterThan(18);
  });

  it('still takes a steady orange light that the user pointed at with --roi', () => {
    const res = search(scene({ width: 480, height: 270, leds: [{ ...ORANGE_CHARGE(240, 130), sigma: 3, intensity: 4 }] }), {
      roi: { x: 200, y: 90, width: 80, height: 80 },
    });
    expectNear(res.location, 240, 130, 3);
  });

  it('still finds a solid magenta LED among the distractors', () => {
    const res = search(
      scene({
        width: 480,
        height: 270,
        leds: [{ x: 320, y: 150, sigma: 3, color: [1, 0, 1], intensity: 5, drive: solid }, ORANGE_CHARGE(150, 190), BLUE_D7(380, 90)],
      }),
    );
    expectNear(res.location, 320, 150, 3);
  });
});
