/**
 * Pixels out of the <video>. While the LED is searched for, the whole view is read: with WebCodecs as
 * the camera's own YUV planes, copied without conversion (the worker shrinks them, `yuv.ts`), else a
 * canvas draws it shrunk to the search size. While it is tracked, only a small crop around the LED is
 * read: with WebCodecs (`copyTo(..., { format: 'RGBA', rect })`) the browser converts just those
 * pixels; without it a canvas draws the crop (which costs as much as drawing the whole video).
 * Measured in headless Chromium at 720p (idle machine): copyTo of the YUV planes ≈ 0.6 ms, of a 96-px
 * crop as RGBA ≈ 0.2 ms; canvas drawImage + getImageData ≈ 4 ms whatever the crop or target size.
 * The canvas and the RGBA copy give the same RGB values (checked pixel for pixel).
 */
import type { Region } from '../source/types.js';
import { type FrameMessage, type PixelFormat, type YuvLayout } from './protocol.js';
import { matrixOf, searchGeometry } from './yuv.js';

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
  /** A whole-frame buffer the worker is done with (handed back), for a later search frame. */
  recycle(buffer: ArrayBuffer): void;
}

/**
 * Whole-frame YUV buffers (1.4 MB at 720p) go to the worker and come back, rather than a new one
 * for every searched frame.
 */
function bufferPool(): { take(size: number): ArrayBuffer; give(buffer: ArrayBuffer): void } {
  const spare: ArrayBuffer[] = [];
  return {
    take(size) {
      const i = spare.findIndex((b) => b.byteLength === size);
      return i >= 0 ? spare.splice(i, 1)[0] : new ArrayBuffer(size);
    },
    give(buffer) {
      if (spare.length < 4 && buffer.byteLength > 0) spare.push(buffer);
    },
  };
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

/** The picture inside a frame (it may be stored larger than shown: coded size). */
function visibleRect(frame: VideoFrame, videoWidth: number, videoHeight: number): DOMRectReadOnly | { x: number; y: number; width: number; height: number } {
  const vis = frame.visibleRect ?? { x: 0, y: 0, width: videoWidth, height: videoHeight };
  if (vis.width !== videoWidth || vis.height !== videoHeight) throw new RangeError('frame size differs from the video element (rotated or scaled stream)');
  return vis;
}

/**
 * The whole view as the camera's YUV planes (no conversion), or null when the frame is in another
 * format (RGB frames, odd-aligned pictures): the caller draws it on a canvas instead.
 */
async function readYuv(video: HTMLVideoElement, request: GrabRequest, videoWidth: number, videoHeight: number, pool: ReturnType<typeof bufferPool>): Promise<FrameMessage | null> {
  const frame = new VideoFrame(video);
  try {
    const fmt = frame.format;
    const format: Exclude<PixelFormat, 'RGBA'> | null = fmt === 'I420' || fmt === 'I420A' ? 'I420' : fmt === 'NV12' ? 'NV12' : null;
    const vis = visibleRect(frame, videoWidth, videoHeight);
    if (!format || vis.x % 2 || vis.y % 2 || videoWidth % 2 || videoHeight % 2) return null;
    const rect = { x: vis.x, y: vis.y, width: vis.width, height: vis.height };
    const data = new Uint8Array(pool.take(frame.allocationSize({ rect })));
    const planes = await frame.copyTo(data, { rect });
    const yuv: YuvLayout = {
      planes: planes.slice(0, format === 'NV12' ? 2 : 3).map((p) => ({ offset: p.offset, stride: p.stride })),
      matrix: matrixOf(frame.colorSpace?.matrix),
      fullRange: frame.colorSpace?.fullRange ?? false,
    };
    return { ...message(request, 'search', videoWidth, videoHeight, 0, 0, 1, data.buffer), format, yuv };
  } finally {
    frame.close();
  }
}

/** The whole view shrunk to the search size by the canvas (the CLI's search also sees scaled frames). */
function searchReader(videoWidth: number, videoHeight: number, searchMaxSide: number): (video: HTMLVideoElement, request: GrabRequest) => FrameMessage {
  // the same integer box as the YUV path, so both ways give the search the same frame size
  const { width: sw, height: sh } = searchGeometry(videoWidth, videoHeight, searchMaxSide);
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

function canvasGrabber(videoWidth: number, videoHeight: number, searchMaxSide: number): FrameGrabber {
  const readSearch = searchReader(videoWidth, videoHeight, searchMaxSide);
  let crop: { canvas: HTMLCanvasElement | OffscreenCanvas; ctx: Ctx } | null = null;
  return {
    method: 'canvas',
    recycle: () => undefined,
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

function webCodecsGrabber(videoWidth: number, videoHeight: number, searchMaxSide: number): FrameGrabber {
  // a frame that is not YUV (or not even-aligned) is drawn by the canvas, shrunk in the same pass
  const drawSearch = searchReader(videoWidth, videoHeight, searchMaxSide);
  let yuvWorks = true;
  const pool = bufferPool();
  return {
    method: 'webcodecs',
    recycle: (buffer) => pool.give(buffer),
    async grab(video, request) {
      const r = request.crop;
      if (!r) {
        const yuv = yuvWorks ? await readYuv(video, request, videoWidth, videoHeight, pool) : null;
        if (yuv) return yuv;
        yuvWorks = false;
        return drawSearch(video, request);
      }
      const frame = new VideoFrame(video);
      try {
        const vis = visibleRect(frame, videoWidth, videoHeight);
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

export function createFrameGrabber(videoWidth: number, videoHeight: number, method: 'webcodecs' | 'canvas', searchMaxSide: number): FrameGrabber {
  return method === 'webcodecs' ? webCodecsGrabber(videoWidth, videoHeight, searchMaxSide) : canvasGrabber(videoWidth, videoHeight, searchMaxSide);
}

/** Falls back to the canvas once, for good, when WebCodecs fails mid-stream (same search frames, so the search goes on). */
export function withFallback(primary: FrameGrabber, videoWidth: number, videoHeight: number, searchMaxSide: number, onFallback: () => void): FrameGrabber {
  let current = primary;
  return {
    get method() {
      return current.method;
    },
    recycle: (buffer) => current.recycle(buffer),
    async grab(video, request) {
      try {
        return await current.grab(video, request);
      } catch (error) {
        if (current.method === 'canvas') throw error;
        current = canvasGrabber(videoWidth, videoHeight, searchMaxSide);
        onFallback();
        return current.grab(video, request);
      }
    },
  };
}
