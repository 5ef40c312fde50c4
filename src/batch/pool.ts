/**
 * Runs clips across worker processes (`dist/batch/worker.js`), one clip per worker at a time.
 * A worker that dies or overruns the per-clip timeout costs only its clip (an `internal` error) and
 * is replaced; workers are also replaced after `recycleAfter` clips so a slow leak in a long day's
 * run cannot grow without bound.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { LedscopeError, EXIT } from '../errors.js';
import type { DiagnosisJson } from '../report/diagnosis-json.js';
import type { JobMessage, WorkerDiagnoseOptions, WorkerMessage } from './protocol.js';
import type { ErrorKind } from './record.js';

export interface PoolJob {
  id: number;
  path: string;
}

export type PoolOutcome =
  | { ok: true; json: DiagnosisJson; elapsedS: number }
  | { ok: false; message: string; kind: ErrorKind; elapsedS: number };

export interface PoolOptions {
  jobs: number;
  diagnose: WorkerDiagnoseOptions;
  /** Give up on one clip after this many seconds (0: never). */
  timeoutS: number;
  /** Replace a worker after it has done this many clips. */
  recycleAfter?: number;
  /** Stop handing out clips and kill the workers. */
  signal?: AbortSignal;
  /**
   * Run each worker's V8 on one thread (no background GC or compiler threads): the least CPU per
   * clip, for when the workers already fill every core. Otherwise workers keep V8's background
   * compiler, which takes work off the main thread on the spare core, but not its GC helper threads:
   * measured on 12 fixture clips in one process (node 20), node CPU was 10.5 s by default (main
   * thread 6.3 s), 8.5 s with --single-threaded-gc (main 6.1 s: no slower) and 7.3 s with
   * --single-threaded (main 7.3 s). See README, Performance.
   */
  singleThreaded?: boolean;
  /**
   * ffmpeg decoder threads per worker (LEDSCOPE_FFMPEG_THREADS; unset: one per core). 1 when the
   * workers fill every core, for the same reason as `singleThreaded`; a value the user set wins.
   */
  decoderThreads?: number;
  /** Called when a worker starts a clip (for the progress line). */
  onStart?: (job: PoolJob) => void;
  workerScript?: string;
  env?: NodeJS.ProcessEnv;
}

/** The built worker: beside this module in dist, or dist's copy when running from src (tests). */
export function resolveWorkerScript(): string {
  const sibling = fileURLToPath(new URL('./worker.js', import.meta.url));
  if (existsSync(sibling)) return sibling;
  const built = fileURLToPath(new URL('../../dist/batch/worker.js', import.meta.url));
  if (existsSync(built)) return built;
  throw new LedscopeError('the batch worker (dist/batch/worker.js) is missing: run `npm run build`', EXIT.failed);
}

const STDERR_TAIL = 4000;
/**
 * A worker that dies before taking a clip this many times in a row means none can start. Retries
 * back off (0.25, 0.5, 1, 2 s) because the usual transient cause is `npm run build` rewriting
 * dist/ at the moment a worker loads it.
 */
const MAX_START_FAILURES = 5;

/** The telling line of a dead worker's stderr: the error, not Node's version footer. */
function stderrReason(stderr: string): string {
  const lines = stderr.split('\n').map((l) => l.trim()).filter(Boolean);
  return lines.find((l) => /^(\w*Error|ledscope:)/.test(l)) ?? lines.find((l) => /error/i.test(l)) ?? lines.at(-1) ?? '';
}

interface Slot {
  child: ChildProcess;
  ready: boolean;
  job: PoolJob | null;
  startedMs: number;
  timer: NodeJS.Timeout | null;
  done: number;
  stderr: string;
}

/**
 * Run every job; `onOutcome` is called once per job, in completion order. Resolves when all are done
 * or, after an abort, when the workers are gone (then `stopped` is true and unfinished jobs had no outcome).
 */
