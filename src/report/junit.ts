/**
 * The batch JUnit XML report, the format test stations and CI dashboards (Jenkins, GitLab, Azure)
 * read: one <testsuite> with one <testcase> per clip; a `fail` carries <failure>, an `error`
 * carries <error>, each with a one-line message attribute and the details as text. Everything
 * is escaped, and characters XML 1.0 cannot hold (control bytes in odd file names) are replaced.
 */
import type { BatchRecord } from '../batch/record.js';
import { formatState } from '../batch/expect.js';
import { sortByFile } from './csv.js';

/** Drop what XML 1.0 forbids (C0 controls but tab/LF/CR, lone surrogates, U+FFFE/U+FFFF). */
export function xmlSafe(text: string): string {
  return text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

export function escapeXmlText(text: string): string {
  return xmlSafe(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Attribute values: also quotes, and whitespace a parser would normalise away. */
export function escapeXmlAttr(text: string): string {
  return escapeXmlText(text).replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;');
}

export interface JunitOptions {
  suiteName?: string;
  /** ISO time the run started (the suite's timestamp). */
  timestamp?: string;
  hostname?: string;
}

const secondsAttr = (s: number): string => (Number.isFinite(s) && s > 0 ? s.toFixed(3) : '0');

export function batchJunit(records: readonly BatchRecord[], options: JunitOptions = {}): string {
  const sorted = sortByFile(records);
  const failures = sorted.filter((r) => r.status === 'fail').length;
  const errors = sorted.filter((r) => r.status === 'error').length;
  const time = sorted.reduce((sum, r) => sum + (Number.isFinite(r.elapsedS) ? r.elapsedS : 0), 0);
  const suiteAttrs = [
    `name="${escapeXmlAttr(options.suiteName ?? 'ledscope batch')}"`,
    `tests="${sorted.length}"`,
    `failures="${failures}"`,
    `errors="${errors}"`,
    `skipped="0"`,
    `time="${secondsAttr(time)}"`,
    ...(options.timestamp ? [`timestamp="${escapeXmlAttr(options.timestamp)}"`] : []),
    ...(options.hostname ? [`hostname="${escapeXmlAttr(options.hostname)}"`] : []),
  ].join(' ');
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites tests="${sorted.length}" failures="${failures}" errors="${errors}" time="${secondsAttr(time)}">`];
  lines.push(`  <testsuite ${suiteAttrs}>`);
  for (const r of sorted) {
    const open = `    <testcase classname="ledscope.batch" name="${escapeXmlAttr(r.file)}" time="${secondsAttr(r.elapsedS)}"`;
    const d = r.diagnosis;
    const seen = d ? `diagnosed ${formatState(d)} (confidence ${d.confidence}, ${d.startS}–${d.endS} s)` : '';
    if (r.status === 'pass') {
      lines.push(`${open}>`, `      <system-out>${escapeXmlText(seen)}</system-out>`, '    </testcase>');
    } else if (r.status === 'fail') {
      const message = r.failure ?? 'did not meet the expectation';
      const details = [message, `expected: ${r.expected ?? '(nothing)'}`, seen, ...(r.timeline ? [`timeline: ${r.timeline.map((s) => `${formatState(s)}@${s.startS}s`).join(' ')}`] : [])]
        .filter(Boolean)
        .join('\n');
      lines.push(`${open}>`, `      <failure message="${escapeXmlAttr(message)}" type="expectation">${escapeXmlText(details)}</failure>`, '    </testcase>');
    } else {
      const message = r.error ?? 'could not be diagnosed';
      lines.push(
        `${open}>`,
        `      <error message="${escapeXmlAttr(message)}" type="${escapeXmlAttr(r.errorKind ?? 'internal')}">${escapeXmlText(`${r.path}\n${message}`)}</error>`,
        '    </testcase>',
      );
    }
  }
  lines.push('  </testsuite>', '</testsuites>');
  return `${lines.join('\n')}\n`;
}
