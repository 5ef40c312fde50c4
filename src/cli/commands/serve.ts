/**
 * `ledscope serve [--port P] [--host H] [--open]`: serve the browser page (webcam or dropped clip,
 * diagnosed in the page by the same core as `diagnose`) from the built `dist/web`, on loopback by
 * default. Runs until SIGINT/SIGTERM.
 */
import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BadInputError } from '../../errors.js';
import { openInBrowser } from '../../server/open-browser.js';
import { startStaticServer, type StaticServer } from '../../server/static-server.js';

interface ServeOptions {
  port: string;
  host: string;
  open?: boolean;
  root?: string;
}

export const DEFAULT_PORT = 4178;

/** dist/web beside this package's dist/cli (the same path from src/ under vitest). */
export function defaultWebRoot(): string {
  return fileURLToPath(new URL('../../../dist/web/', import.meta.url));
}

function parsePort(text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new BadInputError(`--port ${text}: expected a port number 0 to 65535 (0 = any free port)`);
  return n;
}

/** Starts the server with the CLI's checks and messages; the caller owns its lifetime. */
export async function startServe(o: ServeOptions): Promise<StaticServer> {
  const root = o.root ?? defaultWebRoot();
  if (!existsSync(join(root, 'index.html'))) {
    throw new BadInputError(`the web page is not built (${join(root, 'index.html')} is missing): run \`npm run build\` in the ledscope package`);
  }
  const port = parsePort(o.port);
  try {
    return await startStaticServer({ root, host: o.host, port });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new BadInputError(`port ${port} on ${o.host} is already in use: pass --port with another number (or --port 0)`);
    if (code === 'EACCES') throw new BadInputError(`not allowed to listen on ${o.host}:${port}: pick a port above 1024`);
    if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') throw new BadInputError(`--host ${o.host}: not an address of this machine (try 127.0.0.1)`);
    throw error;
  }
}

/**
 * Serves until `signal` aborts, printing the URL (and the opener's fate) through `write`. The command
 * wires SIGINT/SIGTERM to the signal; tests pass their own.
 */
export async function runServe(o: ServeOptions, signal: AbortSignal, write: (line: string) => void): Promise<void> {
  const server = await startServe(o);
  write(`ledscope: serving the page at ${server.url} (Ctrl+C to stop)\n`);
  if (o.host !== '127.0.0.1' && o.host !== 'localhost' && o.host !== '::1') {
    write('ledscope: note: browsers only allow the camera on localhost or https; other machines can use clip drop only\n');
  }
  if (o.open && !(await openInBrowser(server.url))) {
    write(`ledscope: no browser opener found (xdg-open/open): open ${server.url} yourself\n`);
  }
  if (!signal.aborted) await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
  await server.close();
  write('ledscope: stopped\n');
}

export function register(program: Command): void {
  program
    .command('serve')
    .description('serve the browser page: point a webcam at the LED (or drop a clip) and read the diagnosis; video stays on this machine')
    .option('--port <n>', 'port to listen on (0 = any free port)', String(DEFAULT_PORT))
    .option('--host <addr>', 'interface to bind (loopback by default; the camera needs localhost or https)', '127.0.0.1')
    .option('--open', 'open the page in the system browser')
    .option('--root <dir>', "serve another build of the page (default: the package's dist/web)")
    .action(async (o: ServeOptions) => {
      const stop = new AbortController();
      const onSignal = () => stop.abort();
      process.once('SIGINT', onSignal);
      process.once('SIGTERM', onSignal);
      try {
        await runServe(o, stop.signal, (line) => process.stdout.write(line));
      } finally {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
      }
    });
}
