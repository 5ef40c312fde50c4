/**
 * Pixels out of the <video>. While the LED is searched for, a canvas draws the whole view shrunk to
 * the search size. While it is tracked, only a small crop around the LED is read: with WebCodecs
 * (`new VideoFrame(video)` + `copyTo(..., { format: 'RGBA', rect })`) the browser converts just those
 * pixels; without it a canvas draws the crop (which costs as much as drawing the whole video).
 * Measured in headless Chromium at 720p: copyTo of a 96-px crop ≈ 0.2 ms, canvas drawImage of the
 * video ≈ 6 ms whatever the crop. Both give the same RGB values (checked pixel for pixel).
 */
import type { Region } from '../source/types.js';
import { SEARCH_MAX_SIDE, type FrameMessage } from './protocol.js';

type Ctx = CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;

function makeCanvas(width: number, height: number): { canvas: HTMLCanvasElement | OffscreenCanvas; ctx: Ctx } {
  const canvas: HTMLCanvasElement | OffscreenCanvas =
    typeof OffscreenCanvas !== 'undefined' ? new OffscreenCanvas(width, height) : Object.assign(document.createElement('canvas'), { width, height });
  // read back every frame: keep the bitmap in CPU memory
  const ctx = canvas.getContext('2d', { willReadFrequently: true, alpha: false }) as Ctx | null;
  if (!ctx) throw new Error('this browser cannot read video pixels (no 2D canvas)');
  return { canvas, ctx };
}

export interface GrabRequest {
  session: number;
  index: number;
  timestampMs: number;
  /** Crop to read (displayed px, even-aligned), or null for the whole view (search). */
  crop: Region | null;
}

export interface Grabbed {
  message: FrameMessage;
  /** From the call until the pixels were in hand (the copy may finish asynchronously). */
  grabMs: number;
}

export interface FrameGrabber {
  readonly method: 'webcodecs' | 'canvas';
  grab(video: HTMLVideoElement, request: GrabRequest): Promise<FrameMessage>;
}

/** Runs a grab and times it. */
export async function timedGrab(grabber: FrameGrabber, video: HTMLVideoElement, request: GrabRequest): Promise<Grabbed> {
  const t0 = performance.now();
  const message = await grabber.grab(video, request);
  return { message, grabMs: performance.now() - t0 };
}

function message(request: GrabRequest, kind: 'search' | 'crop', width: number, height: number, originX: number, originY: number, scale: number, data: ArrayBuffer): FrameMessage {
  return { type: 'frame', session: request.session, kind, width, height, originX, originY, scale, timestampMs: request.timestampMs, index: request.index, data };
}

/** The whole view shrunk to the search size by the canvas (the CLI's search also sees scaled frames). */
function searchReader(videoWidth: number, videoHeight: number): (video: HTMLVideoElement, request: GrabRequest) => FrameMessage {
  const scale = Math.max(1, Math.max(videoWidth, videoHeight) / SEARCH_MAX_SIDE);
  const sw = Math.max(1, Math.round(videoWidth / scale));
  const sh = Math.max(1, Math.round(videoHeight / scale));
  const search = makeCanvas(sw, sh);
  // averaging filter when shrinking: a 3-px LED must not fall between the sampled pixels
  search.ctx.imageSmoothingEnabled = true;
  search.ctx.imageSmoothingQuality = 'high';
  return (video, request) => {
    search.ctx.drawImage(video, 0, 0, sw, sh);
    const img = search.ctx.getImageData(0, 0, sw, sh);
    return message(request, 'search', sw, sh, 0, 0, videoWidth / sw, img.data.buffer as ArrayBuffer);
  };
}

function canvasGrabber(videoWidth: number, videoHeight: number): FrameGrabber {
  const readSearch = searchReader(videoWidth, videoHeight);
  let crop: { canvas: HTMLCanvasElement | OffscreenCanvas; ctx: Ctx } | null = null;
  return {
    method: 'canvas',
    async grab(video, request) {
      const r = request.crop;
      if (!r) return readSearch(video, request);
      if (!crop || crop.canvas.width !== r.width || crop.canvas.height !== r.height) crop = makeCanvas(r.width, r.height);
      crop.ctx.drawImage(video, r.x, r.y, r.width, r.height, 0, 0, r.width, r.height);
      const img = crop.ctx.getImageData(0, 0, r.width, r.height);
      return message(request, 'crop', r.width, r.height, r.x, r.y, 1, img.data.buffer as ArrayBuffer);
    },
  };
}

function webCodecsGrabber(videoWidth: number, videoHeight: number): FrameGrabber {
  // searching reads the whole view once per frame anyway: the canvas shrinks it in one pass, cheaper
  // than copying 1280x720 RGBA out and shrinking it in JS (measured: 17 vs 26 ms per search frame)
  const readSearch = searchReader(videoWidth, videoHeight);
  return {
    method: 'webcodecs',
    async grab(video, request) {
      const r = request.crop;
      if (!r) return readSearch(video, request);
      const frame = new VideoFrame(video);
      try {
        // the frame may be stored larger than shown (coded size); visibleRect is the picture
        const vis = frame.visibleRect ?? { x: 0, y: 0, width: videoWidth, height: videoHeight };
        if (vis.width !== videoWidth || vis.height !== videoHeight) throw new RangeError('frame size differs from the video element (rotated or scaled stream)');
        const data = new Uint8Array(r.width * r.height * 4);
        await frame.copyTo(data, { rect: { x: vis.x + r.x, y: vis.y + r.y, width: r.width, height: r.height }, format: 'RGBA', colorSpace: 'srgb' });
        return message(request, 'crop', r.width, r.height, r.x, r.y, 1, data.buffer);
      } finally {
        frame.close();
      }
    },
  };
}

/** Can this browser copy a video frame's pixels as RGBA (WebCodecs, Chromium 127+)? */
export async function webCodecsWorks(video: HTMLVideoElement): Promise<boolean> {
  if (typeof VideoFrame === 'undefined') return false;
  try {
    const frame = new VideoFrame(video);
    try {
      const w = Math.min(2, frame.visibleRect?.width ?? 2), h = Math.min(2, frame.visibleRect?.height ?? 2);
      await frame.copyTo(new Uint8Array(w * h * 4), { rect: { x: frame.visibleRect?.x ?? 0, y: frame.visibleRect?.y ?? 0, width: w, height: h }, format: 'RGBA' });
      return frame.displayWidth === video.videoWidth && frame.displayHeight === video.videoHeight;
    } finally {
      frame.close();
    }
  } catch {
    return false;
  }
}

export function createFrameGrabber(videoWidth: number, videoHeight: number, method: 'webcodecs' | 'canvas'): FrameGrabber {
  return method === 'webcodecs' ? webCodecsGrabber(videoWidth, videoHeight) : canvasGrabber(videoWidth, videoHeight);
}

/** Falls back to the canvas once, for good, when WebCodecs fails mid-stream (same search frames, so the search goes on). */
export function withFallback(primary: FrameGrabber, videoWidth: number, videoHeight: number, onFallback: () => void): FrameGrabber {
  let current = primary;
  return {
    get method() {
      return current.method;
    },
    async grab(video, request) {
      try {
        return await current.grab(video, request);
      } catch (error) {
        if (current.method === 'canvas') throw error;
        current = canvasGrabber(videoWidth, videoHeight);
        onFallback();
        return current.grab(video, request);
      }
    },
  };
}
