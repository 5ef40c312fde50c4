/**
 * Frames from a video file: ffmpeg decodes, rotates upright (its default autorotate), crops, scales
 * and converts to rgb24, and writes raw frames to a pipe we read one frame at a time. Each frame's
 * real presentation time comes from the `showinfo` filter's log line for it: with passthrough sync
 * (`-vsync 0`) ffmpeg neither duplicates nor drops, so the n-th log line belongs to the n-th frame.
 */
import { BadInputError, EXIT, LedscopeError } from '../errors.js';
import { passthroughSyncOptions, spawnRawVideo } from './ffmpeg-driver.js';
import { DAMAGED_ADVICE, probeVideo, type ProbedVideo, type ProbeOptions } from './probe.js';
import { planGeometry } from './geometry.js';
import type { DecodeOptions, FrameSource, RgbFrame } from './types.js';

export interface OpenVideoOptions {
  probe?: ProbeOptions;
  /** Kill ffmpeg when it produces nothing for this long (default 20 s). */
  stallTimeoutS?: number;
}

export interface VideoSource extends FrameSource {
  readonly info: ProbedVideo;
  /** Things the user should hear about (a truncated file, a missing timestamp); grows as frames() runs. */
  readonly notes: string[];
}

/** Where the decoded buffer sits in the displayed frame, and the ffmpeg filters that produce it. */
export interface DecodePlan {
  filters: string[];
  width: number;
  height: number;
  originX: number;
  originY: number;
  scale: number;
}

export async function openVideo(file: string, options: OpenVideoOptions = {}): Promise<VideoSource> {
  const info = await probeVideo(file, options.probe);
  const notes: string[] = [];
  return {
    info,
    notes,
    frames: (decode: DecodeOptions = {}) => decodeFrames(info, decode, notes, options.stallTimeoutS),
  };
}

/**
 * The ffmpeg filters for a decode: crop (nearly free), then shrink, then rgb24. The shrink uses
 * swscale's `area` filter, not `fast_bilinear`: measured here, fast_bilinear shifts content ~1.4
 * output pixels left at a 4x shrink and makes a 3-px dot's peak swing 61–253 with its sub-pixel
 * position (a still LED would flicker); `area` keeps position to ~0.1 px and a dot's total
 * brightness constant, for ~0.25 s more CPU per 30 s of 1080p.
 */
export function planDecode(frame: { width: number; height: number }, options: DecodeOptions = {}): DecodePlan {
  const geometry = planGeometry(frame, options);
  const { region } = geometry;
  const filters: string[] = [];
  if (region.width !== frame.width || region.height !== frame.height) {
    filters.push(`crop=${region.width}:${region.height}:${region.x}:${region.y}`);
  }
  if (geometry.scale !== 1) filters.push(`scale=${geometry.width}:${geometry.height}:flags=area`);
  filters.push('format=rgb24');
  return {
    filters,
    width: geometry.width,
    height: geometry.height,
    originX: region.x,
    originY: region.y,
    scale: geometry.scale,
  };
}

/**
 * showinfo logs every frame's pts, but it also checksums and averages the whole frame it is given:
 * it gets a 2×2 corner of each frame on a side branch (ends in nullsink), which costs nothing.
 */
const TIMESTAMP_TAP = 'split[frame][tap];[tap]crop=min(iw\\,2):min(ih\\,2):0:0,showinfo,nullsink;[frame]null';

/** One showinfo log line: `[Parsed_showinfo_2 @ 0x…] n:  12 pts: 6144 pts_time:0.4 …`. */
const SHOWINFO_FRAME = /Parsed_showinfo_\d+.*?\sn:\s*(\d+)\s+pts:\s*(-?\d+)\s+pts_time:(\S+)/;
const SHOWINFO_CONFIG = /Parsed_showinfo_\d+.*config in time_base:\s*(\d+)\/(\d+)/;

