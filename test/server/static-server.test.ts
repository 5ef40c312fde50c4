import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runServe, startServe } from '../../src/cli/commands/serve.js';
import { BadInputError } from '../../src/errors.js';
import { findOpener } from '../../src/server/open-browser.js';
import { mimeTypeFor, parseRequestPath, startStaticServer, type StaticServer } from '../../src/server/static-server.js';

const base = mkdtempSync(join(tmpdir(), 'ledscope-serve-'));
const root = join(base, 'web');
const outside = join(base, 'outside');
let server: StaticServer;

/** A raw request: the path goes on the wire exactly as written (fetch would normalise `..`). */
function get(path: string, method = 'GET', port = server.port): Promise<{ status: number; type: string | undefined; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, type: res.headers['content-type'], body }));
    });
    req.on('error', reject);
    req.end();
  });
}

beforeAll(async () => {
  mkdirSync(join(root, 'assets'), { recursive: true });
  mkdirSync(join(root, 'sub'), { recursive: true });
  mkdirSync(outside, { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>page</title>');
  writeFileSync(join(root, 'assets', 'index-AbCd1234.js'), 'console.log(1)');
  writeFileSync(join(root, 'assets', 'style-AbCd1234.css'), 'body{}');
  writeFileSync(join(root, 'model.wasm'), Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]));
  writeFileSync(join(root, 'sub', 'index.html'), 'sub page');
  writeFileSync(join(root, '.env'), 'SECRET=1');
  writeFileSync(join(outside, 'secret.txt'), 'TOP SECRET');
  writeFileSync(join(base, 'secret.txt'), 'TOP SECRET');
  symlinkSync(join(outside, 'secret.txt'), join(root, 'link.txt'));
  symlinkSync(outside, join(root, 'linkdir'));
  symlinkSync(join(root, 'assets', 'index-AbCd1234.js'), join(root, 'inside-link.js'));
  server = await startStaticServer({ root });
});

afterAll(async () => {
  await server?.close();
  rmSync(base, { recursive: true, force: true });
});

describe('static server', () => {
  it('binds to loopback by default and serves the page at /', async () => {
    expect(server.host).toBe('127.0.0.1');
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/`);
    const r = await get('/');
    expect(r.status).toBe(200);
    expect(r.type).toBe('text/html; charset=utf-8');
    expect(r.body).toContain('<title>page</title>');
    expect((await get('/sub/')).body).toBe('sub page');
    expect((await get('/index.html?x=1#y')).status).toBe(200);
  });

  it('sends the right MIME types, .wasm included', async () => {
    expect((await get('/assets/index-AbCd1234.js')).type).toBe('text/javascript; charset=utf-8');
    expect((await get('/assets/style-AbCd1234.css')).type).toBe('text/css; charset=utf-8');
    expect((await get('/model.wasm')).type).toBe('application/wasm');
    expect(mimeTypeFor('x.MJS')).toBe('text/javascript; charset=utf-8');
    expect(mimeTypeFor('x.unknown')).toBe('application/octet-stream');
  });

  it('rejects path traversal, plain and encoded', async () => {
    for (const path of [
      '/../secret.txt',
      '/assets/../../secret.txt',
      '/%2e%2e/secret.txt',
      '/%2E%2E/%2e%2e/secret.txt',
      '/..%2fsecret.txt',
      '/assets/..%5c..%5csecret.txt',
      '/%2e%2e%2f%2e%2e%2fsecret.txt',
      '/./index.html',
    ]) {
      const r = await get(path);
      expect([400, 404], path).toContain(r.status);
      expect(r.body, path).not.toContain('TOP SECRET');
    }
  });

  it('rejects absolute paths and malformed targets', async () => {
    for (const path of ['//etc/passwd', '/%2Fetc%2Fpasswd', `/${encodeURIComponent(join(base, 'secret.txt'))}`, '/C:/Windows/win.ini', '/%zz', '/a%00b', `http://127.0.0.1:${server.port}/../secret.txt`]) {
      const r = await get(path);
      expect([400, 404], path).toContain(r.status);
      expect(r.body, path).not.toContain('TOP SECRET');
      expect(r.body, path).not.toContain('root:');
    }
    expect(parseRequestPath('*')).toEqual({ ok: false, status: 400 });
    expect(parseRequestPath('/a/b/')).toEqual({ ok: true, segments: ['a', 'b'] });
  });

  it('does not follow symlinks out of the build, nor serve dot-files', async () => {
    expect((await get('/link.txt')).status).toBe(404);
    expect((await get('/linkdir/secret.txt')).status).toBe(404);
    expect((await get('/.env')).status).toBe(404);
    // a link that stays inside the build is just another file
    expect((await get('/inside-link.js')).status).toBe(200);
    expect((await get('/missing.js')).status).toBe(404);
  });

  it('answers HEAD and refuses other methods', async () => {
    const head = await get('/', 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
    expect((await get('/', 'POST')).status).toBe(405);
  });
});

describe('ledscope serve', () => {
  it('says to build when the page is missing, and names a busy port', async () => {
    await expect(startServe({ port: '0', host: '127.0.0.1', root: outside })).rejects.toThrow(BadInputError);
    await expect(startServe({ port: '0', host: '127.0.0.1', root: outside })).rejects.toThrow(/npm run build/);
    await expect(startServe({ port: String(server.port), host: '127.0.0.1', root })).rejects.toThrow(/already in use/);
    await expect(startServe({ port: '70000', host: '127.0.0.1', root })).rejects.toThrow(/--port 70000/);
  });

  it('prints the URL, serves until stopped, then says so', async () => {
    const stop = new AbortController();
    const lines: string[] = [];
    const running = runServe({ port: '0', host: '127.0.0.1', root }, stop.signal, (l) => lines.push(l));
    await expect.poll(() => lines.length, { timeout: 5000 }).toBeGreaterThan(0);
    const url = /http:\/\/127\.0\.0\.1:(\d+)\//.exec(lines[0]);
    expect(url).not.toBeNull();
    const r = await get('/', 'GET', Number(url![1]));
    expect(r.status).toBe(200);
    stop.abort();
    await running;
    expect(lines.at(-1)).toBe('ledscope: stopped\n');
    await expect(get('/', 'GET', Number(url![1]))).rejects.toThrow();
  });

  it('finds the platform opener on PATH, or none', () => {
    const bin = join(base, 'bin');
    mkdirSync(bin, { recursive: true });
    expect(findOpener('linux', bin)).toBeNull();
    writeFileSync(join(bin, 'xdg-open'), '#!/bin/sh\n', { mode: 0o755 });
    expect(findOpener('linux', bin)?.command).toBe(join(bin, 'xdg-open'));
    expect(findOpener('darwin', bin)).toBeNull();
  });

  it('the built CLI stops cleanly on SIGINT', async () => {
    const cli = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));
    if (!existsSync(cli)) throw new Error('dist/cli/main.js is missing: run `npm run build` before this test (npm test does)');
    const child = spawn(process.execPath, [cli, 'serve', '--port', '0', '--root', root], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    await expect.poll(() => out, { timeout: 10_000 }).toContain('serving the page at');
    const port = Number(/:(\d+)\//.exec(out)![1]);
    expect((await get('/', 'GET', port)).status).toBe(200);
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(out).toContain('ledscope: stopped');
  });
});
