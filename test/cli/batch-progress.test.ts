import { describe, expect, it } from 'vitest';
import { createProgressBar, etaMs, formatDuration, formatProgress } from '../../src/cli/progress.js';

function fakeStream(isTTY: boolean): NodeJS.WriteStream & { text: string } {
  const stream = {
    isTTY,
    columns: 60,
    text: '',
    write(chunk: string) {
      stream.text += chunk;
      return true;
    },
  };
  return stream as unknown as NodeJS.WriteStream & { text: string };
}

describe('progress bar', () => {
  it('formats durations and an ETA from the mean time per item', () => {
    expect(formatDuration(0)).toBe('0:00');
    expect(formatDuration(65_000)).toBe('1:05');
    expect(formatDuration(3_725_000)).toBe('1:02:05');
    expect(formatDuration(NaN)).toBe('--:--');
    expect(etaMs({ done: 0, total: 10, elapsedMs: 5000 })).toBeNaN();
    expect(etaMs({ done: 4, total: 10, elapsedMs: 8000 })).toBe(12_000);
  });

  it('fits the terminal width and shows counts, detail, ETA and the current item', () => {
    const line = formatProgress({ done: 4, total: 10, elapsedMs: 8000, detail: '1 fail', current: 'line-2/unit-0042.mp4' }, 100);
    expect(line).toMatch(/^\[#+-+\] 4\/10 · 1 fail · 0:08 · ETA 0:12 · line-2\/unit-0042\.mp4$/);
    for (const columns of [20, 40, 60]) {
      expect(formatProgress({ done: 4, total: 10, elapsedMs: 8000, detail: '1 fail', current: 'x'.repeat(200) }, columns).length).toBeLessThanOrEqual(columns);
    }
    expect(formatProgress({ done: 10, total: 10, elapsedMs: 8000 }, 80)).toMatch(/\[#{30}\] 10\/10 · 0:08 · done$/);
  });

  it('draws nothing when stderr is not a terminal, but still prints logged lines', () => {
    const stream = fakeStream(false);
    const bar = createProgressBar({ total: 3, stream });
    bar.update({ done: 1 });
    bar.log('FAIL  a.mp4: expected connected, diagnosed sos:8');
    bar.stop();
    expect(bar.enabled).toBe(false);
    expect(stream.text).toBe('FAIL  a.mp4: expected connected, diagnosed sos:8\n');
  });

  it('is silent with quiet (--json), even on a terminal', () => {
    const stream = fakeStream(true);
    const bar = createProgressBar({ total: 3, stream, quiet: true });
    bar.update({ done: 3 });
    bar.log('anything');
    bar.stop();
    expect(stream.text).toBe('');
  });

  it('redraws in place on a terminal and erases itself at the end', () => {
    const stream = fakeStream(true);
    const bar = createProgressBar({ total: 2, stream, intervalMs: 0 });
    bar.update({ done: 1 });
    bar.log('ERROR b.mp4: file is empty');
    bar.update({ done: 2 });
    bar.stop();
    expect(stream.text.startsWith('\r\x1b[K[')).toBe(true);
    expect(stream.text).toContain('\r\x1b[KERROR b.mp4: file is empty\n\r\x1b[K[');
    expect(stream.text).toContain('2/2');
    expect(stream.text.endsWith('\r\x1b[K')).toBe(true);
    expect(stream.text).not.toContain('\n\n');
  });
});