async function* decodeFrames(
  info: ProbedVideo,
  options: DecodeOptions,
  notes: string[],
  stallTimeoutS: number | undefined,
): AsyncGenerator<RgbFrame> {
  const plan = planDecode(info, options);
  const startS = options.startS !== undefined && options.startS > 0 ? options.startS : 0;
  const endMs = options.durationS !== undefined ? (startS + options.durationS) * 1000 : Infinity;
  const inputOptions: string[] = [];
  const outputOptions = [...passthroughSyncOptions()];
  if (startS > 0) {
    // Keep the file's own timestamps so frames carry clip time, the same as a decode from 0.
    inputOptions.push('-ss', String(startS));
    outputOptions.push('-copyts');
  }
  if (options.durationS !== undefined) inputOptions.push('-t', String(options.durationS + 1));

  const pending: Array<number | null> = [];
  let timeBase: [number, number] | null = null;
  let wake: (() => void) | null = null;
  let exited = false;
  const proc = spawnRawVideo(info.file, {
    inputOptions,
    outputOptions,
    filters: [...plan.filters, TIMESTAMP_TAP],
    pixFmt: 'rgb24',
    stallTimeoutS,
    onStderrLine: (line) => {
      const frame = SHOWINFO_FRAME.exec(line);
      if (frame) {
        const pts = Number(frame[2]);
        pending.push(
          timeBase ? (pts * timeBase[0]) / timeBase[1] : Number.isFinite(Number(frame[3])) ? Number(frame[3]) : null,
        );
        wake?.();
        return;
      }
      const config = SHOWINFO_CONFIG.exec(line);
      if (config && Number(config[1]) > 0 && Number(config[2]) > 0) timeBase = [Number(config[1]), Number(config[2])];
    },
  });
  void proc.done.then(() => {
    exited = true;
    wake?.();
  });
  const nextPtsS = async (): Promise<number | null | undefined> => {
    while (pending.length === 0 && !exited) await new Promise<void>((resolve) => (wake = resolve));
    wake = null;
    return pending.shift();
  };

  const frameBytes = plan.width * plan.height * 3;
  let index = 0;
  let originS: number | undefined = startS > 0 ? info.startTimeS : undefined;
  let lastMs = 0;
  let missingPts = 0;
  try {
    let buffer = new Uint8Array(frameBytes);
    let filled = 0;
    for await (const chunk of proc.stdout as AsyncIterable<Uint8Array>) {
      let offset = 0;
      while (offset < chunk.length) {
        const take = Math.min(frameBytes - filled, chunk.length - offset);
        buffer.set(chunk.subarray(offset, offset + take), filled);
        filled += take;
        offset += take;
        if (filled < frameBytes) break;

        // (the frame's log line has nearly always arrived before its pixels: skip the await then)
        let ptsS = pending.length > 0 ? pending.shift() : await nextPtsS();
        if (ptsS === null || ptsS === undefined) {
          missingPts++;
          ptsS = (originS ?? 0) + (index === 0 ? 0 : lastMs / 1000 + 1 / (info.fps || 30));
        }
        originS ??= ptsS;
        const timestampMs = Math.round((ptsS - originS) * 1e6) / 1e3;
        if (timestampMs >= endMs) return;
        lastMs = timestampMs;
        if (startS > 0 && timestampMs < startS * 1000 - 0.5) {
          // an inexact seek handed us a frame before the start: skip it, reuse the buffer
          filled = 0;
          continue;
        }
        yield {
          width: plan.width,
          height: plan.height,
          channels: 3,
          data: buffer,
          timestampMs,
          index,
          originX: plan.originX,
          originY: plan.originY,
          scale: plan.scale,
        };
        index++;
        if (!options.reuseFrames) buffer = new Uint8Array(frameBytes);
        filled = 0;
      }
    }

    const exit = await proc.done;
    if (exit.stalled) throw exit.error ?? new LedscopeError(`ffmpeg stalled on ${info.file}`, EXIT.failed);
    const reason = ffmpegReason(exit.stderrTail, exit.error);
    if (index === 0) {
      if (exit.error) throw new BadInputError(`cannot decode any frame of ${info.file}: ${reason}; ${DAMAGED_ADVICE}`);
      const from = startS > 0 ? ` at or after ${startS} s (the clip lasts ${info.durationS.toFixed(2)} s)` : '';
      throw new BadInputError(`no frames decoded from ${info.file}${from}${from ? '' : `; ${DAMAGED_ADVICE}`}`);
    }
    const wholeClip = startS === 0 && options.durationS === undefined;
    if (exit.error && !exit.killed) {
      notes.push(`decoding ${info.file} stopped after ${index} frames (${(lastMs / 1000).toFixed(2)} s): ${reason}`);
    } else if (wholeClip && index < 0.9 * info.frames && info.frames - index >= 2) {
      // ffmpeg exits 0 at a cut-off mdat; the header's frame count gives it away
      notes.push(
        `${info.file} looks truncated: decoded ${index} of the ${info.frames} frames its header lists (up to ${(lastMs / 1000).toFixed(2)} s)`,
      );
    }
    if (missingPts > 0) notes.push(`${missingPts} frames of ${info.file} had no timestamp; spaced them at the nominal rate`);
  } finally {
    proc.kill();
    await proc.done;
  }
}

/** ffmpeg's stderr, boiled down to why it stopped. */
function ffmpegReason(tail: string[], error: Error | null): string {
  const lines = tail
    .filter((l) => l.trim() && !/Parsed_showinfo|Conversion failed|marking filters as finished/.test(l))
    .map((l) => l.replace(/^\[[^\]]+\]\s*/, '').trim());
  const damage = lines.find((l) => /partial file|corrupt|Invalid NAL|truncat|Invalid data found|moov atom/i.test(l));
  if (damage) return `the file looks truncated or corrupt (ffmpeg: ${damage})`;
  const telling = [...lines].reverse().find((l) => /error|invalid|not found|unsupported/i.test(l));
  return telling ?? lines[lines.length - 1] ?? error?.message.split('\n')[0] ?? 'unknown error';
}
