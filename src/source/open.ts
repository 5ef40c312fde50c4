/**
 * One entry point for "frames from this path": a folder, glob or image file becomes an image
 * sequence; anything else is probed as a video, whose probe names what is wrong with bad input.
 */
import { stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { BadInputError } from '../errors.js';
import { IMAGE_EXTENSIONS, openImageSequence, type ImageSequenceOptions } from './images.js';
import type { FrameSource } from './types.js';
import { openVideo, type OpenVideoOptions } from './video.js';

export interface OpenSourceOptions extends OpenVideoOptions, ImageSequenceOptions {}

export interface OpenedSource extends FrameSource {
  readonly kind: 'video' | 'images';
  /** Things worth telling the user (assumed frame rate, truncated file); grows while decoding. */
  readonly notes: string[];
}


export async function openSource(input: string, options: OpenSourceOptions = {}): Promise<OpenedSource> {
  if (!input) throw new BadInputError('no input given: pass a video file or a folder of images');
  if (/[*?]/.test(basename(input))) return asImages(input, options);

  let isDirectory = false;
  try {
    isDirectory = (await stat(input)).isDirectory();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new BadInputError(`cannot read ${input}: ${code === 'ENOENT' ? 'no such file or folder' : (code ?? 'unreadable')}`);
  }
  if (isDirectory || IMAGE_EXTENSIONS.includes(extname(input).toLowerCase())) return asImages(input, options);

  // Unknown extensions are still probed: ffprobe goes by content, and says what the file is.
  const video = await openVideo(input, options);
  return { kind: 'video', info: video.info, notes: video.notes, frames: video.frames };
}

async function asImages(input: string, options: OpenSourceOptions): Promise<OpenedSource> {
  const images = await openImageSequence(input, { intervalMs: options.intervalMs });
  return { kind: 'images', info: images.info, notes: images.notes, frames: images.frames };
}
