/**
 * What a clip is before decoding it: ffprobe's JSON, turned into displayed size, nominal rate,
 * duration, frame count and a cheap variable-frame-rate check. Every way a file can be unusable
 * becomes one BadInputError line; ffprobe always runs under a timeout, so a probe never hangs.
 */
import { execFile } from 'node:child_process';
import { open, stat } from 'node:fs/promises';
import { BadInputError } from '../errors.js';
import { ffmpegInputPath, resolveFfprobe } from './binaries.js';
import type { VideoInfo } from './types.js';

/** VideoInfo plus what the decoder needs to know about the container. */
export interface ProbedVideo extends VideoInfo {
  file: string;
  /** ffprobe's format name, e.g. "mov,mp4,m4a,3gp,3g2,mj2", "matroska,webm", "avi". */
  formatName: string;
  /** Presentation time of the video stream's first frame, in seconds (0 for most files). */
  startTimeS: number;
  /** Coded (stored) size, before rotation. */
  codedWidth: number;
  codedHeight: number;
}

export interface ProbeOptions {
  /** Kill ffprobe after this long (default 20 s). */
  timeoutS?: number;
}

interface FfprobeStream {
  index: number;
  codec_type?: string;
  codec_name?: string;
  width?: number;
  height?: number;
  avg_frame_rate?: string;
  r_frame_rate?: string;
  duration?: string;
  start_time?: string;
  nb_frames?: string;
  tags?: Record<string, string>;
  disposition?: Record<string, number>;
  side_data_list?: Array<{ side_data_type?: string; rotation?: number | string }>;
}

interface FfprobeJson {
  streams?: FfprobeStream[];
  format?: { format_name?: string; format_long_name?: string; duration?: string };
  error?: { code: number; string: string };
  packets?: Array<{ pts_time?: string; dts_time?: string }>;
}

const IMAGE_FORMATS: Record<string, string> = {
  png_pipe: 'a PNG image',
  apng: 'a PNG image',
  jpeg_pipe: 'a JPEG image',
  jpegls_pipe: 'a JPEG image',
  webp_pipe: 'a WebP image',
  bmp_pipe: 'a BMP image',
  tiff_pipe: 'a TIFF image',
  gif_pipe: 'a GIF image',
  svg_pipe: 'an SVG image',
  image2: 'a still image',
};

export async function probeVideo(file: string, options: ProbeOptions = {}): Promise<ProbedVideo> {
  await checkReadableFile(file);
  const timeoutMs = (options.timeoutS ?? 20) * 1000;
  const ffprobe = resolveFfprobe().path;
  const input = ffmpegInputPath(file);

  // Both runs are independent; together they cost one ffprobe start-up of wall time.
  const [main, packets] = await Promise.all([
    runFfprobe(ffprobe, ['-show_error', '-show_format', '-show_streams', input], timeoutMs),
    runFfprobe(
      ffprobe,
      ['-select_streams', 'V:0', '-read_intervals', '%+#120', '-show_entries', 'packet=pts_time,dts_time', input],
      timeoutMs,
    ),
  ]);

  if (main.timedOut) throw new BadInputError(`cannot read ${file}: ffprobe gave no answer in ${timeoutMs / 1000} s`);
  if (!main.json || main.json.error || !main.json.format) {
    throw new BadInputError(await explainUnreadable(file, `${main.stderr}\n${main.json?.error?.string ?? ''}`));
  }
  const json = main.json;
  const formatName = json.format?.format_name ?? 'unknown';
  const streams = json.streams ?? [];
  const video = streams.find((s) => s.codec_type === 'video' && !s.disposition?.attached_pic);

  // ffmpeg's "tty" demuxer renders text files (.txt, .nfo …) as an ANSI-art video.
  if (formatName === 'tty') throw new BadInputError(`not a video file: ${file} is text`);
  if (IMAGE_FORMATS[formatName] && !isAnimatedImage(formatName, video)) {
    throw new BadInputError(
      `${file} is ${IMAGE_FORMATS[formatName]}, not a video; pass a folder of stills (or the image itself with a .png/.jpg name)`,
    );
  }
  if (!video) {
    const kinds = [...new Set(streams.map((s) => s.codec_type ?? 'unknown'))];
    const holds = kinds.length ? ` (it holds only ${kinds.join(' and ')})` : '';
    // a damaged MP4 whose video track header no longer parses shows up as "data" or as no streams
    const damaged = kinds.length === 0 || kinds.every((k) => k === 'data' || k === 'unknown');
    throw new BadInputError(`no video stream in ${file}${holds}${damaged ? `; ${DAMAGED_ADVICE}` : ''}`);
  }
  if (!video.width || !video.height) {
    throw new BadInputError(`cannot read ${file}: its video stream has no frame size (corrupt header?); ${DAMAGED_ADVICE}`);
  }

  const rotationDeg = rotationOf(video);
  const swap = rotationDeg === 90 || rotationDeg === 270;
  const fps = rateOf(video.avg_frame_rate) ?? rateOf(video.r_frame_rate) ?? 0;
  const durationS = num(video.duration) ?? num(json.format?.duration) ?? 0;
  const nbFrames = num(video.nb_frames) ?? num(video.tags?.NUMBER_OF_FRAMES) ?? num(video.tags?.['NUMBER_OF_FRAMES-eng']);
  const frames = nbFrames && nbFrames > 0 ? nbFrames : Math.max(1, Math.round(durationS * fps));
  const pts = (packets.json?.packets ?? [])
    .map((p) => num(p.pts_time) ?? num(p.dts_time))
    .filter((t): t is number => t !== undefined);

  return {
    file,
    width: swap ? video.height : video.width,
    height: swap ? video.width : video.height,
    fps,
    durationS,
    frames,
    rotationDeg,
    codec: video.codec_name ?? 'unknown',
    variableFrameRate: isVariableFrameRate(pts),
    formatName,
    startTimeS: num(video.start_time) ?? 0,
    codedWidth: video.width,
    codedHeight: video.height,
  };
}

