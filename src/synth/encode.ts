/**
 * Node edge: streams rendered RGB frames into ffmpeg and out as a phone-like file. Frames are written
 * one at a time with backpressure; the clip is never held in memory.
 *
 * Constant frame rate goes through ffmpeg's rawvideo pipe. Variable frame rate goes through a Matroska
 * stream we write ourselves (src/synth/mkv.ts) so every frame keeps its own timestamp, then
 * `-vsync vfr` passes those timestamps to the output. Rotation is the track's display matrix, as
 * phones write it: the pixels are stored turned so that a player applying it shows them upright
 * (set by mp4rotate.ts after encoding, since the bundled ffmpeg drops `-metadata:s:v:0 rotate=`).
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { resolveFfmpeg } from '../source/binaries.js';
import { mkvFrame, mkvHeader } from './mkv.js';
import { setMp4Rotation } from './mp4rotate.js';

export type ClipFormat = 'mp4' | 'mov' | 'webm' | 'y4m';
export const CLIP_FORMATS: readonly ClipFormat[] = ['mp4', 'mov', 'webm', 'y4m'];

export function formatFromPath(path: string): ClipFormat | null {
  const m = /\.([a-z0-9]+)$/i.exec(path);
  const ext = m ? m[1].toLowerCase() : '';
  return (CLIP_FORMATS as readonly string[]).includes(ext) ? (ext as ClipFormat) : null;
}

export interface EncoderOptions {
  path: string;
  format: ClipFormat;
  /** Size of the pixel buffers written (the stored, possibly rotated, frame). */
  width: number;
  height: number;
  /** Nominal frame rate (the CFR rate, or the VFR clip's average). */
  fps: number;
  /** Write each frame with its own timestamp. */
  vfr: boolean;
  crf: number;
  /** Rotation tag: a player turns the stored frame clockwise by this much to display it. */
  rotationDeg: 0 | 90 | 180 | 270;
  ffmpegPath?: string;
}

function codecArgs(o: EncoderOptions): string[] {
  switch (o.format) {
    case 'mp4':
    case 'mov':
      return ['-c:v', 'libx264', '-preset', 'veryfast', '-crf', String(o.crf), '-pix_fmt', 'yuv420p'];
    case 'webm':
      // VP8 in constrained-quality mode; crf needs a bitrate ceiling with libvpx.
      return ['-c:v', 'libvpx', '-crf', String(Math.max(4, Math.min(63, o.crf))), '-b:v', '4M', '-deadline', 'realtime', '-cpu-used', '8', '-pix_fmt', 'yuv420p'];
    case 'y4m':
      return ['-pix_fmt', 'yuv420p', '-f', 'yuv4mpegpipe'];
  }
}

export function ffmpegArgs(o: EncoderOptions): string[] {
  if (o.format === 'y4m' && (o.vfr || !Number.isInteger(o.fps))) {
    throw new RangeError('y4m needs a constant integer frame rate');
  }
  if (o.rotationDeg !== 0 && o.format !== 'mp4' && o.format !== 'mov') {
    throw new RangeError('a rotation tag needs an .mp4 or .mov output');
  }
  const input = o.vfr
    ? ['-f', 'matroska', '-i', 'pipe:0']
    : ['-f', 'rawvideo', '-pix_fmt', 'rgb24', '-s', `${o.width}x${o.height}`, '-framerate', String(o.fps), '-i', 'pipe:0'];
  // `-enc_time_base -1` keeps the demuxer's 1 ms time base (else the encoder snaps pts to 1/25 s);
  // without B-frames and an edit list, the last VFR frame (unknown duration) is not cut off.
  const timing = o.vfr ? ['-vsync', 'vfr', '-enc_time_base', '-1'] : [];
  const mov = o.format === 'mp4' || o.format === 'mov';
  const container = mov && o.vfr ? ['-bf', '0', '-use_editlist', '0', '-video_track_timescale', '90000'] : [];
  return ['-hide_banner', '-loglevel', 'error', '-y', ...input, ...codecArgs(o), ...timing, ...container, '-an', o.path];
}

/** A running ffmpeg process taking frames. Call `write` per frame (awaiting it), then `finish`. */
export class ClipEncoder {
  private readonly proc: ChildProcessWithoutNullStreams;
  private readonly done: Promise<void>;
  private stderr = '';
  private failed: Error | null = null;
  private frames = 0;

  constructor(readonly options: EncoderOptions) {
    const ffmpeg = options.ffmpegPath ?? resolveFfmpeg().path;
    this.proc = spawn(ffmpeg, ffmpegArgs(options), { stdio: ['pipe', 'pipe', 'pipe'] });
    this.proc.stderr.on('data', (d: Buffer) => {
      if (this.stderr.length < 8000) this.stderr += d.toString();
    });
    this.proc.stdin.on('error', (e) => {
      this.failed ??= e;
    });
    this.done = new Promise((resolve, reject) => {
      this.proc.on('error', (e) => reject(new Error(`cannot run ffmpeg (${ffmpeg}): ${e.message}`)));
      this.proc.on('close', (code) => {
        if (code === 0) resolve();
        else reject(new Error(`ffmpeg failed (exit ${code}): ${this.stderr.trim().split('\n').slice(-3).join(' | ')}`));
      });
    });
    // Surface the rejection only through finish(); avoid an unhandled rejection meanwhile.
    this.done.catch(() => undefined);
    if (options.vfr) this.proc.stdin.write(mkvHeader(options.width, options.height));
  }

  private async push(chunk: Uint8Array): Promise<void> {
    if (this.failed) throw this.failed;
    if (!this.proc.stdin.write(chunk)) {
      await new Promise<void>((resolve) => {
        const onDone = () => {
          this.proc.stdin.off('drain', onDone);
          this.proc.off('close', onDone);
          resolve();
        };
        this.proc.stdin.once('drain', onDone);
        this.proc.once('close', onDone);
      });
    }
  }

  /** Writes one frame (rgb24, width×height) shown at `timeMs` (used when VFR). */
  async write(rgb: Uint8Array, timeMs: number): Promise<void> {
    const expected = this.options.width * this.options.height * 3;
    if (rgb.length !== expected) throw new RangeError(`frame has ${rgb.length} bytes, expected ${expected}`);
    if (this.options.vfr) {
      const [prefix, body] = mkvFrame(rgb, timeMs);
      await this.push(prefix);
      await this.push(body);
    } else {
      await this.push(rgb);
    }
    this.frames++;
  }

  get framesWritten(): number {
    return this.frames;
  }

  async finish(): Promise<void> {
    this.proc.stdin.end();
    await this.done;
    if (this.failed) throw this.failed;
    if (this.options.rotationDeg !== 0) setMp4Rotation(this.options.path, this.options.rotationDeg);
  }

  /** Stops ffmpeg after an error elsewhere. */
  abort(): void {
    this.proc.kill('SIGKILL');
  }
}
