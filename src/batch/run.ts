/**
 * `ledscope batch`: check a day's recordings in one go. Inputs → sorted clip list → this shard →
 * what `--resume` has not done yet → worker pool → one fsync'ed JSONL line per clip → reports
 * built from the whole JSONL (so a resumed run reports everything) → exit 0 all pass, 1 any fail
 * or error, 2 usage error; 130/143 when interrupted (the results so far are kept).
 */
import { availableParallelism, hostname } from 'node:os';
import { renameSync, statSync, writeFileSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { prepareDiagnosis } from '../diagnose/diagnose-file.js';
import { createProgressBar } from '../cli/progress.js';
import { BadInputError, EXIT } from '../errors.js';
import { batchCsv } from '../report/csv.js';
import type { DiagnosisJson } from '../report/diagnosis-json.js';
import { batchJunit } from '../report/junit.js';
import { buildSummary, summaryText, type BatchSummary } from '../report/summary.js';
import { judge, parseExpectation, type Expectation } from './expect.js';
import { expandInputs, type BatchInput } from './inputs.js';
import { runPool, type PoolJob, type PoolOutcome } from './pool.js';
import { errorRecord, type BatchRecord } from './record.js';
import { acquireLock, openResultsWriter, readResults } from './results-file.js';
import { inShard, parseShard } from './shard.js';

export interface BatchOptions {
  device?: string;
  roi?: string;
  at?: string;
  theme?: string;
  expect?: string;
  expectSequence?: string;
  within?: string;
  jobs?: string;
  out?: string;
  report?: string[];
  resume?: boolean;
  shard?: string;
  json?: boolean;
  timeout?: string;
}

export interface BatchIo {
  stdout: (text: string) => void;
  stderr: NodeJS.WriteStream;
  cwd?: string;
  /** Aborting stops the workers; the run then ends with `interrupted`. */
  signal?: AbortSignal;
}

export interface BatchResult {
  exitCode: number;
  summary: BatchSummary | null;
  interrupted: boolean;
}

export type ReportFormat = 'csv' | 'junit' | 'summary';

export const DEFAULT_OUT = 'ledscope-results.jsonl';

export function reportFormat(file: string): ReportFormat {
  const ext = extname(file).toLowerCase();
  if (ext === '.csv') return 'csv';
  if (ext === '.xml') return 'junit';
  if (ext === '.json') return 'summary';
  throw new BadInputError(`--report ${file}: the format goes by extension: .csv (one row per clip), .xml (JUnit), .json (summary)`);
}

function parseCount(text: string | undefined, flag: string, fallback: number, min: number): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!/^\s*\d+\s*$/.test(text) || n < min) throw new BadInputError(`${flag} "${text}" is not a whole number ≥ ${min}`);
  return n;
}

/** Default results file: in the working folder, one per shard so machines never share one. */
export function defaultOut(shard: { index: number; count: number } | undefined): string {
  return shard && shard.count > 1 ? `ledscope-results.shard-${shard.index}-of-${shard.count}.jsonl` : DEFAULT_OUT;
}

/** The JSONL line for a finished clip. Keeps the contract's key order, then the verdict. */
export function recordFor(input: BatchInput, outcome: PoolOutcome, device: string | null, expectation: Expectation | null): BatchRecord {
  if (!outcome.ok) {
    return errorRecord(input, device as DiagnosisJson['device'], expectation?.text ?? null, outcome.message, outcome.kind, outcome.elapsedS);
  }
  const json = outcome.json;
  const verdict = judge(json.diagnosis, json.timeline, expectation);
  return {
    file: input.file,
    device: json.device,
    video: json.video,
    led: json.led,
    diagnosis: json.diagnosis,
    timeline: json.timeline,
    status: verdict.status,
    expected: expectation?.text ?? null,
    failure: verdict.failure,
    error: null,
    errorKind: null,
    elapsedS: outcome.elapsedS,
    path: input.path,
  };
}

function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

function writeAtomically(file: string, text: string): void {
  // a report is whole or absent: a kill mid-write leaves only the temporary file
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, file);
}

