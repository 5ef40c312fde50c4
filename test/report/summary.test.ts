import { describe, expect, it } from 'vitest';
import { buildSummary, summaryText } from '../../src/report/summary.js';
import { errorRecord, failRecord, passRecord } from './batch-records.js';

describe('batch summary', () => {
  const records = [
    passRecord('b.mp4'),
    failRecord('a.mp4'),
    errorRecord('c.mp4', { errorKind: 'no-led', error: 'no LED found' }),
    errorRecord('d.mp4'),
    passRecord('e.mp4'),
  ];
  const run = { processed: 4, resumed: 1, jobs: 2, wallS: 8, clipS: 48, shard: '1/2', out: 'r.jsonl' };

  it('counts every result, tallies modes and error kinds, lists problems by file', () => {
    const s = buildSummary(records, run);
    expect(s).toMatchObject({ files: 5, pass: 2, fail: 1, error: 2 });
    expect(s.modes).toEqual({ connected: 2, sos: 1 });
    expect(Object.keys(s.modes)).toEqual(['connected', 'sos']);
    expect(s.errorKinds).toEqual({ 'bad-input': 1, 'no-led': 1, internal: 0 });
    expect(s.problems).toEqual([
      { file: 'a.mp4', status: 'fail', message: 'expected connected, diagnosed sos:8' },
      { file: 'c.mp4', status: 'error', message: 'no LED found' },
      { file: 'd.mp4', status: 'error', message: 'file is empty: /data/x.mp4' },
    ]);
  });

  it('derives this run\'s throughput from what it analysed', () => {
    const s = buildSummary(records, run);
    expect(s.run).toMatchObject({ processed: 4, resumed: 1, wallS: 8, filesPerS: 0.5, clipSPerWallS: 6, jobs: 2, shard: '1/2' });
    expect(buildSummary(records, { ...run, processed: 0, wallS: 0 }).run.filesPerS).toBe(0);
  });

  it('reads as counts then one line per problem', () => {
    const lines = summaryText(buildSummary(records, run)).trimEnd().split('\n');
    expect(lines[0]).toMatch(/^5 clips: 2 pass, 1 fail, 2 error/);
    expect(lines.slice(1, 4).map((l) => l.trim().split(/\s+/)[0])).toEqual(['FAIL', 'ERROR', 'ERROR']);
    expect(lines.at(-1)).toBe('results: r.jsonl');
  });
});
