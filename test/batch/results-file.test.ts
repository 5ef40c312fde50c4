import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acquireLock, openResultsWriter, parseResults, readResults } from '../../src/batch/results-file.js';
import { BadInputError } from '../../src/errors.js';
import { errorRecord, passRecord } from '../report/batch-records.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ledscope-results-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const line = (r: object): string => `${JSON.stringify(r)}\n`;

describe('results JSONL', () => {
  it('appends one line per record and reads them back', () => {
    const out = join(dir, 'r.jsonl');
    const w = openResultsWriter(out, { resume: false });
    w.append(passRecord('a.mp4'));
    w.append(errorRecord('b.mp4'));
    w.close();
    const text = readFileSync(out, 'utf8');
    expect(text.split('\n')).toHaveLength(3);
    expect(readResults(out).map((r) => [r.file, r.status])).toEqual([
      ['a.mp4', 'pass'],
      ['b.mp4', 'error'],
    ]);
  });

  it('refuses an existing file without --resume, and leaves it alone', () => {
    const out = join(dir, 'r.jsonl');
    writeFileSync(out, line(passRecord('a.mp4')));
    expect(() => openResultsWriter(out, { resume: false })).toThrow(/already exists: pass --resume .* or --out another file/);
    expect(readFileSync(out, 'utf8')).toBe(line(passRecord('a.mp4')));
  });

  it('on resume, counts complete lines as done and cuts a torn tail away', () => {
    const out = join(dir, 'r.jsonl');
    const whole = line(passRecord('a.mp4')) + line(passRecord('b.mp4'));
    const torn = line(passRecord('c.mp4')).slice(0, 57);
    writeFileSync(out, whole + torn);
    const w = openResultsWriter(out, { resume: true });
    expect([...w.done.keys()]).toEqual(['/data/a.mp4', '/data/b.mp4']);
    expect(w.repairedBytes).toBe(torn.length);
    expect(readFileSync(out, 'utf8')).toBe(whole);
    w.append(passRecord('c.mp4'));
    w.close();
    expect(readResults(out).map((r) => r.file)).toEqual(['a.mp4', 'b.mp4', 'c.mp4']);
  });

  it('treats a newline-terminated garbage tail as torn too, but refuses garbage in the middle', () => {
    const good = line(passRecord('a.mp4'));
    expect(parseResults(Buffer.from(`${good}{"file":"x"\n{"fi`), 'r')).toMatchObject({ validBytes: good.length, tornBytes: 16 });
    expect(() => parseResults(Buffer.from(`${good}not json\n${good}`), 'r.jsonl')).toThrow(/line 2 .* not a complete result/);
    expect(parseResults(Buffer.from(''), 'r')).toMatchObject({ records: [], validBytes: 0, tornBytes: 0 });
  });

  it('reads duplicates of a clip once', () => {
    const out = join(dir, 'r.jsonl');
    writeFileSync(out, line(passRecord('a.mp4')) + line(errorRecord('a.mp4')));
    expect(readResults(out).map((r) => r.status)).toEqual(['pass']);
  });

  it('locks the file against a second live run, and takes over a dead run\'s lock', () => {
    const out = join(dir, 'r.jsonl');
    const lock = acquireLock(out);
    writeFileSync(`${out}.lock`, '1\n'); // pid 1 is always alive
    expect(() => acquireLock(out)).toThrow(BadInputError);
    writeFileSync(`${out}.lock`, '2147483646\n'); // no such process
    const taken = acquireLock(out);
    taken.release();
    expect(existsSync(`${out}.lock`)).toBe(false);
    lock.release();
  });

  it('appends after a repaired tail without gluing lines together', () => {
    const out = join(dir, 'r.jsonl');
    writeFileSync(out, line(passRecord('a.mp4')));
    appendFileSync(out, '{"file":"b.mp4","dev');
    const w = openResultsWriter(out, { resume: true });
    w.append(passRecord('b.mp4'));
    w.close();
    const lines = readFileSync(out, 'utf8').trimEnd().split('\n');
    expect(lines.map((l) => JSON.parse(l).file)).toEqual(['a.mp4', 'b.mp4']);
  });
});
