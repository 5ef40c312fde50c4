/**
 * The batch CSV report: one row per clip, RFC 4180 (CRLF line ends; a field holding a comma, quote,
 * CR or LF — or leading/trailing spaces a spreadsheet would trim — is quoted, quotes doubled).
 * Pure: returns the text; the batch command writes it.
 */
import type { BatchRecord } from '../batch/record.js';

export const CSV_COLUMNS = ['file', 'status', 'mode', 'code', 'color', 'confidence', 'startS', 'endS', 'expected', 'error'] as const;

export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRow(values: ReadonlyArray<string | number | null | undefined>): string {
  return values.map(csvField).join(',');
}

/** Rows sorted by file. `error` holds why a clip failed or could not be diagnosed. */
export function batchCsv(records: readonly BatchRecord[]): string {
  const rows = [csvRow(CSV_COLUMNS)];
  for (const r of sortByFile(records)) {
    const d = r.diagnosis;
    rows.push(
      csvRow([r.file, r.status, d?.mode, d?.code, d?.color, d?.confidence, d?.startS, d?.endS, r.expected, r.status === 'error' ? r.error : r.failure]),
    );
  }
  return `${rows.join('\r\n')}\r\n`;
}

export function sortByFile<T extends { file: string; path: string }>(records: readonly T[]): T[] {
  return records.slice().sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
