/**
 * The worker pool's failure handling, with a stand-in worker script that speaks the same IPC
 * protocol (the real worker is exercised by the CLI tests): a crash, a hang and a worker that cannot
 * start each cost only what they must.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPool, type PoolJob, type PoolOutcome } from '../../src/batch/pool.js';

let dir: string;
let worker: string;
let broken: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ledscope-pool-'));
  worker = join(dir, 'worker.mjs');
  writeFileSync(
    worker,
    `process.on('disconnect', () => process.exit(0));
process.on('message', (job) => {
  if (job.path.includes('crash')) { process.stderr.write('RangeError: boom\\n'); process.exit(7); }
  if (job.path.includes('hang')) return;
  if (job.path.includes('bad')) return process.send({ type: 'result', id: job.id, ok: false, message: 'not a video file', kind: 'bad-input' });
  process.send({ type: 'result', id: job.id, ok: true, json: { file: job.path, pid: process.pid, execArgv: process.execArgv, threads: process.env.LEDSCOPE_FFMPEG_THREADS ?? null } });
});
process.send({ type: 'ready' });
`,
  );
  broken = join(dir, 'broken.mjs');
  writeFileSync(broken, `throw new SyntaxError('Unexpected end of input');\n`);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(paths: string[], extra: { jobs?: number; timeoutS?: number; recycleAfter?: number; script?: string } = {}) {
  const jobs: PoolJob[] = paths.map((path, id) => ({ id, path }));
  const outcomes = new Map<string, PoolOutcome>();
  const result = await runPool(
    jobs,
    { jobs: extra.jobs ?? 2, timeoutS: extra.timeoutS ?? 0, recycleAfter: extra.recycleAfter, diagnose: {}, workerScript: extra.script ?? worker },
    (job, outcome) => {
      expect(outcomes.has(job.path)).toBe(false); // one outcome per job
      outcomes.set(job.path, outcome);
    },
  );
  return { result, outcomes };
}

describe('worker pool', () => {
  it('gives every job one outcome; a crash costs only its clip', async () => {
    const { result, outcomes } = await run(['a', 'b', 'crash-c', 'd', 'bad-e', 'f']);
    expect(result.stopped).toBe(false);
    expect([...outcomes.keys()].sort()).toEqual(['a', 'b', 'bad-e', 'crash-c', 'd', 'f']);
    expect(outcomes.get('crash-c')).toMatchObject({ ok: false, kind: 'internal' });
    expect((outcomes.get('crash-c') as { message: string }).message).toMatch(/died \(exit code 7\): RangeError: boom/);
    expect(outcomes.get('bad-e')).toMatchObject({ ok: false, kind: 'bad-input', message: 'not a video file' });
    expect(outcomes.get('f')).toMatchObject({ ok: true });
  });

  it('gives up on a hung clip after --timeout and carries on', async () => {
    const { outcomes } = await run(['hang-a', 'b', 'c'], { jobs: 1, timeoutS: 1 });
    expect(outcomes.get('hang-a')).toMatchObject({ ok: false, kind: 'internal' });
    expect(outcomes.get('c')).toMatchObject({ ok: true });
  });

  it('replaces workers after recycleAfter clips', async () => {
    const { outcomes } = await run(['a', 'b', 'c', 'd', 'e'], { jobs: 1, recycleAfter: 2 });
    const pids = [...outcomes.values()].map((o) => (o.ok ? (o.json as unknown as { pid: number }).pid : 0));
    expect(new Set(pids).size).toBe(3);
  });

  it('stops on abort without reporting unfinished clips', async () => {
    const controller = new AbortController();
    const outcomes: string[] = [];
    setTimeout(() => controller.abort('SIGINT'), 300);
    const result = await runPool(
      ['hang-1', 'hang-2', 'x'].map((path, id) => ({ id, path })),
      { jobs: 2, timeoutS: 0, diagnose: {}, workerScript: worker, signal: controller.signal },
      (job) => outcomes.push(job.path),
    );
    expect(result.stopped).toBe(true);
    expect(outcomes).toEqual([]);
  });

  it('runs workers on one V8 thread and one decoder thread when they fill the cores; a user-set thread count wins', async () => {
    const seen = async (options: { singleThreaded?: boolean; decoderThreads?: number; env?: NodeJS.ProcessEnv }) => {
      let json: { execArgv: string[]; threads: string | null } | null = null;
      await runPool([{ id: 0, path: 'a' }], { jobs: 1, timeoutS: 0, diagnose: {}, workerScript: worker, ...options }, (_job, outcome) => {
        if (outcome.ok) json = outcome.json as unknown as { execArgv: string[]; threads: string | null };
      });
      return json!;
    };
    const env = { ...process.env };
    delete env.LEDSCOPE_FFMPEG_THREADS;
    expect(await seen({ singleThreaded: true, decoderThreads: 1, env })).toEqual(expect.objectContaining({ execArgv: ['--single-threaded'], threads: '1' }));
    expect(await seen({ env })).toEqual(expect.objectContaining({ execArgv: ['--single-threaded-gc'], threads: null }));
    expect(await seen({ decoderThreads: 1, env: { ...env, LEDSCOPE_FFMPEG_THREADS: '3' } })).toEqual(expect.objectContaining({ threads: '3' }));
  });

  it('fails the run (after retrying) when no worker can start', async () => {
    await expect(run(['a', 'b'], { script: broken })).rejects.toThrow(/failed to start .*SyntaxError: Unexpected end of input/);
  });
});