export async function runBatch(inputs: string[], options: BatchOptions, io: BatchIo): Promise<BatchResult> {
  const cwd = io.cwd ?? process.cwd();
  const startedAt = new Date();
  const startMs = performance.now();

  // everything a usage error can come from is checked before any file is touched
  const theme = options.theme !== undefined ? resolve(cwd, options.theme) : undefined;
  const { device } = prepareDiagnosis({ device: options.device, roi: options.roi, at: options.at, theme });
  const expectation = parseExpectation(options);
  const shard = options.shard !== undefined ? parseShard(options.shard) : undefined;
  const jobs = parseCount(options.jobs, '--jobs', availableParallelism(), 1);
  const timeoutS = parseCount(options.timeout, '--timeout', 600, 0);
  const reports = (options.report ?? []).map((f) => ({ file: resolve(cwd, f), name: f, format: reportFormat(f) }));
  const outName = options.out ?? defaultOut(shard);
  const outPath = resolve(cwd, outName);
  if (reports.some((r) => r.file === outPath)) throw new BadInputError(`--report ${outName} would overwrite the results file; pick another name`);

  const all = expandInputs(inputs, cwd);
  const mine = inShard(all, shard);
  const quiet = options.json === true;
  const note = (line: string): void => {
    if (!quiet) io.stderr.write(`${line}\n`);
  };

  const lock = acquireLock(outPath);
  let writer;
  try {
    writer = openResultsWriter(outPath, { resume: options.resume === true, name: outName });
  } catch (error) {
    lock.release();
    throw error;
  }
  try {
    if (writer.repairedBytes > 0) note(`${outName}: cut away a torn last line (${writer.repairedBytes} bytes) left by an interrupted run`);
    const wanted = expectation?.text ?? null;
    for (const r of writer.done.values()) {
      if (r.expected !== wanted || r.device !== (device ?? null)) {
        throw new BadInputError(
          `${outName} holds results judged with ${r.device ? `--device ${r.device} and ` : ''}expectation "${r.expected ?? 'none'}", ` +
            `not "${wanted ?? 'none'}"${device ? ` with --device ${device}` : ''}: resume with the same flags, or pass another --out`,
        );
      }
    }
    const byPath = new Map(mine.map((input) => [input.path, input]));
    const todo = mine.filter((input) => !writer!.done.has(input.path));
    const resumed = mine.length - todo.length;
    const width = Math.min(jobs, Math.max(1, todo.length));
    const fillsCores = width >= availableParallelism();
    note(
      `batch: ${mine.length} clip${mine.length === 1 ? '' : 's'}${shard && shard.count > 1 ? ` (shard ${shard.index}/${shard.count} of ${all.length})` : ''}` +
        `${resumed > 0 ? `, ${resumed} already done` : ''}, ${width} job${width === 1 ? '' : 's'} → ${outName}`,
    );

    const progress = createProgressBar({ total: mine.length, quiet, stream: io.stderr });
    let done = resumed;
    let fails = 0;
    let errors = 0;
    let clipS = 0;
    let processed = 0;
    const running = new Set<string>();
    const detail = (): string => [fails ? `${fails} fail` : '', errors ? `${errors} error` : ''].filter(Boolean).join(' · ');
    progress.update({ done });

    // Biggest files first (size stands in for duration): a long clip started last would leave the
    // other workers idle at the end of the run.
    const poolJobs: PoolJob[] = todo
      .map((input) => ({ input, bytes: fileSize(input.path) }))
      .sort((a, b) => b.bytes - a.bytes)
      .map(({ input }, id) => ({ id, path: input.path }));
    let result: { stopped: boolean };
    try {
      result = await runPool(
        poolJobs,
        {
          jobs,
          timeoutS,
          // workers that fill every core each run on one thread (V8 and ffmpeg): less CPU per clip;
          // with a core to spare, V8's background compiler and ffmpeg's threads make one job faster
          singleThreaded: fillsCores,
          decoderThreads: fillsCores ? 1 : undefined,
          signal: io.signal,
          diagnose: { device, roi: options.roi, at: options.at, theme },
          onStart: (job) => {
            running.add(byPath.get(job.path)!.file);
            progress.update({ current: [...running][0] });
          },
        },
        (job, outcome) => {
          const input = byPath.get(job.path)!;
          const record = recordFor(input, outcome, device ?? null, expectation);
          writer!.append(record);
          processed++;
          done++;
          running.delete(input.file);
          if (record.video) clipS += record.video.durationS;
          if (record.status === 'fail') fails++;
          if (record.status === 'error') errors++;
          progress.update({ done, detail: detail(), current: [...running][0] });
          if (record.status === 'fail') progress.log(`FAIL  ${record.file}: ${record.failure}`);
          if (record.status === 'error') progress.log(`ERROR ${record.file}: ${record.error}`);
        },
      );
    } finally {
      progress.stop();
    }

    if (result.stopped) {
      const left = mine.length - done;
      io.stderr.write(
        `ledscope: interrupted: ${done} of ${mine.length} clips have results in ${outName} (${left} left); ` +
          `run the same command with --resume to finish\n`,
      );
      return { exitCode: io.signal?.reason === 'SIGTERM' ? 143 : 130, summary: null, interrupted: true };
    }

    const wallS = (performance.now() - startMs) / 1000;
    const records = readResults(outPath);
    const summary = buildSummary(records, {
      processed,
      resumed,
      jobs,
      wallS,
      clipS,
      shard: shard ? `${shard.index}/${shard.count}` : null,
      out: outName,
    });
    for (const report of reports) {
      try {
        if (report.format === 'csv') writeAtomically(report.file, batchCsv(records));
        else if (report.format === 'junit') writeAtomically(report.file, batchJunit(records, { timestamp: startedAt.toISOString().replace(/\.\d+Z$/, ''), hostname: hostname() }));
        else writeAtomically(report.file, `${JSON.stringify(summary, null, 2)}\n`);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code ?? 'unwritable';
        throw new BadInputError(`cannot write report ${report.name} (${code}); the results are safe in ${outName}`);
      }
    }
    if (options.json) io.stdout(`${JSON.stringify(summary)}\n`);
    else io.stdout(summaryText(summary) + reports.map((r) => `report: ${r.name}\n`).join(''));
    return { exitCode: summary.fail + summary.error > 0 ? EXIT.failed : EXIT.ok, summary, interrupted: false };
  } finally {
    writer.close();
    lock.release();
  }
}