export async function runPool(
  jobs: readonly PoolJob[],
  options: PoolOptions,
  onOutcome: (job: PoolJob, outcome: PoolOutcome) => void,
): Promise<{ stopped: boolean }> {
  const script = options.workerScript ?? resolveWorkerScript();
  const queue = jobs.slice();
  const slots = new Set<Slot>();
  const recycleAfter = options.recycleAfter ?? 50;
  let stopped = options.signal?.aborted ?? false;
  let fatal: Error | null = null;
  let startFailures = 0;
  let pendingStarts = 0;
  let finish!: () => void;
  const finished = new Promise<void>((resolve) => (finish = resolve));

  const checkFinished = (): void => {
    if (slots.size === 0 && (pendingStarts === 0 || stopped || fatal) && (queue.length === 0 || stopped || fatal)) finish();
  };

  const complete = (slot: Slot, outcome: PoolOutcome): void => {
    const job = slot.job;
    if (!job) return;
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    slot.job = null;
    slot.done++;
    if (!stopped) onOutcome(job, outcome);
  };

  const next = (slot: Slot): void => {
    if (stopped || fatal || queue.length === 0 || slot.done >= recycleAfter) {
      slot.child.kill('SIGKILL');
      return;
    }
    const job = queue.shift()!;
    slot.job = job;
    slot.startedMs = performance.now();
    if (options.timeoutS > 0) {
      slot.timer = setTimeout(() => {
        complete(slot, {
          ok: false,
          kind: 'internal',
          message: `gave up after ${options.timeoutS} s (--timeout); the clip may be very long or the decoder stuck`,
          elapsedS: options.timeoutS,
        });
        slot.child.kill('SIGKILL');
      }, options.timeoutS * 1000);
    }
    options.onStart?.(job);
    const message: JobMessage = { type: 'job', id: job.id, path: job.path, options: options.diagnose };
    slot.child.send(message);
  };

  const baseEnv = options.env ?? process.env;
  const workerEnv =
    options.decoderThreads !== undefined && baseEnv.LEDSCOPE_FFMPEG_THREADS === undefined
      ? { ...baseEnv, LEDSCOPE_FFMPEG_THREADS: String(options.decoderThreads) }
      : baseEnv;

  const spawnSlot = (): void => {
    const child = fork(script, [], {
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      execArgv: options.singleThreaded ? ['--single-threaded'] : ['--single-threaded-gc'],
      env: workerEnv,
      // Its own process group: a Ctrl-C on the terminal reaches only the main process, which then
      // stops the workers itself. Otherwise a worker (or its ffmpeg) could die of the same SIGINT
      // first and have its clip recorded as an error, which --resume would then never redo.
      detached: true,
    });
    const slot: Slot = {
      child,
      ready: false,
      job: null,
      startedMs: 0,
      timer: null,
      done: 0,
      stderr: '',
    };
    slots.add(slot);
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (text: string) => {
      slot.stderr = (slot.stderr + text).slice(-STDERR_TAIL);
    });
    child.on('message', (message: WorkerMessage) => {
      if (message.type === 'ready') {
        slot.ready = true;
        startFailures = 0;
        next(slot);
        return;
      }
      if (message.type !== 'result' || !slot.job || message.id !== slot.job.id) return;
      const elapsedS = Math.round(performance.now() - slot.startedMs) / 1000;
      complete(slot, message.ok ? { ok: true, json: message.json, elapsedS } : { ok: false, message: message.message, kind: message.kind, elapsedS });
      next(slot);
    });
    child.on('error', () => {
      /* reported through 'exit' */
    });
    child.on('exit', (code, signal) => {
      slots.delete(slot);
      const lastLine = stderrReason(slot.stderr);
      if (slot.job) {
        complete(slot, {
          ok: false,
          kind: 'internal',
          message: `the worker analysing this clip died (${signal ?? `exit code ${code}`})${lastLine ? `: ${lastLine}` : ''}`,
          elapsedS: Math.round(performance.now() - slot.startedMs) / 1000,
        });
      } else if (!slot.ready && !stopped && ++startFailures >= MAX_START_FAILURES) {
        // died before it could take any clip, again and again: every replacement would too
        fatal = new LedscopeError(`a batch worker failed to start (${signal ?? `exit code ${code}`})${lastLine ? `: ${lastLine}` : ''}`, EXIT.failed);
      }
      const failedToStart = !slot.ready && slot.done === 0;
      if (slot.ready) startFailures = 0;
      const idle = slots.size - busyCount() + pendingStarts;
      if (!stopped && !fatal && queue.length > idle && slots.size + pendingStarts < options.jobs) {
        if (failedToStart) {
          pendingStarts++;
          setTimeout(() => {
            pendingStarts--;
            if (!stopped && !fatal && queue.length > 0) spawnSlot();
            checkFinished();
          }, 250 * 2 ** (startFailures - 1));
        } else {
          spawnSlot();
        }
      }
      checkFinished();
    });
  };

  const busyCount = (): number => [...slots].filter((s) => s.job !== null).length;

  const onAbort = (): void => {
    stopped = true;
    for (const slot of slots) {
      if (slot.timer) clearTimeout(slot.timer);
      slot.child.kill('SIGKILL');
    }
    checkFinished();
  };
  options.signal?.addEventListener('abort', onAbort, { once: true });

  const width = Math.min(Math.max(1, options.jobs), queue.length);
  if (!stopped) for (let i = 0; i < width; i++) spawnSlot();
  checkFinished();
  await finished;
  options.signal?.removeEventListener('abort', onAbort);
  if (fatal) throw fatal;
  return { stopped };
}
