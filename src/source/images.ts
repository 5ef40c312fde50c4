/**
 * Frames from still images (a folder, a list, or a simple `dir/*.png` glob of PNG/JPEG files),
 * read one at a time with sharp, upright per their EXIF orientation, in natural name order.
 */
import { readdir, stat } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import type sharpModule from 'sharp';
import { BadInputError, firstLine } from '../errors.js';
import { planGeometry } from './geometry.js';
import type { DecodeOptions, FrameSource, RgbFrame, VideoInfo } from './types.js';

export interface ImageSequenceOptions {
  /** Time between stills; overrides any time stamp in the file names. */
  intervalMs?: number;
}

export interface ImageSource extends FrameSource {
  readonly info: VideoInfo;
  /** The stills, in frame order. */
  readonly files: string[];
  /** Presentation time of each still, ms from the first. */
  readonly timestampsMs: number[];
  readonly notes: string[];
}

export const IMAGE_EXTENSIONS = ['.png', '.jpg', '.jpeg'];
export const DEFAULT_INTERVAL_MS = 1000 / 30;

export async function openImageSequence(
  dirOrFiles: string | string[],
  options: ImageSequenceOptions = {},
): Promise<ImageSource> {
  const label = Array.isArray(dirOrFiles) ? `${dirOrFiles.length} files` : dirOrFiles;
  const files = naturalSort(await listImages(dirOrFiles));
  if (files.length === 0) throw new BadInputError(`no PNG or JPEG images in ${label}`);

  const notes: string[] = [];
  const timestampsMs = frameTimes(files, options.intervalMs, notes);
  const first = await readMeta(files[0]);
  const spanMs = timestampsMs[timestampsMs.length - 1];
  const stepMs = files.length > 1 ? spanMs / (files.length - 1) : (options.intervalMs ?? DEFAULT_INTERVAL_MS);
  const info: VideoInfo = {
    width: first.width,
    height: first.height,
    fps: 1000 / stepMs,
    durationS: (spanMs + stepMs) / 1000,
    frames: files.length,
    rotationDeg: 0,
    codec: first.format,
  };

  return {
    info,
    files,
    timestampsMs,
    notes,
    frames: (decode: DecodeOptions = {}) => readFrames(files, timestampsMs, info, decode),
  };
}

/**
 * A millisecond stamp in the name (`frame_t=1234ms.png`, `cam_1234ms.jpg`), when every file has
 * one and they increase; else the given interval; else 30 fps, with a note saying so.
 */
export function frameTimes(files: string[], intervalMs: number | undefined, notes: string[]): number[] {
  if (intervalMs !== undefined) {
    if (!(intervalMs > 0)) throw new BadInputError(`the frame interval must be a positive number of ms, not ${intervalMs}`);
    return files.map((_, i) => i * intervalMs);
  }
  const stamps = files.map(stampMs);
  const complete = stamps.every((s): s is number => s !== undefined);
  if (complete && stamps.every((s, i) => i === 0 || s > stamps[i - 1])) {
    return stamps.map((s) => s - stamps[0]);
  }
  if (files.length > 1) {
    notes.push(
      `no frame interval given and the image names carry no ms time stamps; assuming 30 fps (${DEFAULT_INTERVAL_MS.toFixed(1)} ms apart)`,
    );
  }
  return files.map((_, i) => i * DEFAULT_INTERVAL_MS);
}

export function stampMs(file: string): number | undefined {
  const name = basename(file, extname(file));
  const matches = [...name.matchAll(/(?:^|t=|[_\-\s.])(\d+(?:\.\d+)?)ms(?![a-z])/gi)];
  const last = matches[matches.length - 1];
  return last ? Number(last[1]) : undefined;
}

export function naturalSort(files: string[]): string[] {
  const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });
  return [...files].sort((a, b) => collator.compare(a, b));
}

