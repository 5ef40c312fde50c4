/**
 * `serve --open`: hand the URL to the system's opener (xdg-open on Linux, open on macOS, start on
 * Windows) when one is installed; otherwise the caller prints the URL for the person to open.
 * Node edge.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/** The opener command for this platform if it is on PATH, else null. */
export function findOpener(platform: NodeJS.Platform = process.platform, path: string = process.env.PATH ?? ''): { command: string; args: string[] } | null {
  if (platform === 'win32') return { command: 'cmd', args: ['/c', 'start', '""'] };
  const name = platform === 'darwin' ? 'open' : 'xdg-open';
  for (const dir of path.split(delimiter)) {
    if (dir && existsSync(join(dir, name))) return { command: join(dir, name), args: [] };
  }
  return null;
}

/** Opens `url` in the default browser; false when there is no opener or it failed to start. */
export function openInBrowser(url: string): Promise<boolean> {
  const opener = findOpener();
  if (!opener) return Promise.resolve(false);
  return new Promise((resolve) => {
    const child = spawn(opener.command, [...opener.args, url], { stdio: 'ignore', detached: true });
    child.once('error', () => resolve(false));
    child.once('spawn', () => {
      child.unref();
      resolve(true);
    });
  });
}
