/**
 * A one-line progress bar with ETA for long CLI runs, drawn on stderr only when it is a terminal (a
 * log file or a pipe gets nothing) and the caller is not in a machine-readable mode such as --json.
 * The ETA is the mean time per finished item so far × items left: crude, but it never goes
 * backwards wildly the way an instantaneous rate does with parallel workers finishing in bursts.
 */
import type { ExtractProgress } from '../extract/extract-series.js';

export interface ProgressState {
  done: number;
  total: number;
  elapsedMs: number;
  /** Short text after the counts, e.g. "2 fail · 1 error". */
  detail?: string;
  /** What is being worked on now, shown last and cut to fit. */
  current?: string;
}

export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '--:--';
  const total = Math.round(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const mm = String(m).padStart(h > 0 ? 2 : 1, '0');
  return `${h > 0 ? `${h}:` : ''}${mm}:${String(s).padStart(2, '0')}`;
}

/** ETA in ms, or NaN before the first item finishes. */
export function etaMs(state: Pick<ProgressState, 'done' | 'total' | 'elapsedMs'>): number {
  if (state.done <= 0) return NaN;
  return ((state.total - state.done) * state.elapsedMs) / state.done;
}

/** The bar as a string no wider than `columns` (no escape codes). */
export function formatProgress(state: ProgressState, columns: number): string {
  const pct = state.total > 0 ? Math.min(1, state.done / state.total) : 1;
  const eta = state.done >= state.total ? 'done' : `ETA ${formatDuration(etaMs(state))}`;
  const counts = `${state.done}/${state.total}`;
  const tail = [counts, state.detail, formatDuration(state.elapsedMs), eta].filter(Boolean).join(' · ');
  const barWidth = Math.max(0, Math.min(30, columns - tail.length - 4));
  const filled = Math.round(pct * barWidth);
  let line = barWidth >= 5 ? `[${'#'.repeat(filled)}${'-'.repeat(barWidth - filled)}] ${tail}` : tail;
  if (state.current && line.length + 3 < columns) line += ` · ${state.current}`;
  if (line.length > columns) line = columns > 1 ? `${line.slice(0, columns - 1)}…` : '';
  return line;
}

export interface ProgressBar {
  readonly enabled: boolean;
  update(patch: Partial<Omit<ProgressState, 'elapsedMs'>>): void;
  /** Print a line above the bar (redrawn under it); a plain line when there is no bar; nothing when quiet. */
  log(line: string): void;
  /** Erase the bar; further updates are ignored. */
  stop(): void;
}

export interface ProgressOptions {
  total: number;
  stream?: NodeJS.WriteStream;
  /** Force off (e.g. --json); it is off anyway when the stream is not a TTY. */
  quiet?: boolean;
  /** Minimum ms between redraws. */
  intervalMs?: number;
}

export function createProgressBar(options: ProgressOptions): ProgressBar {
  const stream = options.stream ?? process.stderr;
  const enabled = !options.quiet && stream.isTTY === true;
  const state: ProgressState = { done: 0, total: options.total, elapsedMs: 0 };
  const startMs = Date.now();
  const intervalMs = options.intervalMs ?? 100;
  let lastDrawMs = 0;
  let stopped = false;
  let ticker: NodeJS.Timeout | null = null;

  const draw = (): void => {
    if (!enabled || stopped) return;
    state.elapsedMs = Date.now() - startMs;
    lastDrawMs = Date.now();
    stream.write(`\r\x1b[K${formatProgress(state, Math.max(20, (stream.columns || 80) - 1))}`);
  };
  if (enabled) {
    // keep the clock and ETA moving while a long clip is analysed
    ticker = setInterval(draw, 1000);
    ticker.unref();
    draw();
  }
  return {
    enabled,
    update(patch): void {
      Object.assign(state, patch);
      if (Date.now() - lastDrawMs >= intervalMs || state.done >= state.total) draw();
    },
    log(line): void {
      if (options.quiet) return;
      if (!enabled || stopped) {
        stream.write(`${line}\n`);
        return;
      }
      stream.write(`\r\x1b[K${line}\n`);
      draw();
    },
    stop(): void {
      if (stopped) return;
      stopped = true;
      if (ticker) clearInterval(ticker);
      if (enabled) stream.write('\r\x1b[K');
    },
  };
}

/** One self-overwriting stderr line for a single clip's extraction (search, then tracking), ≤ ~7 updates/s. */
export function extractProgressLine(): (p: ExtractProgress) => void {
  let lastMs = 0;
  return (p) => {
    const now = Date.now();
    if (now - lastMs < 150) return;
    lastMs = now;
    const frac = p.durationMs > 0 ? Math.min(1, p.tMs / p.durationMs) : 0;
    const label = p.phase === 'search' ? 'looking for the LED' : 'following the LED';
    process.stderr.write(`\r\x1b[K${label}: ${(p.tMs / 1000).toFixed(1)} s / ${(p.durationMs / 1000).toFixed(1)} s (${Math.round(frac * 100)}%)`);
  };
}
