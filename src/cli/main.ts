#!/usr/bin/env node
/**
 * Thin command-line shell over the library: parse arguments, call one function, print, exit.
 * Every command lives in ./commands/<name>.ts and exports `register(program)`.
 */
import { Command, CommanderError } from 'commander';
import { LedscopeError, EXIT } from '../errors.js';
import { register as registerCatalog } from './commands/catalog.js';
import { register as registerSynth } from './commands/synth.js';
import { register as registerDoctor } from './commands/doctor.js';
import { register as registerTrace } from './commands/trace.js';
import { register as registerDiagnose } from './commands/diagnose.js';
import { register as registerServe } from './commands/serve.js';
import { register as registerBatch } from './commands/batch.js';

export function buildProgram(): Command {
  const program = new Command();
  program
    .name('ledscope')
    .description('Diagnose a Particle device by watching its RGB status LED.')
    .option('--debug', 'print stack traces for unexpected errors')
    .showHelpAfterError()
    .exitOverride();
  for (const register of [registerCatalog, registerSynth, registerDoctor, registerTrace, registerDiagnose, registerBatch, registerServe]) register(program);
  return program;
}

/** One line on stderr and the contract's exit code; a stack only with --debug. */
export function reportError(error: unknown, debug: boolean): number {
  if (error instanceof CommanderError) {
    // commander has already printed its message (usage errors, --help, --version)
    return error.exitCode === 0 ? EXIT.ok : EXIT.badInput;
  }
  if (error instanceof LedscopeError) {
    process.stderr.write(`ledscope: ${error.message}\n`);
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`ledscope: internal error: ${message.split('\n')[0]} (rerun with --debug for details)\n`);
  if (debug && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
  return EXIT.failed;
}

async function main(argv: string[]): Promise<void> {
  const debug = argv.includes('--debug');
  try {
    await buildProgram().parseAsync(argv);
  } catch (error) {
    process.exitCode = reportError(error, debug);
  }
}

await main(process.argv);
