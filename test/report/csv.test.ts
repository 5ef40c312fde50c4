import { describe, expect, it } from 'vitest';
import { batchCsv, csvField, CSV_COLUMNS } from '../../src/report/csv.js';
import { errorRecord, failRecord, passRecord } from './batch-records.js';

/** RFC 4180 reader, written from the RFC's grammar, to read back what batchCsv wrote. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
      } else if (c === '"') {
        quoted = false;
        i++;
        if (i < text.length && text[i] !== ',' && text[i] !== '\r') throw new Error(`text after a closing quote at ${i}`);
      } else {
        field += c;
        i++;
      }
    } else if (c === '"') {
      if (field !== '') throw new Error(`quote inside an unquoted field at ${i}`);
      quoted = true;
      i++;
    } else if (c === ',') {
      row.push(field);
      field = '';
      i++;
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += 2;
    } else if (c === '\n' || c === '\r') {
      throw new Error(`bare line break at ${i}`);
    } else {
      field += c;
      i++;
    }
  }
  if (quoted) throw new Error('unterminated quoted field');
  if (field !== '' || row.length > 0) throw new Error('last record lacks its CRLF');
  return rows;
}

describe('batch CSV', () => {
  it('quotes only what RFC 4180 requires, doubling quotes', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField(0.91)).toBe('0.91');
    expect(csvField(null)).toBe('');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\rhere')).toBe('"cr\rhere"');
    expect(csvField(' padded')).toBe('" padded"');
  });

  it('writes one row per clip, sorted by file, that reads back field for field', () => {
    const nasty = 'line 3/unit "7", rework\r\nbatch.mp4';
    const records = [
      errorRecord('z-empty.mp4', { error: 'not a video file: "z-empty.mp4", it is text' }),
      failRecord(nasty),
      passRecord('a-good.mp4'),
    ];
    const text = batchCsv(records);
    const rows = parseCsv(text);
    expect(rows[0]).toEqual([...CSV_COLUMNS]);
    expect(rows.slice(1).map((r) => r[0])).toEqual(['a-good.mp4', nasty, 'z-empty.mp4']);
    expect(rows.every((r) => r.length === CSV_COLUMNS.length)).toBe(true);
    expect(rows[1]).toEqual(['a-good.mp4', 'pass', 'connected', '', 'cyan', '0.91', '6.4', '12', 'connected', '']);
    expect(rows[2]).toEqual([nasty, 'fail', 'sos', '8', 'red', '0.97', '0', '9.8', 'connected', 'expected connected, diagnosed sos:8']);
    expect(rows[3]).toEqual(['z-empty.mp4', 'error', '', '', '', '', '', '', 'connected', 'not a video file: "z-empty.mp4", it is text']);
  });

  it('is just the header for no records', () => {
    expect(parseCsv(batchCsv([]))).toEqual([[...CSV_COLUMNS]]);
  });
});
