#!/usr/bin/env node
/**
 * Thin command-line shell over the library: parse arguments, call one function, print, exit.
 * Every command lives in ./commands/<name>.ts and exports `register(program)`.
 */
import { Command } from 'commander';
import { reportError } from './report-error.js';
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

async function main(argv: string[]): Promise<void> {
  const debug = argv.includes('--debug');
  // A throw from an event handler (a child process, a stream) never reaches the try below; without
  // this Node prints a stack and exits 1. Report it as one line like any other error.
  const onStray = (error: unknown): void => {
    process.exitCode = reportError(error, debug);
    process.exit();
  };
  process.on('uncaughtException', onStray);
  process.on('unhandledRejection', onStray);
  try {
    await buildProgram().parseAsync(argv);
  } catch (error) {
    process.exitCode = reportError(error, debug);
  }
}

await main(process.argv);
