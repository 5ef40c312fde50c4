/**
 * The batch summary (`--json` on stdout, `--report summary.json`): counts over every result in the
 * JSONL (a resumed run included), per-mode tallies, every problem in one line, and this run's
 * throughput. Pure.
 */
import type { BatchRecord, ErrorKind } from '../batch/record.js';
import { sortByFile } from './csv.js';

export interface BatchRunStats {
  /** Clips analysed by this run (not counting results found on --resume). */
  processed: number;
  /** Results already in the file when this run started. */
  resumed: number;
  jobs: number;
  wallS: number;
  /** Sum of the durations of the clips this run analysed. */
  clipS: number;
  shard: string | null;
  out: string;
}

export interface BatchSummary {
  files: number;
  pass: number;
  fail: number;
  error: number;
  /** Diagnosed mode → number of clips (errors have no mode). */
  modes: Record<string, number>;
  errorKinds: Record<ErrorKind, number>;
  /** Every fail and error, sorted by file. */
  problems: Array<{ file: string; status: 'fail' | 'error'; message: string }>;
  run: BatchRunStats & { filesPerS: number; clipSPerWallS: number };
}

const round = (v: number, digits = 3): number => {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
};

export function buildSummary(records: readonly BatchRecord[], run: BatchRunStats): BatchSummary {
  const modes: Record<string, number> = {};
  const errorKinds: Record<ErrorKind, number> = { 'bad-input': 0, 'no-led': 0, internal: 0 };
  let pass = 0;
  let fail = 0;
  let error = 0;
  for (const r of records) {
    if (r.status === 'pass') pass++;
    else if (r.status === 'fail') fail++;
    else error++;
    if (r.diagnosis) modes[r.diagnosis.mode] = (modes[r.diagnosis.mode] ?? 0) + 1;
    if (r.status === 'error') errorKinds[r.errorKind ?? 'internal']++;
  }
  const sortedModes = Object.fromEntries(Object.entries(modes).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  const problems = sortByFile(records)
    .filter((r) => r.status !== 'pass')
    .map((r) => ({
      file: r.file,
      status: r.status as 'fail' | 'error',
      message: (r.status === 'error' ? r.error : r.failure) ?? '',
    }));
  const wallS = round(run.wallS);
  return {
    files: records.length,
    pass,
    fail,
    error,
    modes: sortedModes,
    errorKinds,
    problems,
    run: {
      ...run,
      wallS,
      clipS: round(run.clipS),
      filesPerS: run.wallS > 0 ? round(run.processed / run.wallS) : 0,
      clipSPerWallS: run.wallS > 0 ? round(run.clipS / run.wallS) : 0,
    },
  };
}

/** The human ending of a batch: counts, then each problem on its own line. */
export function summaryText(s: BatchSummary): string {
  const lines = [
    `${s.files} clips: ${s.pass} pass, ${s.fail} fail, ${s.error} error` +
      (s.run.processed > 0 ? ` — analysed ${s.run.processed} in ${s.run.wallS.toFixed(1)} s (${s.run.filesPerS} files/s, ${s.run.clipSPerWallS}× real time, ${s.run.jobs} jobs)` : '') +
      (s.run.resumed > 0 ? `; ${s.run.resumed} from the earlier run` : ''),
  ];
  for (const p of s.problems) lines.push(`  ${p.status.toUpperCase().padEnd(5)} ${p.file}: ${p.message}`);
  lines.push(`results: ${s.run.out}`);
  return `${lines.join('\n')}\n`;
}