async function listImages(dirOrFiles: string | string[]): Promise<string[]> {
  if (Array.isArray(dirOrFiles)) return dirOrFiles;
  const name = basename(dirOrFiles);
  if (/[*?]/.test(name)) {
    const dir = dirname(dirOrFiles);
    const pattern = globToRegExp(name);
    return (await readDir(dir)).filter((f) => pattern.test(f)).map((f) => join(dir, f));
  }
  let info;
  try {
    info = await stat(dirOrFiles);
  } catch {
    throw new BadInputError(`cannot read ${dirOrFiles}: no such file or folder`);
  }
  if (!info.isDirectory()) return [dirOrFiles];
  return (await readDir(dirOrFiles))
    .filter((f) => IMAGE_EXTENSIONS.includes(extname(f).toLowerCase()))
    .map((f) => join(dirOrFiles, f));
}

async function readDir(dir: string): Promise<string[]> {
  try {
    return await readdir(dir);
  } catch {
    throw new BadInputError(`cannot read folder ${dir}`);
  }
}

/** sharp (libvips) is loaded on first use: it costs ~70 ms of start-up that a video never needs. */
let sharpLoaded: Promise<typeof sharpModule> | undefined;
function loadSharp(): Promise<typeof sharpModule> {
  sharpLoaded ??= import('sharp').then((m) => m.default);
  return sharpLoaded;
}

function globToRegExp(glob: string): RegExp {
  const body = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${body}$`, 'i');
}

async function readMeta(file: string): Promise<{ width: number; height: number; format: string }> {
  try {
    const sharp = await loadSharp();
    const meta = await sharp(file).metadata();
    // EXIF orientations 5–8 are quarter turns: the displayed image is the stored one transposed.
    const turned = (meta.orientation ?? 1) >= 5;
    if (!meta.width || !meta.height) throw new Error('no image size');
    return {
      width: turned ? meta.height : meta.width,
      height: turned ? meta.width : meta.height,
      format: meta.format ?? 'image',
    };
  } catch (error) {
    throw new BadInputError(`cannot read image ${file}: ${firstLine(error)}`);
  }
}

async function* readFrames(
  files: string[],
  timestampsMs: number[],
  info: VideoInfo,
  options: DecodeOptions,
): AsyncGenerator<RgbFrame> {
  const geometry = planGeometry(info, options);
  const { region } = geometry;
  const fromMs = (options.startS ?? 0) * 1000;
  const toMs = options.durationS !== undefined ? fromMs + options.durationS * 1000 : Infinity;
  let index = 0;
  for (let i = 0; i < files.length; i++) {
    const timestampMs = timestampsMs[i];
    if (timestampMs < fromMs) continue;
    if (timestampMs >= toMs) return;
    const meta = await readMeta(files[i]);
    if (meta.width !== info.width || meta.height !== info.height) {
      throw new BadInputError(
        `${files[i]} is ${meta.width}x${meta.height} but ${files[0]} is ${info.width}x${info.height}; a sequence needs one size`,
      );
    }
    let pipeline = (await loadSharp())(files[i]).rotate();
    if (region.width !== info.width || region.height !== info.height) {
      pipeline = pipeline.extract({ left: region.x, top: region.y, width: region.width, height: region.height });
    }
    if (geometry.scale !== 1) {
      pipeline = pipeline.resize(geometry.width, geometry.height, { fit: 'fill', kernel: 'linear' });
    }
    let decoded;
    try {
      decoded = await pipeline.removeAlpha().toColourspace('srgb').raw().toBuffer({ resolveWithObject: true });
    } catch (error) {
      throw new BadInputError(`cannot read image ${files[i]}: ${firstLine(error)}`);
    }
    const { data, info: out } = decoded;
    if (out.channels !== 3 || out.width !== geometry.width || out.height !== geometry.height) {
      throw new Error(`sharp returned ${out.width}x${out.height}x${out.channels} for ${files[i]}, expected ${geometry.width}x${geometry.height}x3`);
    }
    yield {
      width: out.width,
      height: out.height,
      channels: 3,
      data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
      timestampMs,
      index: index++,
      originX: region.x,
      originY: region.y,
      scale: geometry.scale,
    };
  }
}
