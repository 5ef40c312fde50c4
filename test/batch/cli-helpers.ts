/**
 * Running the built CLI from tests. Each test file compiles its own copy of src (same
 * tsconfig.build.json, ~2 s) into .cache/ and spawns `node <copy>/cli/main.js`: dist/ itself is
 * rebuilt by every `npm test` on a shared checkout, and a CLI or worker process that loads dist/
 * while tsc rewrites it fails to start, which is not what these tests are about.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const FIXTURES = join(ROOT, 'fixtures');

let cli: string | null = null;
let buildDir: string | null = null;

/** Build the private copy (call in beforeAll; pair with removeBuild in afterAll). */
export function ensureBuilt(): void {
  if (cli) return;
  mkdirSync(join(ROOT, '.cache'), { recursive: true });
  buildDir = mkdtempSync(join(ROOT, '.cache', 'batch-test-dist-'));
  try {
    execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json', '--outDir', buildDir, '--sourceMap', 'false'], { cwd: ROOT, stdio: 'pipe' });
  } catch (error) {
    // tsc still emits when another module has a type error; only a missing CLI is fatal here
    if (!existsSync(join(buildDir, 'cli/main.js'))) throw error;
  }
  cli = join(buildDir, 'cli/main.js');
}

export function removeBuild(): void {
  if (buildDir) rmSync(buildDir, { recursive: true, force: true });
  buildDir = null;
  cli = null;
}

export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** `env` is added to this process's environment (e.g. LEDSCOPE_FFMPEG for a fake ffmpeg). */
export function startCli(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): { child: ChildProcess; done: Promise<CliRun> } {
  if (!cli) throw new Error('call ensureBuilt() in beforeAll first');
  const child = spawn(process.execPath, [cli, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (t: string) => (stdout += t));
  child.stderr!.setEncoding('utf8').on('data', (t: string) => (stderr += t));
  const done = new Promise<CliRun>((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })));
  return { child, done };
}

export function runCli(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  return startCli(args, cwd, env).done;
}

/**
 * A folder of clips: real fixtures copied under new names, plus the bad files a factory share
 * really holds (an empty file from a crashed recorder, a text file, random bytes).
 */
export function makeClipFolder(real: Record<string, string>, bad: { zero?: string; text?: string; random?: string } = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'ledscope-batch-'));
  mkdirSync(join(dir, 'clips'));
  for (const [name, fixture] of Object.entries(real)) {
    mkdirSync(dirname(join(dir, 'clips', name)), { recursive: true });
    copyFileSync(join(FIXTURES, fixture), join(dir, 'clips', name));
  }
  if (bad.zero) writeFileSync(join(dir, 'clips', bad.zero), '');
  if (bad.text) writeFileSync(join(dir, 'clips', bad.text), 'station 4 log: unit 1187 passed\n');
  if (bad.random) {
    // deterministic noise (a tiny LCG) so the test is the same every run
    const bytes = new Uint8Array(40_000);
    let x = 12345;
    for (let i = 0; i < bytes.length; i++) {
      x = (Math.imul(x, 1103515245) + 12345) >>> 0;
      bytes[i] = x >>> 24;
    }
    writeFileSync(join(dir, 'clips', bad.random), bytes);
  }
  return dir;
}

export function readJsonl(file: string): Array<Record<string, any>> {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l));
}
