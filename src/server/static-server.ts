/**
 * The static file server behind `ledscope serve`: GET/HEAD of files inside one build directory and
 * nothing else. Request paths are checked before touching the disk (no `..`, no encoded dots or
 * slashes that decode to one, no absolute or empty segments) and the resolved real path must still
 * sit inside the real root, so a symlink pointing out of the build is a 404. Node edge.
 */
import { createReadStream, promises as fsp } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, sep } from 'node:path';

const MIME: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.bin': 'application/octet-stream',
  '.woff2': 'font/woff2',
};

export function mimeTypeFor(path: string): string {
  return MIME[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * What the page may load: its own files, the camera, blob: clips. No connect-src beyond itself —
 * the browser itself enforces that frames cannot be sent anywhere.
 */
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "worker-src 'self' blob:",
  "style-src 'self'",
  "img-src 'self' blob: data:",
  "media-src 'self' blob: mediastream:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export type Resolved = { ok: true; segments: string[] } | { ok: false; status: 400 | 404 };

/**
 * A request target → path segments under the root, or the status that refuses it. Pure: the
 * traversal rules are checked without the file system.
 */
export function parseRequestPath(target: string | undefined): Resolved {
  if (!target || !target.startsWith('/')) return { ok: false, status: 400 }; // absolute-form, '*', empty
  const raw = target.split(/[?#]/, 1)[0];
  if (raw.includes('\\')) return { ok: false, status: 400 };
  const rawSegments = raw.slice(1).split('/');
  const segments: string[] = [];
  for (let i = 0; i < rawSegments.length; i++) {
    const rs = rawSegments[i];
    let s: string;
    try {
      s = decodeURIComponent(rs);
    } catch {
      return { ok: false, status: 400 };
    }
    // a segment must stay one segment after decoding: %2f, %5c and NUL smuggle separators
    if (s.includes('/') || s.includes('\\') || s.includes('\0')) return { ok: false, status: 400 };
    if (s === '..' || s === '.') return { ok: false, status: 400 };
    if (s === '') {
      // only a trailing slash may be empty ('/', '/dir/'); '//etc' is an absolute path in disguise
      if (i === rawSegments.length - 1) continue;
      return { ok: false, status: 400 };
    }
    // Windows drive letters and dot-files (.git, .env) are never part of a build
    if (/^[a-zA-Z]:/.test(s) || s.startsWith('.')) return { ok: false, status: 404 };
    segments.push(s);
  }
  return { ok: true, segments };
}

function inside(root: string, path: string): boolean {
  return path === root || path.startsWith(root.endsWith(sep) ? root : root + sep);
}

/** The real file for a request, or null (missing, a directory without index.html, or outside the root). */
export async function resolveFile(realRoot: string, segments: readonly string[]): Promise<string | null> {
  let candidate = join(realRoot, ...segments);
  if (!inside(realRoot, candidate)) return null;
  try {
    let real = await fsp.realpath(candidate);
    if (!inside(realRoot, real)) return null;
    let st = await fsp.stat(real);
    if (st.isDirectory()) {
      candidate = join(real, 'index.html');
      real = await fsp.realpath(candidate);
      if (!inside(realRoot, real)) return null;
      st = await fsp.stat(real);
    }
    return st.isFile() ? real : null;
  } catch {
    return null;
  }
}

export interface StaticServerOptions {
  /** Directory served (the built page). */
  root: string;
  /** Interface to bind; loopback by default so the page is not offered to the network. */
  host?: string;
  /** 0 picks a free port. */
  port?: number;
}

export interface StaticServer {
  readonly url: string;
  readonly host: string;
  readonly port: number;
  readonly server: Server;
  close(): Promise<void>;
}

function refuse(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'no-store' });
  res.end(`${text}\n`);
}

async function handle(realRoot: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('Allow', 'GET, HEAD');
    refuse(res, 405, 'method not allowed');
    return;
  }
  const parsed = parseRequestPath(req.url);
  if (!parsed.ok) {
    refuse(res, parsed.status, parsed.status === 400 ? 'bad request path' : 'not found');
    return;
  }
  const file = await resolveFile(realRoot, parsed.segments);
  if (!file) {
    refuse(res, 404, 'not found');
    return;
  }
  const st = await fsp.stat(file);
  // Vite writes content-hashed names under assets/: those never change
  const hashed = parsed.segments[0] === 'assets';
  res.writeHead(200, {
    'Content-Type': mimeTypeFor(file),
    'Content-Length': String(st.size),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Content-Security-Policy': CSP,
    'Permissions-Policy': 'camera=(self), microphone=()',
    'Cache-Control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  const stream = createReadStream(file);
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}

/** Starts serving `root`; resolves once listening. Rejects with the listen error (EADDRINUSE, EACCES…). */
export async function startStaticServer(options: StaticServerOptions): Promise<StaticServer> {
  const realRoot = await fsp.realpath(options.root);
  const host = options.host ?? '127.0.0.1';
  const server = createServer((req, res) => {
    handle(realRoot, req, res).catch(() => {
      if (!res.headersSent) refuse(res, 500, 'internal error');
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const shownHost = host.includes(':') ? `[${host}]` : host === '0.0.0.0' ? '127.0.0.1' : host;
  return {
    url: `http://${shownHost}:${port}/`,
    host,
    port,
    server,
    close() {
      return new Promise((resolve) => {
        server.close(() => resolve());
        // keep-alive sockets would hold close() open until they time out
        server.closeAllConnections();
      });
    },
  };
}
