/**
 * Frames in. Every source — ffmpeg decoding a file, a folder of stills, the browser camera, a test's
 * synthetic array — hands the core the same `(frame, timestampMs)`; nothing downstream knows which.
 * This file is isomorphic (no Node API): the browser imports it.
 */

/** Packed 8-bit pixels, row-major, `channels` bytes per pixel (3 = RGB from ffmpeg, 4 = RGBA from a canvas). */
export interface RgbFrame {
  width: number;
  height: number;
  channels: 3 | 4;
  data: Uint8Array | Uint8ClampedArray;
  /** Presentation time of this frame, in ms from the clip's first frame (or the camera's start). */
  timestampMs: number;
  /** 0-based index of the frame in decode order. */
  index: number;
  /**
   * Where this buffer sits in the displayed full-resolution frame: a frame may be a scaled-down
   * whole (search phase) or a crop around the LED (tracking phase). Pixel (x, y) of this buffer is
   * displayed pixel (originX + x * scale, originY + y * scale).
   */
  originX: number;
  originY: number;
  scale: number;
}

/** What is known about a clip before decoding it, in displayed orientation (rotation applied). */
export interface VideoInfo {
  width: number;
  height: number;
  /** Nominal frame rate from the container (the measured rate comes from timestamps). */
  fps: number;
  durationS: number;
  /** Frame count when the container says it, else an estimate from duration × fps. */
  frames: number;
  rotationDeg: 0 | 90 | 180 | 270;
  codec: string;
  /** True when the container's timestamps are not evenly spaced (phone VFR). */
  variableFrameRate?: boolean;
}

/** A region of the displayed full-resolution frame. */
export interface Region {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface DecodeOptions {
  /** Scale the whole frame so its longer side is at most this many pixels (search phase). */
  maxSide?: number;
  /** Crop this region of the displayed frame (tracking phase); applied before `maxSide`. */
  crop?: Region;
  /** Stop after this many seconds of clip time. */
  durationS?: number;
  /** Start at this clip time. */
  startS?: number;
  /**
   * The caller is done with each frame before it asks for the next one: the source may hand out
   * the same buffer again instead of allocating one per frame (a video's whole-clip pass).
   */
  reuseFrames?: boolean;
}

/** A source of frames. `frames()` streams: it never holds the whole clip in memory. */
export interface FrameSource {
  readonly info: VideoInfo;
  frames(options?: DecodeOptions): AsyncIterable<RgbFrame>;
}
