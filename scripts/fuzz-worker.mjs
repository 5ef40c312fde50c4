/**
 * Child of scripts/fuzz.mjs: runs `diagnose --json` in-process on each file the parent sends and maps
 * every error through the CLI's own `reportError`, so the outcome (exit code, stderr text) is what
 * the CLI would print — without paying Node + module start-up for every case. The parent owns the
 * per-case timeout and kills this process when a case hangs.
 */
import { runDiagnose } from '../dist/cli/commands/diagnose.js';
import { reportError } from '../dist/cli/report-error.js';

let current = null;

// A throw from an event handler escapes runDiagnose's promise; the CLI reports those as one line
// too (main.ts), but here it is worth flagging separately: it is a bug even when the line is fine.
const stray = (error) => {
  if (!current) return;
  const stderr = [];
  const exitCode = reportError(error, false, (t) => stderr.push(t));
  process.send({ id: current, exitCode, stderr: stderr.join(''), stray: String(error?.stack ?? error).split('\n').slice(0, 4).join(' | ') });
  current = null;
};
process.on('uncaughtException', stray);
process.on('unhandledRejection', stray);

process.on('message', async (msg) => {
  if (msg?.type !== 'case') return;
  current = msg.id;
  let exitCode = 0;
  const stderr = [];
  let stdout = '';
  try {
    await runDiagnose(msg.file, { json: true }, (text) => (stdout += text));
  } catch (error) {
    exitCode = reportError(error, false, (t) => stderr.push(t));
  }
  if (current !== msg.id) return; // already reported as a stray error
  current = null;
  let mode = null;
  if (exitCode === 0) {
    try {
      mode = JSON.parse(stdout).diagnosis?.mode ?? null;
    } catch {
      mode = 'INVALID-JSON';
    }
  }
  process.send({ id: msg.id, exitCode, stderr: stderr.join(''), mode });
});
process.send({ type: 'ready' });
