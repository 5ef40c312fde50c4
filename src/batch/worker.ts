/**
 * A batch worker process: diagnoses one clip at a time for the main process, which forks it with an
 * IPC channel. A worker is a separate process (not a thread) so a crash or runaway memory in one
 * clip costs that clip only; when the main process dies (even by SIGKILL) the channel closes and
 * the worker exits.
 */
import { diagnoseFile, prepareDiagnosis, type PreparedDiagnosis } from '../diagnose/diagnose-file.js';
import { LedscopeError } from '../errors.js';
import type { JobMessage, WorkerMessage } from './protocol.js';
import { errorKindOf } from './record.js';

const send = (message: WorkerMessage): void => {
  if (process.connected) process.send?.(message);
};

/**
 * Every job of a run carries the same options: the theme file is read and the catalog built once per
 * worker, not per clip (a changed options object, which one run never sends, is prepared anew).
 */
let prepared: { key: string; value: PreparedDiagnosis } | null = null;
function preparedFor(options: JobMessage['options']): PreparedDiagnosis {
  const key = JSON.stringify(options);
  if (prepared?.key !== key) prepared = { key, value: prepareDiagnosis(options) };
  return prepared.value;
}

async function handle(job: JobMessage): Promise<void> {
  try {
    const { json } = await diagnoseFile(job.path, preparedFor(job.options));
    send({ type: 'result', id: job.id, ok: true, json });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const kind = error instanceof LedscopeError ? errorKindOf(error.exitCode) : 'internal';
    send({ type: 'result', id: job.id, ok: false, message: message.split('\n')[0], kind });
  }
}

if (!process.send) {
  process.stderr.write('ledscope: src/batch/worker is started by `ledscope batch`, not by hand\n');
  process.exit(2);
}

process.on('disconnect', () => process.exit(0));
process.on('message', (message: JobMessage) => {
  if (message?.type === 'job') void handle(message);
});
send({ type: 'ready' });
