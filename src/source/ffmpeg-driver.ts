/**
 * The one place that spawns ffmpeg to decode. fluent-ffmpeg (2.1.3, archived upstream) builds and
 * spawns the command; everything else in ledscope talks to this small interface, so swapping
 * fluent-ffmpeg for a bare `spawn` later touches only this file.
 */
import type { ChildProcess } from 'node:child_process';
import { PassThrough, type Readable } from 'node:stream';
import ffmpeg from 'fluent-ffmpeg';
import { BadInputError } from '../errors.js';
import { ffmpegInputPath, resolveFfmpeg } from './binaries.js';

export interface RawVideoOptions {
  /** Video filters, in order, joined into one `-vf` chain. */
  filters: string[];
  /** Raw pixel format written to stdout. */
  pixFmt: 'rgb24' | 'rgba' | 'gray';
  /** Options placed before `-i` (e.g. `-ss`, `-t`). */
  inputOptions?: string[];
  /** Extra output options (e.g. `-vsync 0`, `-copyts`). */
  outputOptions?: string[];
  /**
   * Kill ffmpeg when it writes nothing for this long while nobody is waiting on us (default: the
   * LEDSCOPE_STALL_TIMEOUT_S environment variable, else 20 s — raise it for clips on a slow share).
   */
  stallTimeoutS?: number;
  /** Called with every stderr line (showinfo timestamps arrive here). */
  onStderrLine?: (line: string) => void;
}

export interface RawVideoExit {
  /** null when ffmpeg finished normally (exit 0). */
  error: Error | null;
  /** True when kill() ended the process (an early `break`, not a failure). */
  killed: boolean;
  /** True when the stall watchdog ended it; `error` then says so. */
  stalled: boolean;
  /** The last stderr lines, for error messages. */
  stderrTail: string[];
}

export interface RawVideoProcess {
  /** Raw frames, back to back. Reading slowly pauses ffmpeg (pipe backpressure). */
  stdout: Readable;
  /** The spawned process id once started (tests check that kill() leaves no process behind). */
  pid(): number | undefined;
  /** SIGKILL ffmpeg (now, or as soon as it is spawned). */
  kill(): void;
  /** Settles once ffmpeg has exited and its pipes are closed; never rejects. */
  done: Promise<RawVideoExit>;
}

const STDERR_TAIL_LINES = 30;
const DEFAULT_STALL_TIMEOUT_S = 20;

/**
 * Decoder and filter threads from LEDSCOPE_FFMPEG_THREADS (a whole number ≥ 1), else none: ffmpeg
 * then picks one per core. Batch sets 1 for its workers when they fill every core: the parallelism
 * then comes from the clips, and one thread costs less CPU per frame than threads that wait on
 * each other (measured with scripts/bench-batch.mjs; see README, Performance).
 */
export function decoderThreadOptions(env: NodeJS.ProcessEnv = process.env): string[] {
  const text = env.LEDSCOPE_FFMPEG_THREADS?.trim();
  if (!text || !/^\d+$/.test(text) || Number(text) < 1) return [];
  return ['-threads', text, '-filter_threads', text];
}

/** The watchdog's default: LEDSCOPE_STALL_TIMEOUT_S when it is a positive number of seconds. */
export function defaultStallTimeoutS(env: NodeJS.ProcessEnv = process.env): number {
  const value = Number(env.LEDSCOPE_STALL_TIMEOUT_S);
  return env.LEDSCOPE_STALL_TIMEOUT_S?.trim() && Number.isFinite(value) && value > 0 ? value : DEFAULT_STALL_TIMEOUT_S;
}

