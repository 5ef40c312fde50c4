/**
 * The batch's results JSONL: one line per finished clip, appended and fsync'ed before the next, so
 * a run killed at any moment (SIGKILL, power loss) loses at most the clip it was writing. Only the
 * main process writes it (workers send results over IPC), so lines never interleave.
 *
 * On `--resume`, the file is read back: every complete result line counts as done; a torn last line
 * (no newline, or not a result) is cut away before anything is appended, so the file never holds a
 * half line followed by a whole one.
 */
import { closeSync, existsSync, fsyncSync, ftruncateSync, openSync, readFileSync, readSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { BadInputError } from '../errors.js';
import { isBatchRecord, type BatchRecord } from './record.js';

export interface ParsedResults {
  records: BatchRecord[];
  /** Byte length of the file up to the end of its last complete result line. */
  validBytes: number;
  /** Bytes after that: a torn or garbled tail. */
  tornBytes: number;
}

/**
 * Parse JSONL bytes. Invalid lines at the end are a torn tail; an invalid line followed by valid
 * ones cannot come from our own writes (it was edited or concatenated), so it is refused.
 */
export function parseResults(bytes: Uint8Array, name: string): ParsedResults {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const records: BatchRecord[] = [];
  let validBytes = 0;
  let firstBad: { line: number } | null = null;
  let offset = 0;
  let lineNo = 0;
  while (offset < text.length) {
    const nl = text.indexOf(0x0a, offset);
    const end = nl < 0 ? text.length : nl + 1;
    lineNo++;
    const line = text.toString('utf8', offset, nl < 0 ? text.length : nl).trim();
    let record: BatchRecord | null = null;
    if (nl >= 0 && line !== '') {
      try {
        const value: unknown = JSON.parse(line);
        if (isBatchRecord(value)) record = value;
      } catch {
        record = null;
      }
    }
    if (record) {
      if (firstBad) {
        throw new BadInputError(
          `${name} line ${firstBad.line} is not a complete result but later lines are: it was edited or concatenated badly; fix that line, or pass another --out`,
        );
      }
      records.push(record);
      validBytes = end;
    } else if (line === '' && nl >= 0 && !firstBad) {
      validBytes = end; // a blank line is harmless
    } else if (!firstBad) {
      firstBad = { line: lineNo };
    }
    offset = end;
  }
  return { records, validBytes, tornBytes: text.length - validBytes };
}

/** Read every result of a JSONL file (for reports); duplicates of a path keep the first. */
export function readResults(path: string): BatchRecord[] {
  const parsed = parseResults(readFileSync(path), path);
  const seen = new Set<string>();
  return parsed.records.filter((r) => (seen.has(r.path) ? false : (seen.add(r.path), true)));
}

export interface ResultsWriter {
  readonly path: string;
  /** Results already in the file (resume), by absolute clip path. */
  readonly done: Map<string, BatchRecord>;
  /** Bytes of torn tail cut away on open (0 when the file was clean). */
  readonly repairedBytes: number;
  append(record: BatchRecord): void;
  close(): void;
}

function fsyncDir(file: string): void {
  // make the new file's directory entry durable too; some platforms cannot open a folder
  try {
    const fd = openSync(dirname(file), 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    /* best effort */
  }
}

function readAll(fd: number): Buffer {
  const chunks: Buffer[] = [];
  let position = 0;
  for (;;) {
    const chunk = Buffer.alloc(1 << 20);
    const n = readSync(fd, chunk, 0, chunk.length, position);
    if (n === 0) break;
    chunks.push(chunk.subarray(0, n));
    position += n;
  }
  return Buffer.concat(chunks);
}

/**
 * Open the results file for appending. Without `resume`, an existing file is refused (exit 2) rather
 * than overwritten or silently extended.
 */
export function openResultsWriter(path: string, options: { resume: boolean; name?: string }): ResultsWriter {
  const file = options.name ?? path;
  path = resolve(path);
  const exists = existsSync(path);
  if (exists && !options.resume) {
    throw new BadInputError(`${file} already exists: pass --resume to finish that run, or --out another file`);
  }
  let fd: number;
  try {
    fd = openSync(path, exists ? 'r+' : 'wx+');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unwritable';
    throw new BadInputError(`cannot write results to ${file} (${code}); pass --out with a writable path`);
  }
  if (!exists) fsyncDir(path);
  const done = new Map<string, BatchRecord>();
  let repairedBytes = 0;
  let size = 0;
  try {
    const parsed = parseResults(readAll(fd), file);
    for (const r of parsed.records) if (!done.has(r.path)) done.set(r.path, r);
    if (parsed.tornBytes > 0) {
      ftruncateSync(fd, parsed.validBytes);
      fsyncSync(fd);
      repairedBytes = parsed.tornBytes;
    }
    size = parsed.validBytes;
  } catch (error) {
    closeSync(fd);
    throw error;
  }
  let position = size;
  return {
    path,
    done,
    repairedBytes,
    append(record: BatchRecord): void {
      const bytes = Buffer.from(`${JSON.stringify(record)}\n`, 'utf8');
      let written = 0;
      while (written < bytes.length) written += writeSync(fd, bytes, written, bytes.length - written, position + written);
      position += bytes.length;
      fsyncSync(fd);
    },
    close(): void {
      closeSync(fd);
    },
  };
}

/**
 * A lock beside the results file so two runs never append to the same one. A lock left by a killed
 * run (its process is gone) is taken over.
 */
export function acquireLock(resultsPath: string): { release(): void } {
  const lockPath = `${resolve(resultsPath)}.lock`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(lockPath, `${process.pid}\n`, { flag: 'wx' });
      let released = false;
      return {
        release(): void {
          if (released) return;
          released = true;
          try {
            unlinkSync(lockPath);
          } catch {
            /* already gone */
          }
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
        const code = (error as NodeJS.ErrnoException).code ?? 'unwritable';
        throw new BadInputError(`cannot create ${lockPath} (${code}); pass --out in a writable folder`);
      }
      const pid = Number.parseInt(readFileSafe(lockPath), 10);
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && isAlive(pid)) {
        throw new BadInputError(
          `another ledscope batch (pid ${pid}) is writing ${resultsPath}; wait for it, or delete ${lockPath} if no batch is running`,
        );
      }
      try {
        unlinkSync(lockPath); // stale: its process is gone
      } catch {
        /* raced with another taker; the next attempt decides */
      }
    }
  }
  throw new BadInputError(`cannot take the lock ${lockPath}; delete it if no batch is running`);
}

function readFileSafe(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
