import { describe, expect, it } from 'vitest';
import { decoderThreadOptions, defaultStallTimeoutS } from '../../src/source/ffmpeg-driver.js';

describe('ffmpeg driver settings from the environment', () => {
  it('LEDSCOPE_STALL_TIMEOUT_S sets the watchdog; anything but a positive number keeps 20 s', () => {
    expect(defaultStallTimeoutS({})).toBe(20);
    expect(defaultStallTimeoutS({ LEDSCOPE_STALL_TIMEOUT_S: '1.5' })).toBe(1.5);
    for (const bad of ['', ' ', '0', '-3', 'soon', 'Infinity']) expect(defaultStallTimeoutS({ LEDSCOPE_STALL_TIMEOUT_S: bad })).toBe(20);
  });

  it('LEDSCOPE_FFMPEG_THREADS caps decoder and filter threads; anything but a whole number ≥ 1 leaves ffmpeg to choose', () => {
    expect(decoderThreadOptions({})).toEqual([]);
    expect(decoderThreadOptions({ LEDSCOPE_FFMPEG_THREADS: '1' })).toEqual(['-threads', '1', '-filter_threads', '1']);
    for (const bad of ['', '0', '1.5', 'two', '-1']) expect(decoderThreadOptions({ LEDSCOPE_FFMPEG_THREADS: bad })).toEqual([]);
  });
});
