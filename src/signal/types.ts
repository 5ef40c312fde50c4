/**
 * The LED as a time series: what crosses from measurement into classification. Pure data; the
 * classifier never sees pixels.
 */

/** One measurement of the LED. Color channels are linear light, 0..1 after exposure normalisation. */
export interface LedSample {
  tMs: number;
  r: number;
  g: number;
  b: number;
  /** Brightness of the LED relative to its brightest seen level so far (0 = dark). */
  luma: number;
  /** True when the LED core was clipped (the color came from the halo or the ON−OFF difference). */
  clipped: boolean;
}

/** A whole series as typed arrays (what batch analysis and the model consume). */
export interface LedSeries {
  tMs: Float64Array;
  r: Float32Array;
  g: Float32Array;
  b: Float32Array;
  luma: Float32Array;
  clipped: Uint8Array;
  /** Frame rate measured from timestamps (median interval), and the spread of intervals. */
  fps: number;
  frameIntervalJitterMs: number;
}