/**
 * Clockwise degrees that turn the stored frame upright. Older muxers store a `rotate` tag
 * (clockwise); newer ffprobe reports the display matrix, whose `rotation` is counter-clockwise.
 */
export function rotationOf(stream: Pick<FfprobeStream, 'tags' | 'side_data_list'>): 0 | 90 | 180 | 270 {
  let clockwise = 0;
  const matrix = stream.side_data_list?.find((d) => d.rotation !== undefined);
  if (matrix) clockwise = -Number(matrix.rotation);
  else if (stream.tags?.rotate !== undefined) clockwise = Number(stream.tags.rotate);
  if (!Number.isFinite(clockwise)) return 0;
  const quarter = ((Math.round(clockwise / 90) % 4) + 4) % 4;
  return (quarter * 90) as 0 | 90 | 180 | 270;
}

/**
 * Phone clips hold their frame rate only nominally. Sorted presentation times (packets arrive in
 * decode order) whose intervals stray from the median by more than a tenth of a frame (or 1.5 ms,
 * the rounding of millisecond time bases) in more than a few places are variable-rate.
 */
export function isVariableFrameRate(ptsS: number[]): boolean {
  const sorted = [...ptsS].sort((a, b) => a - b);
  const deltas: number[] = [];
  for (let i = 1; i < sorted.length; i++) {
    const d = sorted[i] - sorted[i - 1];
    if (d > 0) deltas.push(d);
  }
  if (deltas.length < 3) return false;
  const median = [...deltas].sort((a, b) => a - b)[Math.floor(deltas.length / 2)];
  const tolerance = Math.max(0.1 * median, 0.0015);
  const strays = deltas.filter((d) => Math.abs(d - median) > tolerance).length;
  return strays >= Math.max(2, Math.ceil(0.05 * deltas.length));
}

/** Missing, unreadable, empty or not a regular file: say which, before ffprobe is involved. */
export async function checkReadableFile(file: string): Promise<void> {
  let info;
  try {
    info = await stat(file);
  } catch (error) {
    throw new BadInputError(`cannot read ${file}: ${errnoText(error)}`);
  }
  if (info.isDirectory()) throw new BadInputError(`${file} is a directory, not a video file`);
  if (!info.isFile()) throw new BadInputError(`cannot read ${file}: not a regular file`);
  if (info.size === 0) throw new BadInputError(`file is empty: ${file}`);
  try {
    const handle = await open(file, 'r');
    await handle.close();
  } catch (error) {
    throw new BadInputError(`cannot read ${file}: ${errnoText(error)}`);
  }
}