export function spawnRawVideo(input: string, options: RawVideoOptions): RawVideoProcess {
  const stallMs = (options.stallTimeoutS ?? defaultStallTimeoutS()) * 1000;
  const stdout = new PassThrough({ highWaterMark: 1 << 20 });
  const tail: string[] = [];
  let child: ChildProcess | undefined;
  let killRequested = false;
  let stalled = false;
  let lastActivity = Date.now();
  let watchdog: NodeJS.Timeout | undefined;

  // a file path is made absolute so ffmpeg never reads it as a protocol, URL or option; an input with
  // an explicit input format (`-f lavfi`: a filter graph such as doctor's test pattern) is not a file
  const isFile = !(options.inputOptions ?? []).includes('-f');
  const command = ffmpeg({ stdoutLines: STDERR_TAIL_LINES })
    .setFfmpegPath(resolveFfmpeg().path)
    .input(isFile ? ffmpegInputPath(input) : input)
    .inputOptions(['-hide_banner', '-nostats', '-loglevel', 'info', ...decoderThreadOptions(), ...(options.inputOptions ?? [])])
    .noAudio()
    .outputOptions(['-sn', '-dn', ...(options.outputOptions ?? [])])
    .videoFilters(options.filters)
    .outputOptions(['-pix_fmt', options.pixFmt, '-f', 'rawvideo']);

  guardSpawnFailure(command);

  const killChild = (): void => {
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };

  let resolveDone!: (exit: RawVideoExit) => void;
  const done = new Promise<RawVideoExit>((resolve) => (resolveDone = resolve));
  // The process must be gone *and* fluent-ffmpeg must have reported, whichever comes last.
  let fluentResult: { error: Error | null } | null = null;
  let childClosed = false;
  const settle = (): void => {
    if (!fluentResult || (child && !childClosed)) return;
    clearInterval(watchdog);
    let error = fluentResult.error;
    if (stalled) {
      // Bad input (exit 2), not a tool failure: a file that hangs the decoder is the commonest cause
      // (a damaged stream, a network share that stopped answering), and it is the user's to fix.
      error = new BadInputError(
        `${input} stalls the decoder: ffmpeg gave no output for ${stallMs / 1000} s and was stopped; ` +
          `check or re-export the file, or set LEDSCOPE_FFMPEG to another ffmpeg (LEDSCOPE_STALL_TIMEOUT_S to wait longer)`,
      );
    }
    resolveDone({ error, killed: killRequested && !stalled, stalled, stderrTail: tail.slice() });
  };

  command.on('start', () => {
    child = (command as unknown as { ffmpegProc?: ChildProcess }).ffmpegProc;
    lastActivity = Date.now();
    if (child) {
      child.once('close', () => {
        childClosed = true;
        settle();
      });
      child.stdout?.on('data', () => (lastActivity = Date.now()));
    }
    if (killRequested) killChild();
    watchdog = setInterval(() => {
      // Data waiting in our buffer means the consumer is the slow one, not ffmpeg.
      if (stdout.readableLength > 0 || stdout.writableLength > 0) lastActivity = Date.now();
      if (Date.now() - lastActivity > stallMs) {
        stalled = true;
        killRequested = true;
        killChild();
      }
    }, Math.min(1000, Math.max(100, stallMs / 4)));
    watchdog.unref();
  });
  command.on('stderr', (line: string) => {
    lastActivity = Date.now();
    tail.push(line);
    if (tail.length > STDERR_TAIL_LINES) tail.shift();
    options.onStderrLine?.(line);
  });
  command.on('end', () => {
    fluentResult = { error: null };
    settle();
  });
  command.on('error', (error: Error) => {
    fluentResult = { error };
    // fluent-ffmpeg reports some errors (spawn failure, closed output) before the process is gone.
    killChild();
    if (!child || child.pid === undefined) {
      // never spawned (bad binary, capability check failed): nothing will end the pipe for us
      childClosed = true;
      stdout.end();
    }
    settle();
  });

  command.pipe(stdout, { end: true });

  return {
    stdout,
    pid: () => child?.pid,
    kill: () => {
      killRequested = true;
      killChild();
    },
    done,
  };
}

/** Decoder options that pass every decoded frame through untouched (no duplication, no drops). */
export function passthroughSyncOptions(): string[] {
  const { major, year } = resolveFfmpeg();
  // `-vsync` is deprecated from ffmpeg 5.1 in favour of `-fps_mode`; the 2018 build only knows -vsync.
  const modern = (major !== null && major >= 5) || (major === null && year !== null && year >= 2023);
  const sync = modern ? ['-fps_mode', 'passthrough'] : ['-vsync', '0'];
  // A fine encoder time base: the default 1/nominal-fps makes close VFR frames collide (the muxer
  // then warns on every frame and newer builds may drop one). Our timestamps come from showinfo.
  return [...sync, '-enc_time_base', '1:1000000'];
}

type SpawnEnd = (error: Error | null, stdoutRing?: unknown, stderrRing?: unknown) => void;
type Spawner = (...args: unknown[]) => unknown;
const EMPTY_RING = { get: () => '', close: () => {}, callback: () => {}, append: () => {} };

/**
 * fluent-ffmpeg 2.1.3 calls its end callback without the output line buffers when the spawn itself
 * fails (ENOENT, EACCES: the binary vanished or lost its exec bit), then reads them and throws from an
 * event handler — an uncaught crash instead of an 'error' event. Handing it empty buffers turns that
 * into the ordinary 'error' event that the driver reports.
 */
function guardSpawnFailure(command: object): void {
  const target = command as { _spawnFfmpeg?: Spawner };
  const spawnFfmpeg = target._spawnFfmpeg;
  if (typeof spawnFfmpeg !== 'function') return;
  target._spawnFfmpeg = function (this: unknown, ...args: unknown[]) {
    // its optional arguments shift, but the end callback is always the last function given
    const last = args.findLastIndex((a) => typeof a === 'function');
    if (last >= 0) {
      const endCB = args[last] as SpawnEnd;
      args[last] = (error: Error | null, stdoutRing?: unknown, stderrRing?: unknown) =>
        endCB(error, stdoutRing ?? EMPTY_RING, stderrRing ?? EMPTY_RING);
    }
    return spawnFfmpeg.apply(this, args);
  };
}
