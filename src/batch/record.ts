/**
 * One line of the batch JSONL: the `diagnose --json` contract object (DESIGN.md §3) plus the
 * verdict. `file` is the clip's path as the batch shows it (relative to the working folder), not
 * just its base name, because a day's recordings often repeat names across folders; `path` is the
 * absolute path, which `--resume` matches on. For an `error`, what could not be measured is null.
 */
import type { DiagnosisJson } from '../report/diagnosis-json.js';

export type BatchStatus = 'pass' | 'fail' | 'error';
/** Why a clip could not be diagnosed: exit 2 of `diagnose`, exit 3, or anything else (a bug, a crash). */
export type ErrorKind = 'bad-input' | 'no-led' | 'internal';

export interface BatchRecord {
  file: string;
  device: DiagnosisJson['device'];
  video: DiagnosisJson['video'] | null;
  led: DiagnosisJson['led'];
  diagnosis: DiagnosisJson['diagnosis'] | null;
  timeline: DiagnosisJson['timeline'] | null;
  status: BatchStatus;
  /** The expectation this clip was judged against, as typed (`sos:8`, `seq off,connected within 20s`), or null. */
  expected: string | null;
  /** Why a `fail` failed, in one line; null otherwise. */
  failure: string | null;
  /** Why an `error` could not be diagnosed, in one line; null otherwise. */
  error: string | null;
  errorKind: ErrorKind | null;
  /** Seconds the worker spent on this clip. */
  elapsedS: number;
  path: string;
}

export function errorKindOf(exitCode: number | undefined): ErrorKind {
  return exitCode === 2 ? 'bad-input' : exitCode === 3 ? 'no-led' : 'internal';
}

export function errorRecord(
  input: { file: string; path: string },
  device: DiagnosisJson['device'],
  expected: string | null,
  message: string,
  kind: ErrorKind,
  elapsedS: number,
): BatchRecord {
  return {
    file: input.file,
    device,
    video: null,
    led: null,
    diagnosis: null,
    timeline: null,
    status: 'error',
    expected,
    failure: null,
    error: message.split('\n')[0] || 'unknown error',
    errorKind: kind,
    elapsedS,
    path: input.path,
  };
}

const STATUSES: readonly string[] = ['pass', 'fail', 'error'];

/** A parsed JSONL line is a complete record (torn or foreign lines are not). */
export function isBatchRecord(value: unknown): value is BatchRecord {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.file === 'string' && typeof v.path === 'string' && typeof v.status === 'string' && STATUSES.includes(v.status);
}