function errnoText(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  return code ?? (error instanceof Error ? error.message : String(error));
}

/** What to do about a file whose structure is broken: the user can only get a better copy. */
export const DAMAGED_ADVICE = 'copy or export it again from the camera or phone';
/** Boxes an MP4/MOV file starts with: such a file is a recording, however damaged. */
const MP4_FIRST_BOXES = ['ftyp', 'mdat', 'free', 'wide', 'skip', 'moov'];

/** ffprobe could not open it: say what the file looks like, when its first bytes tell. */
async function explainUnreadable(file: string, ffprobeSays: string): Promise<string> {
  const last = ffprobeSays.trim().split('\n').filter(Boolean).pop() ?? 'unrecognised format';
  const reason = last.replace(/^\[[^\]]+\]\s*/, '');
  const head = await readHead(file, 4096);
  if (looksLikeText(head)) return `not a video file: ${file} is text`;
  // The mov demuxer is chosen by extension, so noise named .mp4 also lacks a moov atom; only a
  // file that starts like an MP4 (an ftyp/mdat/free box) is a recording cut short.
  const firstBox = new TextDecoder('latin1').decode(head.subarray(4, 8));
  if (/moov atom not found/i.test(ffprobeSays) && MP4_FIRST_BOXES.includes(firstBox)) {
    return `${file} is truncated or corrupt (no index: moov atom not found); the recording may not have finished — copy or export it again`;
  }
  if (/Invalid data found|could not find codec|unknown format|moov atom not found/i.test(ffprobeSays)) {
    return `not a video file: ${file} (ffmpeg does not recognise its contents)`;
  }
  // "End of file", "Cannot allocate memory" (a box size that lies): say it is damaged, not just how
  if (MP4_FIRST_BOXES.includes(firstBox)) return `${file} is damaged (ffmpeg: ${reason}); ${DAMAGED_ADVICE}`;
  return `cannot read ${file}: ${reason}`;
}

async function readHead(file: string, bytes: number): Promise<Uint8Array> {
  const handle = await open(file, 'r');
  try {
    const buffer = new Uint8Array(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

function looksLikeText(head: Uint8Array): boolean {
  if (head.length === 0) return false;
  let printable = 0;
  for (const b of head) {
    if (b === 0) return false;
    if (b === 9 || b === 10 || b === 13 || (b >= 32 && b < 127) || b >= 0x80) printable++;
  }
  // UTF-8 text passes; random bytes fail on the NULs and control bytes they contain.
  if (printable / head.length < 0.97) return false;
  return new TextDecoder('utf-8', { fatal: false }).decode(head).includes('\uFFFD') === false;
}

/** An animated PNG is a clip; a single still is what we reject. */
function isAnimatedImage(formatName: string, video: FfprobeStream | undefined): boolean {
  const frames = num(video?.nb_frames);
  return formatName === 'apng' && frames !== undefined && frames > 1;
}

function rateOf(text: string | undefined): number | undefined {
  if (!text) return undefined;
  const [n, d] = text.split('/').map(Number);
  if (!Number.isFinite(n) || !Number.isFinite(d) || n <= 0 || d <= 0) return undefined;
  return n / d;
}

function num(text: string | undefined): number | undefined {
  if (text === undefined || text === 'N/A') return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}

interface FfprobeRun {
  json: FfprobeJson | null;
  stderr: string;
  timedOut: boolean;
}

function runFfprobe(ffprobe: string, args: string[], timeoutMs: number): Promise<FfprobeRun> {
  return new Promise((resolve) => {
    execFile(
      ffprobe,
      ['-v', 'error', '-hide_banner', '-print_format', 'json', ...args],
      { timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: 64 << 20, encoding: 'utf8' },
      (error, stdout, stderr) => {
        const timedOut = Boolean(error && (error as { killed?: boolean }).killed);
        let json: FfprobeJson | null = null;
        try {
          json = stdout ? (JSON.parse(stdout) as FfprobeJson) : null;
        } catch {
          json = null;
        }
        resolve({ json, stderr: stderr ?? '', timedOut });
      },
    );
  });
}
