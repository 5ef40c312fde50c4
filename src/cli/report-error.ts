/**
 * The CLI's error path in one importable place (main.ts runs the program on import, so scripts such
 * as scripts/fuzz.mjs that must map errors exactly as the CLI does import this module instead).
 */
import { CommanderError } from 'commander';
import { EXIT, LedscopeError } from '../errors.js';

/** One line on stderr and the contract's exit code; a stack only with --debug. */
export function reportError(
  error: unknown,
  debug: boolean,
  writeStderr: (text: string) => void = (text) => void process.stderr.write(text),
): number {
  if (error instanceof CommanderError) {
    // commander has already printed its message (usage errors, --help, --version)
    return error.exitCode === 0 ? EXIT.ok : EXIT.badInput;
  }
  if (error instanceof LedscopeError) {
    writeStderr(`ledscope: ${oneLine(error.message)}\n`);
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  writeStderr(`ledscope: internal error: ${oneLine(message)} (rerun with --debug for details)\n`);
  if (debug && error instanceof Error && error.stack) writeStderr(`${error.stack}\n`);
  return EXIT.failed;
}

/** The contract is one line: a message that quotes ffmpeg or a file name with a newline must not break it. */
function oneLine(message: string): string {
  return message.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}
