import { describe, expect, it } from 'vitest';
import { decodedExtent } from '../../src/diagnose/diagnose-file.js';

const at30 = (frames: number) => ({ tMs: Float64Array.from({ length: frames }, (_, i) => (i * 1000) / 30) });
const header = { fps: 30, durationS: 6, frames: 180 };

describe('decodedExtent: frames and duration as decoded, not as the header claims', () => {
  it('a whole clip keeps the container duration and counts its frames', () => {
    expect(decodedExtent(header, at30(180))).toEqual({ durationS: 6, frames: 180 });
  });

  it('a clip one frame short (rounding, a dropped last frame) still keeps the container duration', () => {
    expect(decodedExtent(header, at30(179))).toEqual({ durationS: 6, frames: 179 });
  });

  it('a truncated clip reports the span that decoded', () => {
    expect(decodedExtent(header, at30(92))).toEqual({ durationS: 3.067, frames: 92 });
  });

  it('nothing decoded is zero, not the header', () => {
    expect(decodedExtent(header, at30(0))).toEqual({ durationS: 0, frames: 0 });
  });
});
